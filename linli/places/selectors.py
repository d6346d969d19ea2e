"""Reads of compounds, buildings, dwellings and grids, scoped to what the actor may see."""

import re
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from linli.core.scoping import scope_for, tenant_join
from linli.core.typing import Actor
from linli.core.ui import id_param
from linli.places.models import Building, Compound, Dwelling, Grid, GridAssignment
from linli.places.scope import places_scope


def compound_choices(*, actor: Actor, community_id: int) -> QuerySet:
    return Compound.objects.visible_to(actor).filter(community_id=community_id).only("id", "name").order_by("name")


def grid_choices(*, actor: Actor, community_id: int) -> QuerySet:
    return Grid.objects.visible_to(actor).filter(community_id=community_id).only("id", "name").order_by("name")


def building_choices(*, actor: Actor, community_id: int) -> QuerySet:
    scope = scope_for(actor)
    buildings = Building.objects.visible_to(scope).filter(community_id=community_id)
    if not scope.is_superuser and community_id not in scope.full_community_ids and places_scope(scope).grid_ids:
        buildings = buildings.filter(grid_id__in=places_scope(scope).grid_ids)
    return buildings.select_related("compound").order_by("compound__name", "name")


def dwelling_choices(*, actor: Actor, community_id: int) -> QuerySet:
    """Dwellings the actor may put a resident in: the whole community, or a grid worker's grids."""
    scope = scope_for(actor)
    dwellings = Dwelling.objects.visible_to(scope).filter(community_id=community_id)
    if not scope.is_superuser and community_id not in scope.full_community_ids:
        dwellings = dwellings.filter(building__grid_id__in=places_scope(scope).grid_ids)
    return dwellings.select_related("building__compound", "unit")


def compound_list(*, actor: Actor, community_id: int, query: str = "") -> QuerySet:
    compounds = Compound.objects.visible_to(actor).filter(community_id=community_id)
    if query:
        compounds = compounds.filter(Q(name__contains=query) | Q(address__contains=query))
    compounds, residents = tenant_join(compounds, "buildings__dwellings__residents", community_id, status="active")
    return compounds.annotate(
        building_count=Count("tj_buildings", distinct=True), resident_count=Count(residents, distinct=True)
    ).order_by("name")


def building_list(
    *, actor: Actor, community_id: int, query: str = "", compound_id: int | None = None, grid_id: int | None = None
) -> QuerySet:
    buildings = Building.objects.visible_to(actor).filter(community_id=community_id)
    if query:
        buildings = buildings.filter(Q(name__contains=query) | Q(compound__name__contains=query))
    if compound_id:
        buildings = buildings.filter(compound_id=compound_id)
    if grid_id:
        buildings = buildings.filter(grid_id=grid_id)
    # Counted per building in subqueries on the community's indexes: a page of 25 buildings (and its
    # COUNT, which leaves them out) does not join and de-duplicate every dwelling and resident.
    dwellings = Dwelling.objects.filter(community_id=community_id, building_id=OuterRef("pk")).order_by()
    lived_in, residents = tenant_join(dwellings, "residents", community_id, status="active")
    return (
        buildings.select_related("compound", "grid")
        .annotate(
            dwelling_count=_count(dwellings.values("building_id").annotate(n=Count("pk")).values("n")),
            resident_count=_count(lived_in.values("building_id").annotate(n=Count(residents)).values("n")),
        )
        .order_by("compound__name", "name", "pk")
    )


def _count(subquery) -> Coalesce:
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def grid_list(*, actor: Actor, community_id: int, query: str = "") -> QuerySet:
    grids = Grid.objects.visible_to(actor).filter(community_id=community_id)
    if query:
        grids = grids.filter(Q(name__contains=query) | Q(code__contains=query))
    workers = GridAssignment.objects.in_community(community_id).select_related("user")
    grids, residents = tenant_join(grids, "buildings__dwellings__residents", community_id, status="active")
    return (
        grids.annotate(
            building_count=Count("tj_buildings", distinct=True), resident_count=Count(residents, distinct=True)
        )
        .prefetch_related(Prefetch("assignments", queryset=workers))
        .order_by("name")
    )


_Place = TypeVar("_Place", Compound, Building, Grid)


