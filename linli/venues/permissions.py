"""Venues' permission codes (declared with descriptions in venues/module.py) and who sees what."""

MANAGE_VENUES = "manage_venues"  # things, opening hours, approvals, check-in, the fitness register
BOOK_VENUES = "book_venues"  # book a room, a table or equipment for oneself or a team one leads


def manages(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(MANAGE_VENUES, community_id)


def books(scope, community_id: int | None) -> bool:
    return bool(community_id) and scope.has(BOOK_VENUES, community_id)
