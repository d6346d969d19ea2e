"""care's permission codes (declared with descriptions in care/module.py) and their predicates."""

VIEW_VISITS = "view_visits"  # visits, coverage and care plans (grid workers: their grids)
RECORD_VISITS = "record_visits"  # record a household visit, log a care contact
MANAGE_CARE = "manage_care"  # visit plans of the community, care plans and their schedules
VIEW_HEALTH_NOTES = "view_health_notes"  # the health notes of a care plan (PIPL Art. 28)


def may_view(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(VIEW_VISITS, community_id)


def may_record(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(RECORD_VISITS, community_id)


def may_manage(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(MANAGE_CARE, community_id)


def may_read_health(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(VIEW_HEALTH_NOTES, community_id)
