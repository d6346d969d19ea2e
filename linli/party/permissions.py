"""Party's permission codes (declared with descriptions in party/module.py). Seeing who is a party
member is the platform-wide `core.permissions.VIEW_PARTY`: other modules mark members too."""

from linli.core.permissions import VIEW_PARTY

MANAGE_PARTY = "manage_party"

__all__ = ["MANAGE_PARTY", "VIEW_PARTY"]


def may_manage(scope, community_id: int) -> bool:
    return scope.has(MANAGE_PARTY, community_id)
