"""The dashboards' reads (issue 19): a place — a region (street, district, city), a community or a
compound — and a month, with the catalogue's figures for it, the month compared with the last and
the same month a year before, and the places below it ranked on a figure. Counts only; the places a
user may not see answer 404 (a supervisor's communities are those below his region)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from linli.core import figures as f
from linli.core import modules
from linli.core.figures import Figure
from linli.core.scoping import scope_for
from linli.core.typing import Actor
from linli.places.models import Compound
from linli.reports import values
from linli.reports.selectors import reportable_community_ids
from linli.tenancy.models import Community, Membership, Region

COMPARISONS = ("last_month", "last_year")


@dataclass
class Place:
    """What a dashboard is about: its name, kind ("region", "community", "compound"), the communities
    whose figures add up to it, its way up (breadcrumbs) and the places one level below it."""

    kind: str
    pk: int
    name: str
    community_ids: set[int]
    level: str = ""
    crumbs: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, name, pk), top first
    children: list[Place] = field(default_factory=list)
    community_id: int | None = None  # a compound's community
    sensitive_ok: bool = False


@dataclass
class Cell:
    value: float | None  # None: nothing to show (no one counted, or no past kept)
    weight: float | None = None
    hidden: str = ""  # "<5" (suppressed) or "withheld" (sensitive)

    @property
    def export(self):
        """For a spreadsheet: the number itself, or the text that stands for it ("<5", "—")."""
        if self.hidden or self.value is None:
            return self.text
        return round(self.value, 1)

    @property
    def text(self) -> str:
        if self.hidden == "withheld":
            return "—"
        if self.hidden:
            return self.hidden
        if self.value is None:
            return "—"
        return f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,.1f}"


def cell(figure: Figure, pair: tuple[float, float | None] | None, *, sensitive_ok: bool) -> Cell:
    if figure.sensitive and not sensitive_ok:
        return Cell(None, hidden="withheld")
    if pair is None:
        return Cell(None)
    value, weight = pair
    if f.suppressed(figure, value, weight):
        return Cell(None, weight, hidden=f"<{figure.min_group}")
    return Cell(f.shown(figure, value, weight), weight)


def catalogue() -> list[Figure]:
    return list(modules.figure_catalogue().values())


def month_param(raw: str | None, today: dt.date) -> tuple[dt.date, str]:
    """The month asked for ("2026-11"), or this month with the reason it was not taken."""
    this_month = f.month_start(today)
    if not raw:
        return this_month, ""
    try:
        asked = dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return this_month, "bad"
    if asked > this_month:
        return this_month, "future"
    if asked.year < 2000:
        return this_month, "bad"
    return asked, ""


def _sensitive_ok(actor: Actor, community_ids: set[int]) -> bool:
    scope = scope_for(actor)
    return scope.is_superuser or (bool(community_ids) and community_ids <= scope.sensitive_community_ids)


def _crumbs(region: Region | None, allowed: set[int]) -> list[tuple[str, str, int]]:
    """The regions above (and including) `region` whose every community the user may see."""
    out = []
    while region is not None:
        below = set(Community.objects.filter(street__path__startswith=region.path).values_list("pk", flat=True))
        if below and below <= allowed:
            out.append(("region", region.name, region.pk))
        region = region.parent
    return list(reversed(out))


def region_place(*, actor: Actor, pk: int) -> Place:
    """A region all of whose communities the user may see (404 otherwise, or when it has none)."""
    allowed = reportable_community_ids(actor)
    region = Region.objects.filter(pk=pk).first()
    if region is None:
        raise Http404
    communities = list(Community.objects.filter(street__path__startswith=region.path).select_related("street"))
    ids = {c.pk for c in communities}
    if not ids or not ids <= allowed:
        raise Http404
    place = Place("region", region.pk, region.name, ids, level=region.level)
    place.crumbs = _crumbs(region.parent, allowed)
    if region.level == Region.Level.STREET:
        place.children = [Place("community", c.pk, c.name, {c.pk}) for c in sorted(communities, key=lambda c: c.name)]
    else:
        for child in Region.objects.filter(parent=region).order_by("name"):
            below = {c.pk for c in communities if c.street.path.startswith(child.path)}
            if below:
                place.children.append(Place("region", child.pk, child.name, below, level=child.level))
    place.sensitive_ok = _sensitive_ok(actor, ids)
    return place


def community_place(*, actor: Actor, pk: int) -> Place:
    if pk not in reportable_community_ids(actor):
        raise Http404
    community = Community.objects.select_related("street").get(pk=pk)
    place = Place("community", community.pk, community.name, {community.pk})
    place.crumbs = _crumbs(community.street, reportable_community_ids(actor))
    place.children = [
        Place("compound", c.pk, c.name, {community.pk}, community_id=community.pk)
        for c in Compound.objects.in_community(community.pk).order_by("name")
    ]
    place.sensitive_ok = _sensitive_ok(actor, {community.pk})
    return place


def compound_place(*, actor: Actor, community_pk: int, pk: int) -> Place:
    community = community_place(actor=actor, pk=community_pk)
    compound = Compound.objects.in_community(community_pk).filter(pk=pk).first()
    if compound is None:
        raise Http404
    place = Place("compound", compound.pk, compound.name, {community_pk}, community_id=community_pk)
    place.crumbs = [*community.crumbs, ("community", community.name, community.pk)]
    place.sensitive_ok = community.sensitive_ok
    return place


def start_place(*, actor: Actor) -> tuple[str, int] | None:
    """Where a user's dashboard opens: the region he supervises (the widest, if several; the top of
    the tree for a superuser), else his own community."""
    allowed = reportable_community_ids(actor)
    if not allowed:
        return None
    scope = scope_for(actor)
    if scope.is_superuser:
        top = Region.objects.filter(parent__isnull=True).order_by("name").first()
        if top is not None:
            return "region", top.pk
    regions = [
        m.region
        for m in Membership.objects.filter(user=actor, is_active=True, region__isnull=False).select_related("region")
    ]
    if regions:
        return "region", min(regions, key=lambda r: (len(r.path), r.name)).pk
    own = allowed & scope.community_ids
    return "community", min(own or allowed)


def compared_months(month: dt.date) -> dict[str, dt.date]:
    return {"last_month": f.shift_month(month, -1), "last_year": f.shift_month(month, -12)}


def timestamp_now() -> dt.datetime:
    return timezone.now()


def figure_values(place: Place, month: dt.date, figures: list[Figure] | None = None) -> values.Values:
    """The figures' values for the place's communities: this month with parts, the compared months
    as wholes (kept figures read from the summary table in one query each)."""
    figures = figures if figures is not None else catalogue()
    current = values.read(figures, place.community_ids, [month])
    compared = values.read(figures, place.community_ids, compared_months(month).values(), parts=False)
    for key, months in compared.data.items():
        current.data.setdefault(key, {}).update(months)
    current.computed_at.update(compared.computed_at)
    return current
