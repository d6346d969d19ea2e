"""What a user may see, decided in one place.

`scope_for(user)` builds a Scope once per request from the providers each app registers (tenancy
adds memberships and the fields below; places, people and volunteering keep their parts under
their own keys in `parts`). Tenant querysets turn a Scope into a filter with `visible_to(user)`; a tenant queryset that
was never scoped refuses to run (fail closed), unless the caller says `unscoped()` on purpose.
"""

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from django.db import models

from linli.core.scope_sources import StampedQuerySetMixin

if TYPE_CHECKING:
    from linli.core.typing import Actor

T = TypeVar("T")
ScopeProvider = Callable[["Scope"], None]
_providers: list[ScopeProvider] = []


def register_scope_provider(provider: ScopeProvider) -> ScopeProvider:
    _providers.append(provider)
    _ordered.clear()
    return provider


_ordered: list[ScopeProvider] = []


def _providers_in_app_order() -> list[ScopeProvider]:
    """Providers run in INSTALLED_APPS order (tenancy's roles before places' grids), whatever order
    their modules happened to be imported in (a model may import another app's scope accessor)."""
    if not _ordered:
        from django.apps import apps

        order = {config.name: i for i, config in enumerate(apps.get_app_configs())}

        def position(provider: ScopeProvider) -> int:
            module = provider.__module__
            return min((i for name, i in order.items() if module == name or module.startswith(name + ".")), default=999)

        _ordered.extend(sorted(_providers, key=position))
    return _ordered


@dataclass
class Scope:
    user_id: int | None
    is_superuser: bool = False
    # community id -> permission codes held there (see tenancy.permissions)
    perms: dict[int, set[str]] = field(default_factory=dict)
    roles: dict[int, set[str]] = field(default_factory=dict)
    full_community_ids: set[int] = field(default_factory=set)  # whole-community staff
    supervised_community_ids: set[int] = field(default_factory=set)  # aggregates only
    partner_org_ids: set[int] = field(default_factory=set)
    sensitive_community_ids: set[int] = field(default_factory=set)
    # What a module's provider adds (places: grids and buildings; people: the own record; …), each
    # under the module's key; read through the module's own accessor (`places.scope.places_scope`).
    parts: dict[str, Any] = field(default_factory=dict)
    # Parts as the session kept them ({"type": dotted class, "ids": {field: [ids]}}), made into their
    # dataclasses when first read (the factory is not called: a part may be built by queries).
    stored_parts: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def part(self, key: str, factory: Callable[[], T]) -> T:
        if key not in self.parts:
            stored = self.stored_parts.pop(key, None)
            restored = _restore_part(stored) if stored else None
            self.parts[key] = restored if restored is not None else factory()
        return self.parts[key]

    _ID_SETS = ("full_community_ids", "supervised_community_ids", "partner_org_ids", "sensitive_community_ids")

    def to_data(self) -> dict | None:
        """Plain data a session can keep (core/scope_stamps.py), or None if a part holds more than
        sets of ids (then the scope is built afresh each time)."""
        parts = dict(self.stored_parts)
        for key, part in self.parts.items():
            if not dataclasses.is_dataclass(part):
                return None
            values = {f.name: getattr(part, f.name) for f in dataclasses.fields(part)}
            if not all(isinstance(v, set) and all(type(i) is int for i in v) for v in values.values()):
                return None
            kind = type(part)
            parts[key] = {
                "type": f"{kind.__module__}.{kind.__qualname__}",
                "ids": {n: sorted(v) for n, v in values.items()},
            }
        return {
            "user_id": self.user_id,
            "is_superuser": self.is_superuser,
            "perms": {str(c): sorted(codes) for c, codes in self.perms.items()},
            "roles": {str(c): sorted(names) for c, names in self.roles.items()},
            **{name: sorted(getattr(self, name)) for name in self._ID_SETS},
            "parts": parts,
        }

    @classmethod
    def from_data(cls, data: dict) -> "Scope":
        scope = cls(
            user_id=data["user_id"],
            is_superuser=data["is_superuser"],
            perms={int(c): set(codes) for c, codes in data["perms"].items()},
            roles={int(c): set(names) for c, names in data["roles"].items()},
            stored_parts={key: dict(values) for key, values in data["parts"].items()},
        )
        for name in cls._ID_SETS:
            setattr(scope, name, set(data[name]))
        return scope

    @property
    def community_ids(self) -> set[int]:
        """Communities where the user holds any role (not the supervised ones)."""
        return set(self.roles)

    def has(self, perm: str, community_id: int | None = None) -> bool:
        if self.is_superuser:
            return True
        if community_id is None:
            return any(perm in p for p in self.perms.values())
        return perm in self.perms.get(community_id, set())

    def grant(self, community_id: int, role: str, perms: set[str]) -> None:
        self.roles.setdefault(community_id, set()).add(role)
        self.perms.setdefault(community_id, set()).update(perms)


