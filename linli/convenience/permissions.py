"""convenience's permission codes (declared with descriptions in convenience/module.py) and predicates."""

VIEW_SERVICES = "view_services"  # orders, ledgers, certifications and fittings (grid workers: their grids)
RUN_SERVICES = "run_services"  # raise an order for a resident, take it, complete it, keep its ledger
MANAGE_SERVICES = "manage_services"  # service types, proxies, assignment, the monthly check and export


def may_view(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(VIEW_SERVICES, community_id)


def may_run(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(RUN_SERVICES, community_id)


def may_manage(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(MANAGE_SERVICES, community_id)
