"""staff's declaration: the staff pages' menu entry, the home cards of refused reveals and of the
certified share (持证社工 9/11), the demo's staff certificates."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.tenancy.permissions import MANAGE_STAFF


def _budget_card(request, scope, community):
    from linli.core.reveal_budget import budget_alerts

    if not scope.has(MANAGE_STAFF, community.pk):
        return None
    alerts = budget_alerts(community_id=community.pk)
    return {"budget_alerts": alerts} if alerts else None


def _certified_card(request, scope, community):
    from linli.staff.selectors import community_certified_share

    if not scope.has(MANAGE_STAFF, community.pk):
        return None
    share = community_certified_share(actor=request.user, community_id=community.pk)
    return {"share": share} if share.staff else None


def _seed(ctx) -> None:
    from linli.staff import demo

    if n := demo.seed(ctx):
        ctx.say(f"{ctx.community.name}: {n} staff certificates")


def _account_names(ids: set[int]) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=ids)
    return {u.pk: u.get_full_name() or u.get_username() for u in users}


MODULE = modules.register(
    modules.Module(
        label="staff",
        verbose_name=_("工作人员"),
        menu=(
            modules.MenuEntry(
                "staff:staff_list", _("工作人员"), "bi-person-badge", 90, lambda s, c: modules.holds(s, c, MANAGE_STAFF)
            ),
        ),
        home_cards=(
            modules.HomeCard("staff/cards/budget_alerts.html", 10, _budget_card),
            modules.HomeCard("staff/cards/certified.html", 40, _certified_card),
        ),
        seed=_seed,
        seed_after=("tenancy", "socialwork"),  # their accounts get certificates
        person_names={"account": _account_names},
        walk="linli.staff.tests.walk",
        event_kinds={
            "staff_added": _("开通了账号"),
            "staff_deactivated": _("停用了在本社区的角色"),
            "staff_password_reset": _("重设了账号密码"),
            "certificate_added": _("登记了证书"),
            "certificate_changed": _("修改了证书"),
            "certificate_removed": _("删除了证书"),
        },
    )
)
