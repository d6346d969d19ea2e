"""college's declaration: codes, grants, menu, the figures of the street's overview (社区学院)."""

from django.utils.translation import gettext_lazy as _

from linli.college import demo
from linli.college.figures import FIGURES
from linli.college.permissions import MANAGE_COLLEGE, VIEW_COLLEGE
from linli.core import modules
from linli.participation.owners import register_owner
from linli.tenancy.permissions import Role


def _may_run(scope, offering) -> bool:
    """Staff who manage the college, and the course's lecturer (his roll on the phone)."""
    if scope.has(MANAGE_COLLEGE, offering.community_id):
        return True
    from linli.college.models import Course

    if not scope.user_id:
        return False
    rows = Course.objects.in_community(offering.community_id).filter(offering=offering, lecturer__user_id=scope.user_id)
    return rows.exists()


register_owner("college.course", _may_run)

MODULE = modules.register(
    modules.Module(
        label="college",
        verbose_name=_("社区学院"),
        permissions=(
            modules.Permission(MANAGE_COLLEGE, _("管理社区学院：讲师、学期、课程、课次和资源")),
            modules.Permission(VIEW_COLLEGE, _("查看社区学院的课程和统计")),
        ),
        grants=modules.grants_by_code(
            {
                MANAGE_COLLEGE: {Role.SECRETARY, Role.WORKER},
                VIEW_COLLEGE: {Role.SECRETARY, Role.WORKER, Role.PARTY_SECRETARY},
            }
        ),
        menu=(
            modules.MenuEntry(
                "college:home",
                _("社区学院"),
                "bi-mortarboard",
                56,
                lambda s, c: modules.holds(s, c, VIEW_COLLEGE, MANAGE_COLLEGE),
            ),
        ),  # fmt: skip
        event_kinds={
            "course_created": _("开设了课程"),
            "session_moved": _("调整了课次"),
            "session_cancelled": _("取消了一次课"),
        },
        message_kinds=(
            modules.MessageKind(
                code="college_session_moved",
                label=_("社区学院调课"),
                title=_("调课通知：{course}"),
                body=_("“{course}”第{number}次课改到{date} {time}，地点{venue}。"),
            ),
            modules.MessageKind(
                code="college_session_cancelled",
                label=_("社区学院停课"),
                title=_("停课通知：{course}"),
                body=_("“{course}”{date}的第{number}次课停课：{reason}"),
            ),
        ),  # fmt: skip
        seed=demo.seed,
        seed_after=("people", "volunteering", "venues"),
        figures=FIGURES,
        walk="linli.college.tests.walk",
    )
)
