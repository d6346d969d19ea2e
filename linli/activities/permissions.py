"""activities' permission codes (declared with descriptions in activities/module.py)."""

MANAGE_EVENTS = "manage_events"  # post and change events, sign people up, take the roll


def may_manage(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(MANAGE_EVENTS, community_id)