def _restore_part(stored: dict[str, Any]) -> Any:
    """The part as kept, or None when it cannot be made again (its class was renamed, moved or
    changed its fields in a release): the caller builds it afresh."""
    from django.utils.module_loading import import_string

    try:
        kind = import_string(stored["type"])
        if not (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
            return None
        return kind(**{name: set(ids) for name, ids in stored["ids"].items()})
    except (ImportError, KeyError, TypeError, AttributeError):
        return None


ANONYMOUS = Scope(user_id=None)


def scope_for(user: "Actor | Scope | None") -> Scope:
    """The user's scope (built once per request, or kept by the session: core/scope_stamps.py); a
    Scope given is returned as it is (a selector may be called with the scope its caller already holds)."""
    if isinstance(user, Scope):
        return user
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_linli_scope", None)
    if cached is not None:
        return cached
    scope = Scope(user_id=user.pk, is_superuser=user.is_superuser)
    for provider in _providers_in_app_order():
        provider(scope)
    user._linli_scope = scope  # type: ignore[attr-defined]  # cached on the user object for its request
    return scope


def forget_scope(user: "Actor") -> None:
    if hasattr(user, "_linli_scope"):
        del user._linli_scope


class UnscopedQueryError(RuntimeError):
    """A tenant queryset ran without visible_to(user), in_community(...) or unscoped()."""


_M = TypeVar("_M", bound="TenantModel")
QS = TypeVar("QS", bound=models.QuerySet)


class TenantQuerySet(StampedQuerySetMixin, models.QuerySet[_M]):
    _scoped = False

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]  # QuerySet._clone is private: django-stubs omits it
        clone._scoped = self._scoped
        return clone

    def _mark(self) -> Self:
        self._scoped = True
        return self

    def visible_to(self, user: "Actor | Scope | None") -> Self:
        scope = user if isinstance(user, Scope) else scope_for(user)
        if scope.is_superuser:
            return self.all()._mark()
        return self.filter(self.model.visibility_q(scope))._mark()

    def in_community(self, community: Any) -> Self:
        """`community` is a Community or its id."""
        community_id = getattr(community, "pk", community)
        return self.filter(community_id=community_id)._mark()

    def in_community_ids(self, community_ids: Iterable[int]) -> Self:
        return self.filter(community_id__in=list(community_ids))._mark()

    def unscoped(self) -> Self:
        """All rows of every community: for commands, migrations and benchmarks, never for views."""
        return self.all()._mark()

    def _check_scoped(self) -> None:
        if not self._scoped:
            raise UnscopedQueryError(
                f"{self.model.__name__} queried without a scope: use visible_to(user), "
                "in_community(c) or, on purpose, unscoped()."
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._check_scoped()
        return super().iterator(*args, **kwargs)

    def count(self):
        self._check_scoped()
        return super().count()

    def exists(self):
        self._check_scoped()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._check_scoped()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._check_scoped()
        return super().update(**kwargs)

    def delete(self):
        self._check_scoped()
        return super().delete()


_TenantManagerBase = models.Manager.from_queryset(TenantQuerySet)


class TenantManager(_TenantManagerBase[_M]):
    def get_queryset(self) -> TenantQuerySet[_M]:
        queryset = cast("TenantQuerySet[_M]", super().get_queryset())  # from_queryset(TenantQuerySet) makes one
        # A related manager (household.members) is already bound to an object the caller holds.
        if hasattr(self, "instance"):
            queryset._scoped = True
        return queryset


class TenantModel(models.Model):
    """A row of one community's data. `community` is the tenant key (and the Citus shard key)."""

    community = models.ForeignKey("tenancy.Community", on_delete=models.PROTECT, related_name="+")

    objects = TenantManager()
    # Django's internals (validation, related access, admin) use this one; application code does not.
    dangerously_unscoped = models.Manager()  # noqa: DJ012 - managers, not fields

    class Meta:
        abstract = True
        default_manager_name = "dangerously_unscoped"

    @classmethod
    def visibility_q(cls, scope: Scope) -> models.Q:
        """Rows the scope may see. The default: whole-community staff see their communities."""
        return models.Q(community_id__in=scope.full_community_ids)


def tenant_join(queryset: QS, path: str, community_id: int, **last: Any) -> tuple[QS, str]:
    """Join `path` ("buildings__dwellings__residents") hop by hop, each join carrying the community
    in its ON clause (FilteredRelation), so that a reverse relation reaches one community's rows by
    its (community_id, …) index and not the whole city's; `last` narrows the final hop (status="active").
    Returns the queryset and the alias of the final hop, to count or filter on."""
    alias = ""
    hops = path.split("__")
    for i, hop in enumerate(hops):
        relation = f"{alias}__{hop}" if alias else hop
        condition = {f"{relation}__community_id": community_id}
        if i == len(hops) - 1:
            condition.update({f"{relation}__{k}": v for k, v in last.items()})
        alias = f"tj_{hop}"
        queryset = queryset.annotate(**{alias: models.FilteredRelation(relation, condition=models.Q(**condition))})
    return queryset, alias


def nothing() -> models.Q:
    return models.Q(pk__in=[])
