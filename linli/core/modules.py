"""The module registry: every linli app declares itself once, in its own `module.py`.

A module says what it adds to the platform — its permission codes and which role gets which, its
menu entries and home-page cards, its demo seed (and which modules' seeds must run first), its
part of a resident's own-data page, its periodic jobs and where its role-walk tables live — and
registers that declaration from its `AppConfig.ready()`. The console (home, menu, own-data page,
`seed_demo`), tenancy (the grants of each role) and the role walk loop over the registry; none of
them names a module. Adding a module therefore touches its own folder, `INSTALLED_APPS` and one URL
include (docs/ARCHITECTURE.md has the checklist).

The model is Decidim's `register_component`: permissions, stats, exports and seeds declared in one
place by the component itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linli.core.figures import KEPT, Figure

if TYPE_CHECKING:
    from django.http import HttpRequest

    from linli.core.scoping import Scope


@dataclass(frozen=True)
class Permission:
    """A permission code a role may hold in a community, with what it allows (for the staff pages)."""

    code: str
    description: Any  # a lazy translation


@dataclass(frozen=True)
class MenuEntry:
    """An item of the console's menu. `shown(scope, community_id)` decides whether this user sees it in
    the community he is working in (community_id None: he works in none, e.g. a street supervisor).
    `order` places it among the other modules' entries (lower first)."""

    url_name: str
    label: Any  # a lazy translation
    icon: str
    order: int
    shown: Callable[[Scope, int | None], bool]


@dataclass(frozen=True)
class HomeCard:
    """A card of the console's home page: `context(request, scope, community)` returns the template's
    context, or None when the card is not for this user."""

    template: str
    order: int
    context: Callable[[HttpRequest, Scope, Any], dict | None]


@dataclass(frozen=True)
class ReportFigure:
    """A count per community in the street's overview (reports): a column of its table, and a card
    above it when `card_label` is given. The module's `report_counts(community_ids)` gives the values.
    One not also declared as a `Figure` enters the catalogue as a kept count of the present
    (`figure_catalogue`), under `group`, with its label as its definition unless one is given."""

    key: str
    label: Any
    order: int
    card_label: Any = None
    group: str = "services"
    definition: Any = None


@dataclass
class DemoContext:
    """What a demo seed gets: the community being seeded, one random generator for the whole demo
    (so that the demo is the same on every machine), the demo's password and admin, and `user()`
    to make (or find) a demo account. `say()` writes a line to the command's output."""

    community: Any
    rng: Any
    admin: Any
    user: Callable[..., Any]
    say: Callable[[str], None]
    scale: float = 1.0
    shared: dict[str, Any] = field(default_factory=dict)  # what an earlier seed hands to a later one


@dataclass(frozen=True)
class PeriodicJob:
    """A job of `manage.py periodic`: every round, or (daily) once a day on one runner, claimed per
    day in core_periodicjob. `name` is also the systemd timer's instance (deploy/)."""

    name: str
    run: Callable[[], Any]
    daily: bool = False


def command_job(name: str, *, daily: bool = False) -> PeriodicJob:
    """A periodic job that runs a management command of the same name."""

    def run() -> None:
        from django.core.management import call_command

        call_command(name, verbosity=0)

    return PeriodicJob(name, run, daily=daily)


@dataclass(frozen=True)
class MessageKind:
    """A kind of message a module sends through `linli.messaging` (notify): its templates in Chinese,
    translated like every other string (the .po), filled with `context` by `str.format`. `urgent`
    kinds (one-time codes) ignore quiet hours and the daily cap; `secret` ones (codes) are sent to
    an address, never kept as an in-app message, and their context is erased once sent. `sms_params`
    are the context keys an SMS gateway's approved template takes, in order."""

    code: str
    label: Any
    title: Any
    body: Any
    urgent: bool = False
    secret: bool = False
    sms_params: tuple[str, ...] = ()
    channels: tuple[str, ...] = ("sms", "wechat_mp", "wecom", "email")


@dataclass(frozen=True)
class OfflineStore:
    """A phone-side IndexedDB store where a module keeps what a user typed without a network (care's
    queued visits). Logout clears the phone's storage (Clear-Site-Data): logging out from any page
    first counts these stores' rows and, when something waits, sends the user to `url_name`, whose
    own script sends it (or asks before dropping it), instead of losing it."""

    db: str
    store: str
    url_name: str


