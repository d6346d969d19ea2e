"""Who sees convenience's rows: the community's staff holding `view_services`, grid workers the rows
of their grids (each row keeps its grid: one column, not a join); an order also its resident, the
resident's recorded proxies and the person it is assigned to."""

from django.db.models import Q

from linli.convenience.permissions import VIEW_SERVICES
from linli.core.scoping import Scope, nothing
from linli.places.scope import places_scope


def staff_q(scope: Scope, *, prefix: str = "") -> Q:
    readers = {cid for cid, perms in scope.perms.items() if VIEW_SERVICES in perms}
    q = nothing()
    if whole := readers & scope.full_community_ids:
        q |= Q(**{f"{prefix}community_id__in": whole})
    if grids := places_scope(scope).grid_ids:
        q |= Q(**{f"{prefix}grid_id__in": grids, f"{prefix}community_id__in": readers})
    return q


def whole_q(scope: Scope) -> Q:
    """Only the whole community's staff (proxies are recorded per community, not per grid)."""
    return Q(community_id__in={c for c in scope.full_community_ids if VIEW_SERVICES in scope.perms.get(c, set())})
