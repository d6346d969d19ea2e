"""socialwork's declaration: codes and grants, menu entries, the demo's social workers, case and
programme, and the timeline's labels. Being a social worker or a supervisor is not a role: it is a
row of the roster (models.Practitioner) held by a secretary or worker (docs/DECISIONS.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.participation.owners import register_owner
from linli.socialwork.permissions import MANAGE_SOCIALWORK, REFER_CLIENT, VIEW_PROGRAMMES
from linli.tenancy.permissions import Role


def _seed(ctx) -> None:
    from linli.socialwork import demo

    made = demo.seed(ctx)
    if made:
        ctx.say(f"{ctx.community.name}: social workers, {made} case(s), programme 独居不孤独")


def _practises(scope, community_id) -> bool:
    from linli.socialwork.selectors import is_practitioner

    return bool(community_id) and is_practitioner(scope, community_id)


def _refers(scope, community_id) -> bool:
    return modules.holds(scope, community_id, REFER_CLIENT)


def _visit_actions(scope, visit) -> list:
    # A visit that saw someone may refer him to the social workers (the referral page checks again).
    if not visit.seen or not modules.holds(scope, visit.community_id, REFER_CLIENT):
        return []
    return [(_("转介社工"), f"{reverse('socialwork:refer')}?visit={visit.pk}")]


def _manages(scope, community_id) -> bool:
    return modules.holds(scope, community_id, MANAGE_SOCIALWORK)


def _programmes(scope, community_id) -> bool:
    return modules.holds(scope, community_id, VIEW_PROGRAMMES)


def _client(scope, community_id) -> bool:
    return bool(community_id) and Role.RESIDENT in scope.roles.get(community_id, set())


def _supervision_card(request, scope, community):
    from linli.socialwork.selectors import supervision_card

    return supervision_card(actor=request.user, community_id=community.pk)


def _runs_group(scope, offering) -> bool:
    from linli.socialwork.services.groups import may_run

    return may_run(scope, offering)


register_owner("socialwork.group", _runs_group)

MODULE = modules.register(
    modules.Module(
        label="socialwork",
        verbose_name=_("专业社工"),
        permissions=(
            modules.Permission(REFER_CLIENT, _("把居民转介给社工")),
            modules.Permission(MANAGE_SOCIALWORK, _("维护社工名册、督导关系和服务项目")),
            modules.Permission(VIEW_PROGRAMMES, _("查看服务项目及其成效报告（不含个案档案）")),
        ),
        grants=modules.grants_by_code(
            {
                REFER_CLIENT: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                MANAGE_SOCIALWORK: {Role.SECRETARY},
                VIEW_PROGRAMMES: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry("socialwork:cases", _("我的个案"), "bi-person-heart", 50, _practises),
            modules.MenuEntry("socialwork:supervision", _("督导"), "bi-person-check", 51, _practises),
            modules.MenuEntry("socialwork:groups", _("小组工作"), "bi-people", 51, _practises),
            modules.MenuEntry("socialwork:programmes", _("服务项目"), "bi-kanban", 52, _programmes),
            modules.MenuEntry("socialwork:competitions", _("设计大赛"), "bi-trophy", 52, _programmes),
            modules.MenuEntry("socialwork:roster", _("社工名册"), "bi-award", 53, _manages),
            modules.MenuEntry("socialwork:me", _("我的服务计划"), "bi-clipboard-heart", 54, _client),
        ),
        home_cards=(modules.HomeCard("socialwork/cards/supervision.html", 14, _supervision_card),),
        record_actions=(modules.RecordAction("care.visit", _visit_actions),),
        seed=_seed,
        seed_after=("care", "volunteering", "activities"),
        walk="linli.socialwork.tests.walk",
        message_kinds=(
            modules.MessageKind(
                "socialwork_referral_declined",
                _("转介未获接案"),
                _("转介结果"),
                _("您转介给社工的{number}暂未接案，原因：{reason}"),
                sms_params=("number",),  # the reason stays in the app: an SMS carries the number only
            ),
        ),
        event_kinds={
            "case_referred": _("转介至社工"),
            "case_taken": _("接案（已记录知情同意）"),
            "referral_declined": _("未予接案"),
            "case_assessed": _("完成需求评估"),
            "goal_added": _("制定服务目标"),
            "goal_reviewed": _("检视了服务目标"),
            "task_added": _("安排服务任务"),
            "session_recorded": _("记录服务"),
            "note_amended": _("补充更正了服务记录"),
            "note_commented": _("督导提出意见"),
            "referral_added": _("转介至外部机构"),
            "referral_outcome": _("登记转介结果"),
            "case_shared": _("共享个案"),
            "closure_requested": _("申请结案"),
            "closure_returned": _("督导退回结案申请"),
            "case_closed": _("督导签字结案"),
            "case_reopened": _("重新开案"),
            "case_programme": _("调整了所属服务项目"),
        },
    )
)