def _get(model: type[_Place], actor: Actor, pk: int | str) -> _Place:
    obj = model.objects.visible_to(actor).filter(pk=pk).first() if id_param(pk) is not None else None
    if obj is None:
        raise Http404
    return obj


def get_compound_for(actor: Actor, pk: int | str) -> Compound:
    return _get(Compound, actor, pk)


def get_building_for(actor: Actor, pk: int | str) -> Building:
    return _get(Building, actor, pk)


def get_grid_for(actor: Actor, pk: int | str) -> Grid:
    return _get(Grid, actor, pk)


def get_dwelling_for(actor: Actor, pk: int | str) -> Dwelling:
    dwelling = (
        Dwelling.objects.visible_to(actor).filter(pk=pk).select_related("building__compound", "building__grid", "unit")
        if id_param(pk) is not None
        else Dwelling.objects.none()
    )
    found = dwelling.annotate(resident_count=Count("residents", filter=Q(residents__status="active"))).first()
    if found is None:
        raise Http404
    return found


def natural_key(text: str) -> tuple:
    """Sorts "2单元" after "1单元" and "101" before "1001": numbers as numbers, the rest as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text) if part)


def unit_name(dwelling: Dwelling) -> str:
    return dwelling.unit.name if dwelling.unit is not None else ""


def in_room_order(dwellings) -> list:
    """Dwellings as a building lists them: by unit, then room number as a number (101 before 1001)."""
    return sorted(dwellings, key=lambda d: (natural_key(unit_name(d)), natural_key(d.room)))


def floor_of(room: str) -> int | None:
    """The floor a room number says: 301 → 3, 1203 → 12, 1-502 → 5; None when it does not say."""
    numbers = re.findall(r"\d+", room)
    return int(numbers[-1][:-2]) if numbers and len(numbers[-1]) >= 3 else None


def occupancy(dwelling: Dwelling, resident_count: int) -> tuple[str, str]:
    """(code, label) of how a dwelling is used, honestly: 空置 when nobody lives there, whatever was
    recorded; otherwise the recorded use (自住, 出租, 其他), or 有人居住 when it was recorded as empty."""
    if resident_count == 0:
        return Dwelling.Use.VACANT, str(Dwelling.Use.VACANT.label)
    if dwelling.use == Dwelling.Use.VACANT:
        return "occupied", _("有人居住")
    return dwelling.use, dwelling.get_use_display()


@dataclass
class Room:
    """A dwelling as a building's page lists it."""

    dwelling: Dwelling
    residents: int
    floor: int | None
    occupancy: str  # a Dwelling.Use value, or "occupied"
    occupancy_label: str


@dataclass
class Floor:
    number: int | None
    rooms: list[Room] = field(default_factory=list)


@dataclass
class UnitRooms:
    name: str
    floors: list[Floor] = field(default_factory=list)


def building_dwellings(building: Building) -> list[Room]:
    """A building's dwellings in the order of the building: unit, floor, room number (naturally),
    with who lives there counted and the occupancy told honestly. One query."""
    dwellings = (
        Dwelling.objects.in_community(building.community_id)
        .filter(building=building)
        .select_related("unit")
        .annotate(resident_count=Count("residents", filter=Q(residents__status="active")))
    )
    rooms = [Room(d, d.resident_count, floor_of(d.room), *occupancy(d, d.resident_count)) for d in dwellings]
    rooms.sort(key=lambda r: (natural_key(unit_name(r.dwelling)), r.floor or 0, natural_key(r.dwelling.room)))
    return rooms


def building_floors(rooms: list[Room]) -> list[UnitRooms]:
    """A building's sorted rooms grouped by unit, then floor, for the building's page."""
    units: list[UnitRooms] = []
    for room in rooms:
        name = unit_name(room.dwelling)
        if not units or units[-1].name != name:
            units.append(UnitRooms(name))
        floors = units[-1].floors
        if not floors or floors[-1].number != room.floor:
            floors.append(Floor(room.floor))
        floors[-1].rooms.append(room)
    return units


def street_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    """Compounds per community (counts for the street's overview)."""
    counts: dict[int, dict[str, int]] = {cid: {"compounds": 0} for cid in community_ids}
    rows = Compound.objects.in_community_ids(community_ids).values("community_id").annotate(n=Count("pk"))
    for row in rows:
        counts[row["community_id"]]["compounds"] = row["n"]
    return counts
