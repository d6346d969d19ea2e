"""Places' permission codes (declared with descriptions in places/module.py)."""

VIEW_PLACES = "view_places"
EDIT_PLACES = "edit_places"


def may_edit(scope, community_id: int) -> bool:
    return scope.has(EDIT_PLACES, community_id)
