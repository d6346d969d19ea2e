"""Reads of compounds, buildings, dwellings and grids, scoped to what the actor may see."""

from typing import TypeVar

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

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
    buildings, residents = tenant_join(buildings, "dwellings__residents", community_id, status="active")
    return (
        buildings.select_related("compound", "grid")
        .annotate(dwelling_count=Count("tj_dwellings", distinct=True), resident_count=Count(residents, distinct=True))
        .order_by("compound__name", "name", "pk")
    )


def grid_list(*, actor: Actor, community_id: int, query: str = "") -> QuerySet:
    grids = Grid.objects.visible_to(actor).filter(community_id=community_id)
    if query:
        grids = grids.filter(Q(name__contains=query) | Q(code__contains=query))
    workers = GridAssignment.objects.unscoped().select_related("user")
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


def building_dwellings(building: Building) -> QuerySet:
    return (
        Dwelling.objects.in_community(building.community_id)
        .filter(building=building)
        .select_related("unit")
        .annotate(resident_count=Count("residents", filter=Q(residents__status="active")))
        .order_by("unit__name", "room")
    )


def street_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    """Compounds per community (counts for the street's overview)."""
    counts: dict[int, dict[str, int]] = {cid: {"compounds": 0} for cid in community_ids}
    rows = Compound.objects.in_community_ids(community_ids).values("community_id").annotate(n=Count("pk"))
    for row in rows:
        counts[row["community_id"]]["compounds"] = row["n"]
    return counts
