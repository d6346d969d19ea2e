"""tenancy's declaration: the staff-management code, the roles each account holds, the demo
communities' accounts and the street supervisors."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.tenancy import demo
from linli.tenancy.permissions import MANAGE_STAFF, Role


def _account_roles(user) -> set[str]:
    from linli.tenancy.models import Membership

    return set(Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True))


MODULE = modules.register(
    modules.Module(
        label="tenancy",
        verbose_name=_("社区与角色"),
        permissions=(modules.Permission(MANAGE_STAFF, _("管理本社区工作人员账号和角色")),),
        grants=modules.grants_by_code({MANAGE_STAFF: {Role.SECRETARY}}),
        seed=demo.seed_accounts,
        seed_global=demo.seed_supervisors,
        account_roles=_account_roles,
    )
)
