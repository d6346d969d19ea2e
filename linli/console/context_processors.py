"""The shell around every console page: the community switcher and the menu, which is the registered
modules' entries that this user may see in the community he works in."""

import functools
import json

from django.urls import get_script_prefix, reverse

from linli.core import modules
from linli.core.permissions import sees_party
from linli.core.scoping import scope_for
from linli.tenancy.community import active_community


def _nav(scope, community_id) -> list[tuple]:
    return [(e.url_name, e.label, e.icon) for e in modules.menu_entries() if e.shown(scope, community_id)]


@functools.lru_cache(maxsize=256)
def _href(url_name: str, script_prefix: str) -> str:
    """A menu address is the same on every page: reversed once per process (and mount point)."""
    return reverse(url_name)


def _with_links(items, path: str) -> list[tuple]:
    """(href, label, icon, active): the active item is the one whose address is the longest start of
    the page's (志愿服务 /volunteering/ vs 项目库 /volunteering/projects/)."""
    prefix = get_script_prefix()
    links = [(_href(name, prefix), label, icon) for name, label, icon in items]
    best = max((h for h, _l, _i in links if h == path or (h != "/" and path.startswith(h))), key=len, default=None)
    return [(h, label, icon, h == best) for h, label, icon in links]


def shell(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    community = active_community(request)
    scope = scope_for(request.user)
    return {
        "community": community,
        "communities": request._linli_communities,
        "nav_items": _with_links(_nav(scope, community.pk if community else None), request.path),
        "scope": scope,
        # Party membership is kept narrow (view_party): pages mark in-service members only for them.
        "party_visible": sees_party(scope, community.pk if community else None),
        "offline_stores": _offline_stores(get_script_prefix()),
    }


@functools.lru_cache(maxsize=8)
def _offline_stores(script_prefix: str) -> str:
    """The stores the logout form checks before it clears the phone (JSON for a data- attribute)."""
    stores = [{"db": o.db, "store": o.store, "url": reverse(o.url_name)} for o in modules.offline_stores()]
    return json.dumps(stores)
