"""A user's scope kept in his session, rebuilt only when what it is built from changes.

Building a scope costs a query per provider (memberships, grid and building assignments, the own
resident record, volunteer rows) and the second-factor check one more, on every request. Instead each
user has an access stamp (`core.models.AccessStamp`), a random token loaded with the user himself
(`StampedModelBackend`, no query of its own); the session keeps the scope it built beside the token it
saw (`ScopeSessionMiddleware`) and uses it while the token is unchanged.

The token moves whenever a row a provider reads is written: each provider declares its source models
with `core.scope_sources.watch(model, user_path, fields)`, and every way of writing them — save, delete, and the
queryset's update, delete and bulk_create (`StampedQuerySetMixin`) — touches the users concerned.
A bearer-token API request has no session: its scope is built as before.
"""

import functools
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from linli.core.scoping import Scope

LOGIN_BACKEND = "linli.core.scope_stamps.StampedModelBackend"  # the one a password login is done with
SESSION_KEY = "linli_scope"
FORMAT = 2  # bumped when the stored shape changes: older entries are rebuilt


@functools.cache
def _format() -> str:
    """The stored shape and the role grants the kept permissions were computed from: a release that
    grants or takes back a permission in code rebuilds every kept scope on the next request."""
    from linli.core import modules

    grants = sorted((role, sorted(codes)) for role, codes in modules.role_grants().items())
    return f"{FORMAT}:{hashlib.sha256(repr(grants).encode()).hexdigest()[:16]}"


class StampedModelBackend(ModelBackend):
    """Django's model backend, loading the user's access stamp in the same query."""

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("access_stamp").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def stamp_of(user) -> str:
    from linli.core.models import AccessStamp

    cache = user._state.fields_cache
    if "access_stamp" not in cache:
        try:
            user.access_stamp  # noqa: B018 - loads and caches the row
        except AccessStamp.DoesNotExist:
            cache["access_stamp"] = None
    stamp = cache.get("access_stamp")
    return stamp.token if stamp is not None else ""


class ScopeSessionMiddleware:
    """Hands the request the scope (and the second-factor fact) its session kept, when the user's
    stamp has not moved since; keeps what the request built for the next one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from linli.core.middleware import bearer_api_request

        user = request.user
        if not user.is_authenticated or bearer_api_request(request) or not hasattr(request, "session"):
            return self.get_response(request)
        stamp = stamp_of(user)
        kept = request.session.get(SESSION_KEY)
        fresh = isinstance(kept, dict) and kept.get("format") == _format() and kept.get("stamp") == stamp
        if fresh and kept.get("superuser") == user.is_superuser and kept.get("user_id") == user.pk:
            if kept.get("scope") is not None:
                user._linli_scope = Scope.from_data(kept["scope"])
            if kept.get("device") is not None:
                user._linli_has_device = kept["device"]
        response = self.get_response(request)
        if request.session.get("_auth_user_id") != str(user.pk):  # logged out or in as someone else
            return response
        scope = getattr(user, "_linli_scope", None)
        entry = {
            "format": _format(),
            "stamp": stamp,
            "user_id": user.pk,
            "superuser": user.is_superuser,
            "scope": scope.to_data() if scope is not None else None,
            "device": getattr(user, "_linli_has_device", None),
        }
        if entry != kept:
            request.session[SESSION_KEY] = entry
        return response
