"""Walk every page and every API route as every persona and check who gets what (DESIGN.md:
out-of-scope objects answer 404; nobody sees more than their role allows). The tables are each
module's own (`<app>/tests/walk.py`, named by its module.py's `walk`): the walk loops over the
module registry. A route missing from every table fails the test: a new view must say who may use it."""

import importlib

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.api import api
from linli.core import modules
from linli.core.tests.walk_roles import ROLES
from linli.core.tests.world import ID_WANG

NOT_WALKED = {"login", "login_otp", "logout", "set_language"}  # tested in test_auth
NOT_WALKED |= {"healthz", "metrics"}  # no session by design: tested in test_ops_health
NOT_WALKED_NAMESPACES = ("admin", "api", "open311")  # the API walk below; Open311 in cases/tests/test_open311


def walks() -> list:
    """The walk tables of every registered module that declares some."""
    return [importlib.import_module(m.walk) for m in modules.modules() if m.walk]


def pages() -> dict:
    merged: dict = {}
    for walk in walks():
        if clash := set(merged) & set(walk.PAGES):
            raise AssertionError(f"{walk.__name__} walks pages another module walks: {sorted(clash)}")
        merged.update(walk.PAGES)
    return merged


def _object_by_query() -> set:
    return set().union(*(getattr(w, "OBJECT_BY_QUERY", set()) for w in walks()))


def _page_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_WALKED_NAMESPACES:
                continue
            names |= _page_names(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def _object_kwargs(name: str, world) -> dict:
    for walk in walks():
        if name in walk.PAGES:
            return walk.objects(world).get(name, {})
    return {}


def _allowed(name: str, role: str, world) -> bool:
    """The outsider is a secretary elsewhere: lists show his own community, objects here are 404."""
    _method, allowed = pages()[name]
    if role == "outsider":
        return "secretary" in allowed and not _object_kwargs(name, world) and name not in _object_by_query()
    return role in allowed


def _page_url(name: str, world) -> str:
    kwargs = _object_kwargs(name, world)
    query = ""
    for walk in walks():
        if name in walk.PAGES:
            extra = getattr(walk, "url_kwargs", lambda n, w: None)(name, world)
            kwargs = kwargs or extra or {}
            if name in getattr(walk, "QUERIES", {}):
                query = walk.QUERIES[name](world)
    return reverse(name, kwargs=kwargs) + query


PAGES = pages()


def test_every_page_is_in_the_walk():
    assert _page_names() - NOT_WALKED == set(pages())


def _client(world, role) -> Client:
    client = Client()
    if role != "anon":
        client.force_login(world.user(role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_pages_as(world, role):
    wrong = walk_pages(world, role)
    assert wrong == [], "\n".join(wrong)


def walk_pages(world, role: str, names=None) -> list[str]:
    """What is wrong when `role` walks the pages (all, or `names`)."""
    wrong = []
    public = set().union(*(getattr(w, "PUBLIC", set()) for w in walks()))  # no login, no personal data
    for name, (method, allowed_roles) in pages().items():
        if names is not None and name not in names:
            continue
        client = _client(world, role)
        response = getattr(client, method)(_page_url(name, world))
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode(errors="replace")  # exports are checked for masking in their own tests
        login_redirect = response.status_code == 302 and "/accounts/login/" in response.get("Location", "")
        if name in public:
            ok = response.status_code == 200
        elif role == "anon" and "anon" in allowed_roles:  # a public page (residents' sign-up)
            ok = response.status_code == 200 or (response.status_code == 302 and not login_redirect)
        elif role == "anon":
            ok = login_redirect
        elif _allowed(name, role, world):
            ok = response.status_code == 200 or (response.status_code == 302 and not login_redirect)
        else:
            ok = response.status_code in (403, 404)
        if not ok:
            wrong.append(f"{method.upper()} {name}: {response.status_code}")
        # The walk never gives a reason, so no full ID or phone number may appear anywhere.
        if ID_WANG in body or "13812345678" in body:
            wrong.append(f"{name}: shows a full ID or phone number")
        if role == "outsider" and ("王芳" in body or "张三" in body):
            wrong.append(f"{name}: shows another community's residents")
        if role == "building" and "110105********002X" in body:
            wrong.append(f"{name}: shows an ID number to a building head")
    return wrong


def _api_routes(world) -> list[tuple]:
    return [route for walk in walks() if hasattr(walk, "api") for route in walk.api(world)]


def _api_ids(world) -> dict:
    ids: dict = {}
    for walk in walks():
        ids.update(getattr(walk, "api_ids", lambda w: {})(world))
    return ids


def _api_lists() -> set:
    return set().union(*(getattr(w, "API_LISTS", set()) for w in walks()))


def test_every_api_route_is_in_the_walk(world):
    schema = api.get_openapi_schema()
    declared = {(m, p.removeprefix("/api/v1")) for p, ops in schema["paths"].items() for m in ops}
    assert declared == {(m, p) for m, p, _, _ in _api_routes(world)}


@pytest.mark.parametrize("role", ROLES)
def test_api_as(world, role):
    wrong = []
    ids, lists = _api_ids(world), _api_lists()
    for method, path, allowed, body in _api_routes(world):
        url = "/api/v1" + path.format(**ids)
        if method == "get" and path in lists:
            url += f"?community_id={world.a.pk}"
        client = _client(world, role)
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        response = getattr(client, method)(url, **kwargs)
        status = response.status_code
        if role == "anon" and "anon" not in allowed:  # "anon" allowed: a public route (sign-up)
            ok = status == 401
        elif role in allowed:
            ok = 200 <= status < 300 or status in (400, 409)
        else:
            ok = status in (403, 404)
        if not ok:
            wrong.append(f"{method.upper()} {path}: {status} {response.content[:120]!r}")
        if status >= 400 and "error" not in response.json():
            wrong.append(f"{method.upper()} {path}: error without the envelope")
        if role == "outsider" and "王芳" in response.json().__repr__():
            wrong.append(f"{method.upper()} {path}: shows another community's residents")
        if ID_WANG in response.content.decode():
            wrong.append(f"{method.upper()} {path}: shows a full ID number")
    assert wrong == [], "\n".join(wrong)
