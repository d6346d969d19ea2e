"""orgs' permission code (declared with its description in orgs/module.py). Everyone with a role in
the community sees the teams and their awards; residents ask to join through their resident record."""

MANAGE_ORGS = "manage_orgs"

__all__ = ["MANAGE_ORGS", "may_manage"]


def may_manage(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(MANAGE_ORGS, community_id)
