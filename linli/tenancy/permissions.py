"""Roles, and the codes each holds inside its community. Each module declares its own codes and
which role gets which in its `module.py`; `role_permissions()` gathers them from the registry.
Visibility of rows is the scope's job (a grid worker's `view_people` reaches only the people of
his grids)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.core import modules


class Role(models.TextChoices):
    SECRETARY = "secretary", _("书记/主任")
    WORKER = "worker", _("社区工作者")
    GRID_WORKER = "grid_worker", _("网格员")
    BUILDING_HEAD = "building_head", _("楼长")
    PROPERTY = "property", _("物业")
    HOA = "hoa", _("业委会")
    PARTY_SECRETARY = "party_secretary", _("党组织书记")
    PARTY_MEMBER = "party_member", _("在职党员")
    VOLUNTEER = "volunteer", _("志愿者")
    LECTURER = "lecturer", _("讲师")
    RESIDENT = "resident", _("居民")
    SUPERVISOR = "supervisor", _("街道/区督导")


MANAGE_STAFF = "manage_staff"  # the community's staff accounts and their roles

# Roles whose people-visibility covers the whole community (others are narrowed by grid/building).
WHOLE_COMMUNITY_ROLES = {Role.SECRETARY, Role.WORKER}
# Roles that see sensitive tags (社区矫正, 精神障碍 …) without an explicit grant on the membership.
SENSITIVE_BY_DEFAULT = {Role.SECRETARY}
STAFF_ROLES = {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER}


def role_permissions(role: str) -> set[str]:
    """Every code the registered modules grant this role."""
    return set(modules.role_grants().get(str(role), set()))