@dataclass(frozen=True)
class RecordAction:
    """A link another module offers on a record's page: `links(scope, obj)` returns (label, url)
    pairs for this user (empty when he may not), e.g. socialwork's 转介社工 on care's visit page.
    The page's own module renders them through `record_actions()` without naming the offering
    module (a lower layer may not import a higher one)."""

    kind: str  # the record's kind: "care.visit"
    links: Callable[[Scope, Any], list[tuple[Any, str]]]
    order: int = 50


@dataclass(frozen=True)
class Module:
    label: str  # the app label: "cases"
    verbose_name: Any
    permissions: tuple[Permission, ...] = ()
    # role (tenancy's Role values) -> codes it holds in its community
    grants: Mapping[str, frozenset[str] | set[str]] = field(default_factory=dict)
    menu: tuple[MenuEntry, ...] = ()
    home_cards: tuple[HomeCard, ...] = ()
    seed: Callable[[DemoContext], None] | None = None  # run once per demo community
    seed_after: tuple[str, ...] = ()  # labels of modules whose seed must run before this one
    seed_global: Callable[[DemoContext], None] | None = None  # once, after every community is seeded
    own_data: Callable[[Any], list[dict]] | None = None  # sections of a resident's own-data page
    report_figures: tuple[ReportFigure, ...] = ()
    report_counts: Callable[[set[int]], dict[int, dict[str, int]]] | None = None  # community -> key -> n
    figures: tuple[Figure, ...] = ()  # the figure catalogue's entries (core/figures.py)
    periodic: tuple[PeriodicJob, ...] = ()
    walk: str | None = None  # dotted path of the module's role-walk tables (its tests/walk.py)
    # kind -> how the timeline says it ("关闭了二次验证"), for the kinds its events.py records
    event_kinds: Mapping[str, Any] = field(default_factory=dict)
    # A person an event names is kept by reference (data["person"] = [kind, id]), never by name: the
    # timeline reads the name live, so that an erased resident's name is in no event row.
    person_names: Mapping[str, Callable[[set[int]], dict[int, str]]] = field(default_factory=dict)
    # The roles a user holds anywhere (tenancy supplies it; core asks without naming tenancy).
    account_roles: Callable[[Any], set[str]] | None = None
    message_kinds: tuple[MessageKind, ...] = ()  # what it sends through linli.messaging
    record_actions: tuple[RecordAction, ...] = ()  # links it offers on other modules' record pages
    offline_stores: tuple[OfflineStore, ...] = ()  # what it keeps on the phone until sent


