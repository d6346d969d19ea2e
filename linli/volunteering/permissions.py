"""Volunteering's permission codes (declared with descriptions in volunteering/module.py)."""

VIEW_VOLUNTEERS = "view_volunteers"  # volunteers, teams, hours, projects, in-service members' service
MANAGE_VOLUNTEERS = "manage_volunteers"  # verify hours, post projects, invite, the time bank


def sees_volunteers(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(VIEW_VOLUNTEERS, community_id)


def may_manage(scope, community_id: int) -> bool:
    return scope.has(MANAGE_VOLUNTEERS, community_id)
