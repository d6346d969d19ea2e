"""The community a staff member is working in now (the switcher in the shell)."""

from linli.core.scoping import scope_for
from linli.tenancy.models import Community

SESSION_KEY = "linli_community_id"


def communities_for(user):
    scope = scope_for(user)
    if scope.is_superuser:
        return Community.objects.order_by("name")
    return Community.objects.filter(pk__in=scope.community_ids).order_by("name")


def active_community(request) -> Community | None:
    if hasattr(request, "_linli_community"):
        return request._linli_community
    choices = list(communities_for(request.user)) if request.user.is_authenticated else []
    wanted = request.session.get(SESSION_KEY)
    community = next((c for c in choices if c.pk == wanted), choices[0] if choices else None)
    request._linli_community = community
    request._linli_communities = choices
    return community


def set_active_community(request, community_id: int) -> bool:
    if any(c.pk == community_id for c in communities_for(request.user)):
        request.session[SESSION_KEY] = community_id
        return True
    return False


def community_with(request, *perms: str):
    """(active community, scope) when the user holds one of `perms` there; 404 otherwise (no
    existence leak). For views that act within the community the user is working in."""
    from django.http import Http404

    community = active_community(request)
    scope = scope_for(request.user)
    if community is None or not any(scope.has(p, community.pk) for p in perms):
        raise Http404
    return community, scope