def grants_by_code(by_code: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """Write grants as code -> roles (easier to read in a module) and get role -> codes."""
    out: dict[str, set[str]] = {}
    for code, roles in by_code.items():
        for role in roles:
            out.setdefault(str(role), set()).add(code)
    return {role: frozenset(codes) for role, codes in out.items()}


def holds(scope: Scope, community_id: int | None, *codes: str) -> bool:
    """Whether the user holds any of `codes` in the community he works in (none: only a superuser)."""
    if not community_id:
        return scope.is_superuser
    return any(scope.has(code, community_id) for code in codes)


class RegistryError(RuntimeError):
    pass


_registry: dict[str, Module] = {}


def register(module: Module) -> Module:
    """Called from the app's AppConfig.ready(). A label or a permission code declared twice is an error
    at start-up, not a surprise later."""
    if module.label in _registry and _registry[module.label] is not module:
        raise RegistryError(f"module {module.label!r} is registered twice")
    codes = {p.code for m in _registry.values() if m.label != module.label for p in m.permissions}
    if clash := codes & {p.code for p in module.permissions}:
        raise RegistryError(f"module {module.label!r} declares permission codes another module owns: {sorted(clash)}")
    for action in module.record_actions:
        if action.kind.count(".") != 1:
            raise RegistryError(f"module {module.label!r} offers an action on {action.kind!r}: a kind is 'app.record'")
    _registry[module.label] = module
    return module


def unregister(label: str) -> None:
    """For tests that register a toy module."""
    _registry.pop(label, None)


def modules() -> list[Module]:
    return list(_registry.values())


def get(label: str) -> Module | None:
    return _registry.get(label)


def permissions() -> dict[str, Permission]:
    return {p.code: p for m in _registry.values() for p in m.permissions}


def _role_grants() -> dict[str, set[str]]:
    known = permissions()
    grants: dict[str, set[str]] = {}
    for m in _registry.values():
        for role, codes in m.grants.items():
            if unknown := set(codes) - set(known):
                raise RegistryError(f"module {m.label!r} grants undeclared permission codes: {sorted(unknown)}")
            grants.setdefault(str(role), set()).update(codes)
    return grants


def role_grants() -> dict[str, set[str]]:
    """role -> every code any module grants it."""
    return _role_grants()


def menu_entries() -> list[MenuEntry]:
    return sorted((e for m in _registry.values() for e in m.menu), key=lambda e: e.order)


def offline_stores() -> list[OfflineStore]:
    return [o for m in _registry.values() for o in m.offline_stores]


def home_cards() -> list[HomeCard]:
    return sorted((c for m in _registry.values() for c in m.home_cards), key=lambda c: c.order)


def report_figures() -> list[ReportFigure]:
    return sorted((f for m in _registry.values() for f in m.report_figures), key=lambda f: f.order)


def report_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    """Every module's counts for these communities (the caller checked that the user may see them)."""
    counts: dict[int, dict[str, int]] = {cid: {} for cid in community_ids}
    for m in _registry.values():
        if m.report_counts is not None:
            for cid, values in m.report_counts(community_ids).items():
                counts.setdefault(cid, {}).update(values)
    return counts


def figure_catalogue() -> dict[str, Figure]:
    """Every module's figures by key, in their order; a key declared twice is an error. A module's
    street-overview count (ReportFigure) that is not also a Figure joins as a kept count of now."""
    figures: dict[str, Figure] = {}
    for m in _registry.values():
        for figure in m.figures:
            if figure.key in figures:
                raise RegistryError(f"figure {figure.key!r} is declared twice")
            figures[figure.key] = figure
    for m in _registry.values():
        for legacy in m.report_figures:
            if legacy.key not in figures and m.report_counts is not None:
                figures[legacy.key] = _from_report_figure(legacy, m.report_counts)
    return dict(sorted(figures.items(), key=lambda kv: kv[1].order))


def _from_report_figure(legacy: ReportFigure, counts: Callable[[set[int]], dict[int, dict[str, int]]]) -> Figure:
    def compute(community_ids, month):
        return {cid: values.get(legacy.key, 0) for cid, values in counts(community_ids).items()}

    return Figure(
        key=legacy.key,
        name=legacy.label,
        definition=legacy.definition or legacy.label,
        unit="",
        group=legacy.group,
        compute=compute,
        order=1000 + legacy.order,
        kept=KEPT,
        max_age_minutes=10,
        monthly=False,
    )


def person_names(kind: str, ids: set[int]) -> dict[int, str]:
    for m in _registry.values():
        if kind in m.person_names:
            return m.person_names[kind](ids)
    return {}


def message_kinds() -> dict[str, MessageKind]:
    """Every module's message kinds by code (a code declared twice is an error)."""
    kinds: dict[str, MessageKind] = {}
    for m in _registry.values():
        for kind in m.message_kinds:
            if kind.code in kinds:
                raise RegistryError(f"message kind {kind.code!r} is declared twice")
            kinds[kind.code] = kind
    return kinds


def record_actions(kind: str, scope: Scope, obj: Any) -> list[tuple[Any, str]]:
    """The links every module offers on a record of `kind` for this user, in their order."""
    offered = sorted((a for m in _registry.values() for a in m.record_actions if a.kind == kind), key=lambda a: a.order)
    return [link for action in offered for link in action.links(scope, obj)]


def periodic_jobs() -> list[PeriodicJob]:
    return [j for m in _registry.values() for j in m.periodic]


def account_roles(user) -> set[str]:
    roles: set[str] = set()
    for m in _registry.values():
        if m.account_roles is not None:
            roles |= m.account_roles(user)
    return roles


def seed_order(selected: Iterable[Module] | None = None) -> list[Module]:
    """Modules with a seed, each after the ones it names in seed_after (a cycle is an error)."""
    pool = {m.label: m for m in (selected if selected is not None else _registry.values())}
    done: list[Module] = []
    state: dict[str, str] = {}

    def visit(label: str, path: tuple[str, ...]) -> None:
        if state.get(label) == "done":
            return
        if state.get(label) == "visiting":
            raise RegistryError(f"demo seeds wait on each other: {' -> '.join((*path, label))}")
        state[label] = "visiting"
        module = pool.get(label)
        if module is None:
            raise RegistryError(f"a demo seed waits on {label!r}, which is not registered")
        for before in module.seed_after:
            visit(before, (*path, label))
        state[label] = "done"
        done.append(module)

    for label in pool:
        visit(label, ())
    return [m for m in done if m.seed is not None or m.seed_global is not None]
