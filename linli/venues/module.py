"""venues' declaration: codes, grants, menu entries, the demo's rooms, tables and fitness sets."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.core.permissions import VIEW_STATS
from linli.tenancy.permissions import Role
from linli.venues.figures import FIGURES
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES

BOOKERS = {
    Role.SECRETARY, Role.WORKER, Role.GRID_WORKER, Role.BUILDING_HEAD, Role.RESIDENT, Role.VOLUNTEER,
    Role.PARTY_MEMBER, Role.LECTURER, Role.PARTY_SECRETARY,
}  # fmt: skip


def _seed(ctx) -> None:
    from linli.venues import demo

    if n := demo.seed(ctx):
        ctx.say(f"{ctx.community.name}: rooms, tables and fitness sets, {n} bookings")


def _report_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    from linli.venues.selectors import hours_booked_this_month

    return {cid: {"venue_hours": hours} for cid, hours in hours_booked_this_month(community_ids).items()}


def _figures_shown(scope, community_id) -> bool:
    return modules.holds(scope, community_id, VIEW_STATS) or bool(scope.supervised_community_ids)


MODULE = modules.register(
    modules.Module(
        label="venues",
        verbose_name=_("场地预约"),
        permissions=(
            modules.Permission(MANAGE_VENUES, _("管理场地、开放时间、审批和签到、健身器材台账")),
            modules.Permission(BOOK_VENUES, _("预约活动室、球台和设备")),
        ),
        grants=modules.grants_by_code({MANAGE_VENUES: {Role.SECRETARY, Role.WORKER}, BOOK_VENUES: BOOKERS}),
        menu=(
            modules.MenuEntry(
                "venues:home",
                _("场地预约"),
                "bi-calendar-week",
                60,
                lambda s, c: modules.holds(s, c, MANAGE_VENUES, BOOK_VENUES),
            ),
            modules.MenuEntry(
                "venues:fitness",
                _("健身器材"),
                "bi-bicycle",
                61,
                lambda s, c: modules.holds(s, c, MANAGE_VENUES, BOOK_VENUES),
            ),
            modules.MenuEntry("venues:figures", _("场地使用统计"), "bi-bar-chart", 62, _figures_shown),
        ),  # fmt: skip
        seed=_seed,
        seed_after=("volunteering",),
        figures=FIGURES,
        report_figures=(modules.ReportFigure("venue_hours", _("本月场地预约小时"), 85),),
        report_counts=_report_counts,
        walk="linli.venues.tests.walk",
        event_kinds={
            "booking_made": _("预约了"),
            "booking_requested": _("申请了预约（待审批）"),
            "booking_approved": _("批准了预约"),
            "booking_refused": _("未批准预约"),
            "booking_cancelled": _("取消了预约"),
            "booking_checked_in": _("到场签到"),
            "booking_no_show": _("登记为未到"),
            "series_made": _("建立了每周固定预约"),
            "thing_saved": _("保存了场地信息"),
            "thing_out_of_service": _("暂停使用"),
            "thing_back_in_service": _("恢复使用"),
            "inspection_recorded": _("登记了检查"),
            "repair_raised": _("报修"),
            "repair_done": _("修复完成"),
        },
    )
)
