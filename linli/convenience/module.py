"""convenience's declaration (便民服务; the issue calls it `services`, but every app already has a
`services` module for its writes): codes, grants, menu entries, home cards, the demo's orders,
ledgers, certifications and fittings, and the street's figures."""

from django.utils.translation import gettext_lazy as _

from linli.convenience.permissions import MANAGE_SERVICES, RUN_SERVICES, VIEW_SERVICES
from linli.core import modules
from linli.tenancy.permissions import Role


def _seed(ctx) -> None:
    from linli.convenience import demo

    made = demo.seed(ctx.community, rng=ctx.rng)
    if made:
        ctx.say(f"{ctx.community.name}: {made} service orders with ledgers, certifications, fittings")


def _sees(scope, community_id) -> bool:
    return modules.holds(scope, community_id, VIEW_SERVICES)


def _manages(scope, community_id) -> bool:
    return modules.holds(scope, community_id, MANAGE_SERVICES)


def _resident(scope, community_id) -> bool:
    """我的便民服务: residents of the community (their own orders, and those they are proxy for)."""
    return bool(
        community_id and Role.RESIDENT in scope.roles.get(community_id, set()) and not _sees(scope, community_id)
    )


def _staff_card(request, scope, community):
    from linli.convenience.selectors import home_counts

    if not _sees(scope, community.pk):
        return None
    counts = home_counts(scope=scope, community_id=community.pk)
    return counts if any(counts.values()) else None


def _mine_card(request, scope, community):
    from linli.convenience.selectors import my_orders

    if not _resident(scope, community.pk):
        return None
    waiting = [o for o in my_orders(request.user, community.pk) if o.status == "done"]
    return {"waiting": waiting} if waiting else None


def _own_data(user) -> list[dict]:
    from linli.convenience.selectors import own_data

    return own_data(user)


def _report_counts(community_ids):
    from linli.convenience.selectors import report_counts

    return report_counts(community_ids)


MODULE = modules.register(
    modules.Module(
        label="convenience",
        verbose_name=_("便民服务"),
        permissions=(
            modules.Permission(VIEW_SERVICES, _("查看便民服务单、代管钱款账目、认证和安全设施")),
            modules.Permission(RUN_SERVICES, _("代居民提出、承接和办完便民服务，记代管钱款的账")),
            modules.Permission(MANAGE_SERVICES, _("设置服务项目、派单、登记代理人、月度核对和导出")),
        ),
        grants=modules.grants_by_code(
            {
                VIEW_SERVICES: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                RUN_SERVICES: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                MANAGE_SERVICES: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry("convenience:order_list", _("便民服务"), "bi-basket", 48, _sees),
            modules.MenuEntry("convenience:ledger_month", _("代管钱款核对"), "bi-cash-coin", 49, _manages),
            modules.MenuEntry("convenience:mine", _("我的便民服务"), "bi-basket2", 84, _resident),
        ),
        home_cards=(
            modules.HomeCard("convenience/cards/staff.html", 14, _staff_card),
            modules.HomeCard("convenience/cards/mine.html", 16, _mine_card),
        ),
        report_figures=(modules.ReportFigure("convenience_orders", _("本月便民服务"), 65),),
        report_counts=_report_counts,
        own_data=_own_data,
        walk="linli.convenience.tests.walk",
        seed=_seed,
        seed_after=("care", "volunteering"),
        event_kinds={
            "order_raised": _("提出了服务"),
            "order_assigned": _("派单"),
            "order_done": _("登记办完"),
            "order_confirmed": _("居民确认"),
            "order_cancelled": _("取消了服务"),
            "ledger_added": _("记了一笔账"),
            "ledger_countered": _("冲正了一笔账"),
            "ledger_edited": _("改了一笔未确认的账"),
            "ledger_confirmed": _("居民确认了更正的账目"),
        },
    )
)
