"""Compounds, buildings and grids over JSON (read), scoped like the pages."""

from django.http import Http404
from ninja import Router, Schema

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.places import selectors
from linli.places.permissions import VIEW_PLACES

router = Router(tags=["places"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


class CompoundOut(Schema):
    id: int
    community_id: int
    name: str
    address: str
    building_count: int
    resident_count: int


class BuildingOut(Schema):
    id: int
    community_id: int
    compound_id: int
    compound: str
    name: str
    grid_id: int | None
    dwelling_count: int
    resident_count: int


class GridOut(Schema):
    id: int
    community_id: int
    name: str
    code: str
    building_count: int
    resident_count: int
    workers: list[str]


def _check(request, community_id: int) -> None:
    if not scope_for(request.auth).has(VIEW_PLACES, community_id):
        raise Http404


class CompoundPage(Schema):
    items: list[CompoundOut]
    page: Page


class BuildingPage(Schema):
    items: list[BuildingOut]
    page: Page


class GridPage(Schema):
    items: list[GridOut]
    page: Page


@router.get("/compounds", response={200: CompoundPage, **ERRORS})
def list_compounds(request, community_id: Id, q: str = "", page: int = 1, page_size: int = 50):
    _check(request, community_id)
    items, meta = paginate(
        selectors.compound_list(actor=request.auth, community_id=community_id, query=q[:50]), page, page_size
    )
    return {"items": items, "page": meta}


@router.get("/buildings", response={200: BuildingPage, **ERRORS})
def list_buildings(
    request,
    community_id: Id,
    compound_id: Id | None = None,
    grid_id: Id | None = None,
    q: str = "",
    page: int = 1,
    page_size: int = 50,
):
    _check(request, community_id)
    buildings = selectors.building_list(
        actor=request.auth, community_id=community_id, query=q[:50], compound_id=compound_id, grid_id=grid_id
    )
    items, meta = paginate(buildings, page, page_size)
    return {
        "items": [
            dict(
                id=b.pk,
                community_id=b.community_id,
                compound_id=b.compound_id,
                compound=b.compound.name,
                name=b.name,
                grid_id=b.grid_id,
                dwelling_count=b.dwelling_count,
                resident_count=b.resident_count,
            )
            for b in items
        ],
        "page": meta,
    }


@router.get("/grids", response={200: GridPage, **ERRORS})
def list_grids(request, community_id: Id, q: str = "", page: int = 1, page_size: int = 50):
    _check(request, community_id)
    items, meta = paginate(
        selectors.grid_list(actor=request.auth, community_id=community_id, query=q[:50]), page, page_size
    )
    return {
        "items": [
            dict(
                id=g.pk,
                community_id=g.community_id,
                name=g.name,
                code=g.code,
                building_count=g.building_count,
                resident_count=g.resident_count,
                workers=[a.user.get_full_name() or a.user.username for a in g.assignments.all()],
            )
            for g in items
        ],
        "page": meta,
    }
