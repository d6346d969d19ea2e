"""notices' permission codes (declared with descriptions in notices/module.py) and the areas an
author may address. Residents need no code: they read the notices that reached their record."""

from linli.core.scoping import Scope

POST_NOTICES = "post_notices"  # write notices to the whole community (staff) or to one's own area
APPROVE_NOTICES = "approve_notices"  # release a notice that reaches more people than the threshold
MANAGE_NOTICES = "manage_notices"  # every notice of the community, its read counts, the threshold


def may_post(scope: Scope, community_id: int) -> bool:
    return scope.has(POST_NOTICES, community_id)


def may_approve(scope: Scope, community_id: int) -> bool:
    return scope.has(APPROVE_NOTICES, community_id)


def may_manage(scope: Scope, community_id: int) -> bool:
    return scope.has(MANAGE_NOTICES, community_id)


def code_community_ids(scope: Scope, code: str) -> set[int]:
    return {cid for cid, codes in scope.perms.items() if code in codes}
