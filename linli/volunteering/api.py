"""Volunteering over JSON: volunteers with verified hours, star level and points; service records
(logging and verifying); the project library with its claims. Scoped like the pages."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.permissions import VIEW_PARTY
from linli.core.scoping import scope_for
from linli.volunteering import selectors, services
from linli.volunteering.permissions import VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope

router = Router(tags=["volunteering"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class VolunteerOut(Schema):
    id: int
    community_id: int
    name: str
    status: str
    in_service: bool
    workplace: str
    skills: list[str]
    free_time: str
    compound_id: int | None
    building_id: int | None
    verified_hours: float
    star: int
    points: int

    @staticmethod
    def resolve_verified_hours(obj) -> float:
        return obj.total_hours

    @staticmethod
    def resolve_points(obj) -> int:
        return obj.points_balance


class VolunteerPage(Schema):
    items: list[VolunteerOut]
    page: Page


class TotalsOut(Schema):
    year: int
    total_hours: float
    here_hours: float
    year_hours: float
    year_count: int
    pending_hours: float
    pending_count: int
    star: int
    points: int


class VolunteerDetailOut(VolunteerOut):
    totals: TotalsOut


class RecordOut(Schema):
    id: int
    community_id: int
    volunteer_id: int
    team_id: int | None
    title: str
    place: str
    started_at: dt.datetime
    ended_at: dt.datetime
    minutes: int
    status: str
    source: str
    points: int
    project_id: int | None
    case_id: int | None
    duty_id: int | None
    verified_at: dt.datetime | None


class RecordPage(Schema):
    items: list[RecordOut]
    page: Page


class RecordIn(Schema):
    volunteer_id: Id
    title: str
    started_at: dt.datetime
    ended_at: dt.datetime
    place: str = ""
    note: str = ""
    team_id: Id | None = None
    project_id: Id | None = None
    case_id: Id | None = None


class ClaimOut(Schema):
    id: int
    volunteer_id: int | None
    team_id: int | None
    claimant: str
    status: str
    plan: str
    claimed_at: dt.datetime

    @staticmethod
    def resolve_claimant(obj) -> str:
        return str(obj.claimant)


class ProjectOut(Schema):
    id: int
    community_id: int
    number: int | None
    title: str
    need: str
    beneficiaries: str
    kind: str
    skills: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    capacity: int | None
    claim_count: int
    state: str
    rating: int | None
    claimants: list[ClaimOut] = []  # staff only


class ProjectPage(Schema):
    items: list[ProjectOut]
    page: Page


class ClaimIn(Schema):
    volunteer_id: Id | None = None
    team_id: Id | None = None
    plan: str = ""


def _check(request, community_id: int) -> None:
    if not scope_for(request.auth).has(VIEW_VOLUNTEERS, community_id):
        raise Http404


@router.get("/volunteering/volunteers", response={200: VolunteerPage, **ERRORS})
def list_volunteers(
    request,
    community_id: Id,
    status: str = "active",
    in_service: bool | None = None,
    min_star: int = 0,
    page: int = 1,
    page_size: int = 50,
):
    _check(request, community_id)
    rows = selectors.visible_volunteers(request.auth).filter(community_id=community_id).order_by("name", "pk")
    if status:
        rows = rows.filter(status=status)
    party = scope_for(request.auth).has(VIEW_PARTY, community_id)
    if in_service is not None and party:
        rows = rows.filter(in_service=in_service)
    if min_star:
        rows = rows.filter(star__gte=min_star)
    items, meta = paginate(rows, page, page_size)
    if not party:
        for item in items:
            _hide_party(item)
    return {"items": items, "page": meta}


def _hide_party(volunteer) -> None:
    """Party membership is for `view_party` (and the volunteer himself): others get a plain volunteer."""
    volunteer.in_service, volunteer.workplace = False, ""


@router.get("/volunteering/volunteers/{volunteer_id}", response={200: VolunteerDetailOut, **ERRORS})
def get_volunteer(request, volunteer_id: Id, year: int | None = None):
    """One volunteer (staff, himself, or his team leader) with his totals: lifetime hours (across his
    communities), this year, pending, star and points."""
    volunteer = selectors.visible_volunteers(request.auth).filter(pk=volunteer_id).first()
    if volunteer is None:
        raise Http404
    scope = scope_for(request.auth)
    if not scope.has(VIEW_PARTY, volunteer.community_id) and volunteer.pk not in volunteer_scope(scope).volunteer_ids:
        _hide_party(volunteer)
    volunteer.totals = selectors.person_totals(volunteer, year if year and 2000 <= year <= 2100 else None)
    return volunteer


@router.get("/volunteering/records", response={200: RecordPage, **ERRORS})
def list_records(
    request,
    community_id: Id,
    status: str | None = None,
    volunteer_id: Id | None = None,
    page: int = 1,
    page_size: int = 50,
):
    scope = scope_for(request.auth)
    if not (scope.has(VIEW_VOLUNTEERS, community_id) or community_id in volunteer_scope(scope).volunteer_community_ids):
        raise Http404  # staff, or a volunteer (a team leader) of that community
    rows = selectors.visible_records(request.auth).filter(community_id=community_id).order_by("-started_at")
    if status:
        rows = rows.filter(status=status)
    if volunteer_id:
        rows = rows.filter(volunteer_id=volunteer_id)
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


@router.post("/volunteering/records", response={201: RecordOut, **ERRORS})
def log_record(request, payload: RecordIn):
    """A volunteer logs his own hours (pending), or staff log hours for one (verified at once)."""
    volunteer = selectors.visible_volunteers(request.auth).filter(pk=payload.volunteer_id).first()
    if volunteer is None:
        raise Http404
    data = services.RecordInput(
        title=payload.title,
        started_at=payload.started_at,
        ended_at=payload.ended_at,
        place=payload.place,
        note=payload.note,
        team_id=payload.team_id,
        project_id=payload.project_id,
        case_id=payload.case_id,
    )
    return Status(201, services.record_add(actor=request.auth, volunteer=volunteer, data=data))


@router.post("/volunteering/records/{record_id}/verify", response={200: RecordOut, **ERRORS})
def verify_record(request, record_id: Id):
    record = selectors.visible_records(request.auth).select_related("volunteer").filter(pk=record_id).first()
    if record is None:
        raise Http404
    return services.record_verify(actor=request.auth, record=record)


@router.get("/volunteering/projects", response={200: ProjectPage, **ERRORS})
def list_projects(request, community_id: Id, state: str | None = None, page: int = 1, page_size: int = 50):
    """The project library; claims are listed for staff (others see the counts)."""
    rows = selectors.visible_projects(request.auth).filter(community_id=community_id).order_by("number", "pk")
    scope = scope_for(request.auth)
    if not (scope.is_superuser or community_id in scope.community_ids | volunteer_scope(scope).volunteer_community_ids):
        raise Http404
    filters = {
        "open": {"status": "open", "claim_count": 0},
        "claimed": {"status": "open", "claim_count__gt": 0},
        "done": {"status": "done"},
    }
    if state in filters:
        rows = rows.filter(**filters[state])
    items, meta = paginate(rows, page, page_size)
    for item in items:
        item.claimants = []
    if scope.has(VIEW_VOLUNTEERS, community_id):
        claims: dict[int, list] = {}
        rows = selectors.visible_claims(request.auth).filter(project__in=items).select_related("volunteer", "team")
        for claim in rows:
            claims.setdefault(claim.project_id, []).append(claim)
        for item in items:
            item.claimants = claims.get(item.pk, [])
    return {"items": items, "page": meta}


@router.post("/volunteering/projects/{project_id}/claims", response={201: ClaimOut, **ERRORS})
def claim_project(request, project_id: Id, payload: ClaimIn):
    """揭榜: claim for oneself (no ids), for a team one leads, or — staff — for anyone. 409 when full."""
    project = selectors.visible_projects(request.auth).filter(pk=project_id).first()
    if project is None:
        raise Http404
    volunteer = team = None
    if payload.team_id:
        team = selectors.team_in(project.community_id, payload.team_id)
        if team is None:
            raise Http404
    else:
        rows = selectors.visible_volunteers(request.auth).filter(community_id=project.community_id, status="active")
        volunteer = (
            rows.filter(pk=payload.volunteer_id) if payload.volunteer_id else rows.filter(user_id=request.auth.pk)
        ).first()
        if volunteer is None:
            raise Http404
    claim = services.project_claim(
        actor=request.auth, project=project, volunteer=volunteer, team=team, plan=payload.plan
    )
    return Status(201, claim)
