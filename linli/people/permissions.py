"""People's permission codes and predicates (declared with descriptions in people/module.py)."""

VIEW_PEOPLE = "view_people"  # full registry record, masked
VIEW_PEOPLE_BASIC = "view_people_basic"  # names and rooms only, no ID or phone at all
EDIT_PEOPLE = "edit_people"
MANAGE_TAGS = "manage_tags"
ERASE_PERSONAL_DATA = "erase_personal_data"  # PIPL Art. 47: anonymise a resident


def sees_registry(scope, community_id: int | None) -> bool:
    """Any view of the registry: the full (masked) record or names and rooms only."""
    return bool(community_id) and (scope.has(VIEW_PEOPLE, community_id) or scope.has(VIEW_PEOPLE_BASIC, community_id))


def may_edit(scope, community_id: int) -> bool:
    return scope.has(EDIT_PEOPLE, community_id)
