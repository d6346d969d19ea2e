"""Who sees care's rows: the community's whole staff holding `view_visits`, and grid workers the
rows of their own grids (each row keeps its grid, so the filter is one column, not a join)."""

from django.db.models import Q

from linli.care.permissions import VIEW_VISITS
from linli.core.scoping import Scope, nothing
from linli.places.scope import places_scope


def care_q(scope: Scope, *, grid_field: str = "grid_id") -> Q:
    readers = {cid for cid, perms in scope.perms.items() if VIEW_VISITS in perms}
    q = nothing()
    if whole := readers & scope.full_community_ids:
        q |= Q(community_id__in=whole)
    if grids := places_scope(scope).grid_ids:
        q |= Q(**{f"{grid_field}__in": grids}, community_id__in=readers)
    return q
