"""Who a notice is for. An audience names places (compounds, buildings, grids) and tags: a resident
is reached when he lives in one of the places — or anywhere in the community when no place is
named — and, when tags are named, carries at least one of them. So 独居老人 in 仙湖花园 is
{"compounds": [仙湖花园], "tags": [独居老人]}, and {} is the whole community.

The author may name only what he may address: managers anything of their community; a grid worker
his grids and their buildings; a building head his buildings — and tags only those he may see
(sensitive tags stay hidden from roles not granted them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from linli.core.scoping import Scope
from linli.people.models import Resident, ResidentTag, Tag
from linli.places.models import Building, Compound, Grid
from linli.places.scope import places_scope

KEYS = ("compounds", "buildings", "grids", "tags")


@dataclass
class Audience:
    compounds: list[int] = field(default_factory=list)
    buildings: list[int] = field(default_factory=list)
    grids: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    whole: bool = False  # the author chose 全社区 (no place); with no place and no tag it is required

    @classmethod
    def of(cls, data: dict | None) -> Audience:
        data = data or {}
        return cls(**{k: sorted({int(i) for i in data.get(k) or []}) for k in KEYS}, whole=bool(data.get("whole")))

    def as_data(self) -> dict:
        return {k: getattr(self, k) for k in KEYS if getattr(self, k)} | ({"whole": True} if self.whole else {})

    @property
    def has_place(self) -> bool:
        return bool(self.compounds or self.buildings or self.grids)

    @property
    def is_empty(self) -> bool:
        return not (self.whole or self.has_place or self.tags)


def building_ids(community_id: int, audience: Audience) -> set[int] | None:
    """The buildings the places cover, or None for the whole community."""
    if not audience.has_place:
        return None
    q = Q(pk__in=audience.buildings) | Q(compound_id__in=audience.compounds) | Q(grid_id__in=audience.grids)
    return set(Building.objects.in_community(community_id).filter(q).values_list("pk", flat=True))


def residents(community_id: int, audience: Audience) -> QuerySet:
    """The community's residents (living there now) the audience reaches."""
    rows = Resident.objects.in_community(community_id).filter(status=Resident.Status.ACTIVE)
    buildings = building_ids(community_id, audience)
    if buildings is not None:
        rows = rows.filter(dwelling__building_id__in=buildings, dwelling__community_id=community_id)
    if audience.tags:
        tagged = ResidentTag.objects.in_community(community_id).filter(tag_id__in=audience.tags)
        rows = rows.filter(pk__in=tagged.values("resident_id"))
    return rows


def reach(community_id: int, audience: Audience) -> int:
    return residents(community_id, audience).count()


@dataclass
class Area:
    """What an author may name in a community."""

    whole: bool
    compounds: QuerySet
    buildings: QuerySet
    grids: QuerySet
    tags: QuerySet


def area_of(scope: Scope, community_id: int, *, manages: bool) -> Area:
    tags = Tag.objects.visible_to(scope).filter(community_id=community_id).order_by("sensitive", "name")
    buildings = Building.objects.in_community(community_id).select_related("compound")
    if manages:
        return Area(
            True,
            Compound.objects.in_community(community_id).order_by("name"),
            buildings.order_by("compound__name", "name"),
            Grid.objects.in_community(community_id).order_by("name"),
            tags,
        )
    mine = places_scope(scope)
    own = buildings.filter(Q(pk__in=mine.building_ids) | Q(grid_id__in=mine.grid_ids))
    return Area(
        False,
        Compound.objects.in_community(community_id).none(),
        own.order_by("compound__name", "name"),
        Grid.objects.in_community(community_id).filter(pk__in=mine.grid_ids).order_by("name"),
        tags,
    )


def outside(area: Area, audience: Audience) -> str | None:
    """The first thing the audience names that the author may not address (a key of KEYS or
    "whole"), or None when all of it is his to name."""
    if audience.whole and not area.whole:
        return "whole"
    for key in KEYS:
        wanted = set(getattr(audience, key))
        if wanted and wanted - set(getattr(area, key).filter(pk__in=wanted).values_list("pk", flat=True)):
            return key
    return None


def label(community_id: int, audience: Audience) -> str:
    """A short description, as the notice's list shows it: 仙湖花园、3栋 · 独居老人."""
    parts = [c.name for c in Compound.objects.in_community(community_id).filter(pk__in=audience.compounds)]
    parts += [str(b) for b in Building.objects.in_community(community_id).filter(pk__in=audience.buildings)
              .select_related("compound")]  # fmt: skip
    parts += [g.name for g in Grid.objects.in_community(community_id).filter(pk__in=audience.grids)]
    places = "、".join(parts) or _("全社区")
    tags = "、".join(Tag.objects.in_community(community_id).filter(pk__in=audience.tags).values_list("name", flat=True))
    return f"{places} · {tags}" if tags else places
