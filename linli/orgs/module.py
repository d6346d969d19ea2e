"""orgs' declaration: the manager's code, the directory in everyone's menu, the street overview's
count of teams, the demo's troupe, choir and incubated organisations, and the join outcome message."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.orgs.permissions import MANAGE_ORGS
from linli.tenancy.permissions import Role


def _seed(ctx) -> None:
    from linli.orgs import demo

    made = demo.seed(ctx.community, rng=ctx.rng)
    if made:
        ctx.say(f"{ctx.community.name}: {made['orgs']} teams and organisations, {made['members']} members")


def _shown(scope, community_id) -> bool:
    return bool(community_id) and (scope.is_superuser or community_id in scope.community_ids)


def _report_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    from linli.orgs.selectors import street_counts

    return street_counts(community_ids)


MODULE = modules.register(
    modules.Module(
        label="orgs",
        verbose_name=_("队伍与组织"),
        permissions=(modules.Permission(MANAGE_ORGS, _("管理文体队伍、兴趣小组和孵化的社会组织")),),
        grants=modules.grants_by_code({MANAGE_ORGS: {Role.SECRETARY, Role.WORKER}}),
        menu=(modules.MenuEntry("orgs:list", _("队伍与组织"), "bi-people", 86, _shown),),
        seed=_seed,
        seed_after=("people", "volunteering", "venues"),
        report_figures=(modules.ReportFigure("orgs_teams", _("队伍与组织"), 87),),
        report_counts=_report_counts,
        walk="linli.orgs.tests.walk",
        event_kinds={
            "org_created": _("建立了队伍"),
            "org_saved": _("修改了队伍信息"),
            "member_added": _("加入队伍"),
            "member_left": _("退出队伍"),
            "stage_recorded": _("记录了孵化阶段"),
            "award_added": _("记录了获奖或演出"),
            "meeting_booked": _("预约了固定活动时间"),
            "meeting_ended": _("停止了固定活动时间"),
        },
        message_kinds=(
            modules.MessageKind(
                code="orgs_join_decided",
                label=_("入队申请结果"),
                title=_("入队申请：{org}"),
                body=_("您申请加入“{org}”：{outcome}。{reason}"),
            ),
        ),
    )
)
