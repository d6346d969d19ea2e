"""The registry of people over JSON, through the same selectors and services as the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from linli.core.api import ErrorOut, Id, paginate
from linli.core.scoping import scope_for
from linli.people import schemas, selectors, services
from linli.people.models import Resident
from linli.people.presenters import present
from linli.people.services import UNCHANGED, ResidentInput
from linli.tenancy.models import Community

router = Router(tags=["people"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def _out(resident: Resident, scope) -> dict:
    view = present(resident, scope)
    data = {
        "id": resident.pk,
        "community_id": resident.community_id,
        "name": resident.name,
        "address": view.address,
        "status": resident.status,
        "full": view.full,
        "version": resident.version,
    }
    if view.full:
        data.update(
            gender=resident.gender or None,
            birth_date=resident.birth_date,
            age=view.age,
            id_number=view.id_number_masked or None,
            phone=view.phone_masked or None,
            residence=resident.residence,
            dwelling_id=resident.dwelling_id,
            moved_in_date=resident.moved_in_date,
            moved_out_date=resident.moved_out_date,
            tags=[t.name for t in view.tags],
        )
    return data


def _page(request, filters: selectors.ResidentFilters, page: int, page_size: int) -> dict:
    scope = scope_for(request.auth)
    if not selectors.can_read_people(scope, filters.community_id):
        raise Http404
    residents = selectors.list_rows(selectors.resident_list(actor=request.auth, filters=filters), scope)
    items, meta = paginate(residents, page, page_size)
    return {"items": [_out(r, scope) for r in items], "page": meta}


class ListQuery(schemas.Schema):
    community_id: Id | None = None
    q: str = ""
    compound_id: Id | None = None
    building_id: Id | None = None
    grid_id: Id | None = None
    tag_id: Id | None = None
    status: str = "active"
    page: int = 1
    page_size: int = 25


@router.get("/residents", response={200: schemas.ResidentPage, **ERRORS})
def list_residents(request, query: Query[ListQuery]):
    """Residents in scope. `q` here takes names and pinyin only; ID and phone numbers are
    personal data and must not travel in URLs: POST them to /residents/search."""
    if selectors.classify_query(query.q).kind in ("phone", "phone4", "id_number"):
        raise HttpError(400, _("证件号和电话号码不能放在网址中，请用 POST /api/v1/residents/search 提交。"))
    filters = selectors.ResidentFilters(
        community_id=query.community_id,
        query=query.q,
        compound_id=query.compound_id,
        building_id=query.building_id,
        grid_id=query.grid_id,
        tag_id=query.tag_id,
        status="" if query.status == "all" else query.status,
    )
    return _page(request, filters, query.page, query.page_size)


@router.post("/residents/search", response={200: schemas.ResidentPage, **ERRORS})
def search_residents(request, body: schemas.SearchIn):
    """One search box: Chinese name (full or part), pinyin, initials (zhs → 张三), phone last four,
    full phone or exact ID number."""
    filters = selectors.ResidentFilters(
        community_id=body.community_id, query=body.q, status="" if body.status == "all" else body.status
    )
    return _page(request, filters, body.page, body.page_size)


@router.get("/residents/{resident_id}", response={200: schemas.ResidentOut, **ERRORS})
def get_resident(request, resident_id: Id):
    scope = scope_for(request.auth)
    return _out(selectors.resident_detail(actor=request.auth, pk=resident_id), scope)


@router.post("/residents", response={201: schemas.ResidentOut, **ERRORS})
def create_resident(request, body: schemas.ResidentIn):
    scope = scope_for(request.auth)
    if body.community_id not in scope.community_ids and not scope.is_superuser:
        raise Http404
    community = get_object_or_404(Community, pk=body.community_id)
    data = ResidentInput(**body.dict(exclude={"community_id"}))
    resident = services.resident_create(actor=request.auth, community=community, data=data)
    return Status(201, _out(selectors.resident_detail(actor=request.auth, pk=resident.pk), scope))


@router.patch("/residents/{resident_id}", response={200: schemas.ResidentOut, **ERRORS})
def update_resident(request, resident_id: Id, body: schemas.ResidentPatch):
    scope = scope_for(request.auth)
    resident = selectors.get_resident_for(request.auth, resident_id)
    given = body.dict(exclude_unset=True)
    current = {f: getattr(resident, f) for f in services.PLAIN_FIELDS}
    current.update(dwelling_id=resident.dwelling_id, id_number=UNCHANGED, phone=UNCHANGED)
    current.update({k: v for k, v in given.items() if k != "version" and v is not None})
    if "gender" not in given and "id_number" in given:
        current["gender"] = ""  # let a new ID number decide
        current["birth_date"] = None
    services.resident_update(
        actor=request.auth, resident=resident, data=ResidentInput(**current), expected_version=body.version
    )
    return _out(selectors.resident_detail(actor=request.auth, pk=resident.pk), scope)


@router.post("/residents/{resident_id}/move-out", response={200: schemas.ResidentOut, **ERRORS})
def move_out(request, resident_id: Id, body: schemas.MoveOutIn):
    resident = selectors.get_resident_for(request.auth, resident_id)
    services.resident_move_out(
        actor=request.auth,
        resident=resident,
        date=body.date,
        place=body.place,
        reason=body.reason,
        deceased=body.deceased,
        expected_version=body.version,
    )
    return _out(selectors.resident_detail(actor=request.auth, pk=resident.pk), scope_for(request.auth))


@router.post("/residents/{resident_id}/reveal", response={200: schemas.RevealOut, 429: ErrorOut, **ERRORS})
def reveal(request, resident_id: Id, body: schemas.RevealIn):
    """The full ID or phone number, with a reason that is written to the access log."""
    resident = selectors.get_resident_for(request.auth, resident_id)
    value = services.resident_reveal(
        actor=request.auth, resident=resident, field=body.field, reason=body.reason, request=request
    )
    return {"field": body.field, "value": value}


def _household_out(household, members=None) -> dict:
    current = getattr(household, "current_members", None)
    return {
        "id": household.pk,
        "community_id": household.community_id,
        "number": household.number,
        "address": str(household.dwelling) if household.dwelling_id else "",
        "status": household.status,
        "member_count": getattr(household, "member_count", len(current or [])),
        "members": [
            {
                "id": m.pk,
                "resident_id": m.resident_id,
                "name": m.resident.name,
                "relation": m.relation,
                "joined_date": m.joined_date,
                "left_date": m.left_date,
            }
            for m in (members if members is not None else current or [])
        ],
    }


@router.get("/households", response={200: schemas.HouseholdPage, **ERRORS})
def list_households(request, community_id: Id | None = None, q: str = "", page: int = 1, page_size: int = 25):
    scope = scope_for(request.auth)
    if not scope.has("view_people", community_id):
        raise Http404
    households = selectors.household_list(actor=request.auth, community_id=community_id, query=q[:50])
    items, meta = paginate(households, page, page_size)
    return {"items": [_household_out(h) for h in items], "page": meta}


@router.get("/households/{household_id}", response={200: schemas.HouseholdOut, **ERRORS})
def get_household(request, household_id: Id):
    household = selectors.get_household_for(request.auth, household_id)
    if not scope_for(request.auth).has("view_people", household.community_id):
        raise Http404
    return _household_out(household, list(selectors.household_members(household)))


@router.post("/households", response={201: schemas.HouseholdOut, **ERRORS})
def create_household(request, body: schemas.HouseholdIn):
    scope = scope_for(request.auth)
    if body.community_id not in scope.community_ids and not scope.is_superuser:
        raise Http404
    community = get_object_or_404(Community, pk=body.community_id)
    household = services.household_create(
        actor=request.auth, community=community, number=body.number, dwelling_id=body.dwelling_id, notes=body.notes
    )
    return Status(201, _household_out(household, []))


@router.post("/households/{household_id}/members", response={201: schemas.HouseholdOut, **ERRORS})
def add_member(request, household_id: Id, body: schemas.MemberIn):
    household = selectors.get_household_for(request.auth, household_id)
    resident = selectors.get_resident_for(request.auth, body.resident_id)
    services.household_add_member(
        actor=request.auth, household=household, resident=resident, relation=body.relation, joined_date=body.joined_date
    )
    return Status(201, _household_out(household, list(selectors.household_members(household))))
