"""The community a staff member is working in now (the switcher in the shell)."""

from typing import cast

from django.db.models import QuerySet
from django.http import HttpRequest

from linli.core.scoping import Scope, scope_for
from linli.core.typing import Actor
from linli.tenancy.models import Community

SESSION_KEY = "linli_community_id"


def communities_for(user: Actor) -> QuerySet[Community]:
    scope = scope_for(user)
    if scope.is_superuser:
        return Community.objects.order_by("name")
    return Community.objects.filter(pk__in=scope.community_ids).order_by("name")


_UNSET = object()


def active_community(request: HttpRequest) -> Community | None:
    cached = getattr(request, "_linli_community", _UNSET)
    if cached is not _UNSET:
        return cast("Community | None", cached)  # what this function stored on the request
    choices = list(communities_for(request.user)) if request.user.is_authenticated else []
    wanted = request.session.get(SESSION_KEY)
    community = next((c for c in choices if c.pk == wanted), choices[0] if choices else None)
    # Kept on the request for its other readers (the shell's switcher reads the choices).
    request._linli_community = community  # type: ignore[attr-defined]
    request._linli_communities = choices  # type: ignore[attr-defined]
    return community


def set_active_community(request: HttpRequest, community_id: int) -> bool:
    if any(c.pk == community_id for c in communities_for(request.user)):
        request.session[SESSION_KEY] = community_id
        return True
    return False


def community_with(request: HttpRequest, *perms: str) -> tuple[Community, Scope]:
    """(active community, scope) when the user holds one of `perms` there; 404 otherwise (no
    existence leak). For views that act within the community the user is working in."""
    from django.http import Http404

    community = active_community(request)
    scope = scope_for(request.user)
    if community is None or not any(scope.has(p, community.pk) for p in perms):
        raise Http404
    return community, scope
