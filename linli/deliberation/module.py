"""deliberation's declaration: codes, grants and menu entries (小区议事)."""

from django.utils.translation import gettext_lazy as _

from linli.cases.permissions import FILE_CASE
from linli.core import modules
from linli.deliberation import demo
from linli.deliberation.figures import FIGURES
from linli.deliberation.permissions import MANAGE_MEETINGS, VIEW_MEETINGS
from linli.tenancy.permissions import Role

MODULE = modules.register(
    modules.Module(
        label="deliberation",
        verbose_name=_("小区议事"),
        permissions=(
            modules.Permission(MANAGE_MEETINGS, _("召开议事会、记录表决和公示")),
            modules.Permission(VIEW_MEETINGS, _("查看议事会")),
        ),
        grants=modules.grants_by_code(
            {
                MANAGE_MEETINGS: {Role.SECRETARY, Role.WORKER},
                VIEW_MEETINGS: {Role.SECRETARY, Role.WORKER, Role.PROPERTY, Role.HOA, Role.PARTY_SECRETARY},
            }
        ),
        event_kinds={
            "meeting_created": _("建立了议事会议"),
            "meeting_edited": _("修改了会议信息"),
            "agenda_added": _("加入了议程"),
            "attendees_added": _("加入了参会人"),
            "attendance_recorded": _("登记了到会情况"),
            "minutes_saved": _("保存了会议纪要"),
            "resolution_recorded": _("记录了决议和表决结果"),
            "followup_added": _("派发了落实任务"),
            "published": _("公示了决议"),
        },
        menu=(
            modules.MenuEntry(
                "deliberation:meeting_list",
                _("小区议事"),
                "bi-people-fill",
                50,
                lambda s, c: modules.holds(s, c, VIEW_MEETINGS),
            ),
            modules.MenuEntry(
                "deliberation:notice_board",
                _("议事公示"),
                "bi-megaphone",
                51,
                lambda s, c: modules.holds(s, c, FILE_CASE) and not modules.holds(s, c, VIEW_MEETINGS),
            ),
        ),  # fmt: skip
        seed=demo.seed,
        seed_after=("cases",),
        figures=FIGURES,
        walk="linli.deliberation.tests.walk",
    )
)
