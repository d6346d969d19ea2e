"""childcare's permission codes (declared with descriptions in childcare/module.py) and predicates."""

from linli.core.scoping import Scope

VIEW_CHILDCARE = "childcare.view"  # the programmes, their children, pickup persons (masked) and attendance
RUN_CHILDCARE = "childcare.run"  # the door: a child's arrival, the pickup check, pickup persons
MANAGE_CHILDCARE = "childcare.manage"  # programmes, applications at the desk, withdrawals


def may_view(scope: Scope, community_id: int | None) -> bool:
    return bool(community_id) and any(
        scope.has(code, community_id) for code in (VIEW_CHILDCARE, RUN_CHILDCARE, MANAGE_CHILDCARE)
    )


def may_run(scope: Scope, community_id: int | None) -> bool:
    return bool(community_id) and (scope.has(RUN_CHILDCARE, community_id) or scope.has(MANAGE_CHILDCARE, community_id))


def may_manage(scope: Scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(MANAGE_CHILDCARE, community_id)
