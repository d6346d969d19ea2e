"""lending's permission codes (declared with descriptions in lending/module.py). Residents need no
code: they see their own loans and holds through their resident record (people's scope)."""

from linli.core.permissions import VIEW_STATS

MANAGE_LENDING = "manage_lending"

__all__ = ["MANAGE_LENDING", "VIEW_STATS", "may_manage"]


def may_manage(scope, community_id: int) -> bool:
    return scope.has(MANAGE_LENDING, community_id)
