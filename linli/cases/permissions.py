"""Cases' permission codes and predicates (declared with descriptions in cases/module.py)."""

FILE_CASE = "file_case"  # report a need or complaint (民情诉求)
HANDLE_CASES = "handle_cases"  # accept, route, assign and close the community's cases
WORK_CASES = "work_cases"  # work the cases routed to one's own organisation (partners)
MANAGE_CASE_SETTINGS = "manage_case_settings"  # categories, routing, deadlines, Open311 keys


def handles(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(HANDLE_CASES, community_id)


def works_or_handles(scope, community_id: int | None) -> bool:
    return bool(community_id) and (scope.has(HANDLE_CASES, community_id) or scope.has(WORK_CASES, community_id))


def files(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(FILE_CASE, community_id)


URGE_CASES = "urge_cases"  # urge the handler of a community's case (催办)
SUPERVISE_CASES = "supervise_cases"  # supervise the cases of the communities below one's street (督办)
APPROVE_EXTENSIONS = "approve_case_extensions"  # grant or refuse a handler's request for more time
