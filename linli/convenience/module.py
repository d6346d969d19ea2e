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
