"""Who confirms that a signed-up account is the resident it says it is."""

from linli.core.scoping import Scope

CONFIRM_LINK = "confirm_resident_link"  # see link requests (masked) and confirm or refuse them


def confirming_community_ids(scope: Scope) -> set[int]:
    return {cid for cid, codes in scope.perms.items() if CONFIRM_LINK in codes}


def can_confirm(scope: Scope, community_id: int) -> bool:
    return scope.has(CONFIRM_LINK, community_id)
