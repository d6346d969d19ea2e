"""Deliberation's permission codes (declared with descriptions in deliberation/module.py)."""

MANAGE_MEETINGS = "manage_meetings"  # deliberation meetings (小区议事)
VIEW_MEETINGS = "view_meetings"


def sees_meetings(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(VIEW_MEETINGS, community_id)
