"""The party organisation over JSON: the tree and the roll, for those who may see them."""

import datetime as dt

from django.db.models import Count
from django.http import Http404
from ninja import Router, Schema, Status

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.permissions import VIEW_PARTY
from linli.core.scoping import scope_for, tenant_join
from linli.party import services
from linli.party.models import PartyMember, PartyOrg, ReportIn

router = Router(tags=["party"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class PartyOrgOut(Schema):
    id: int
    community_id: int
    name: str
    level: str
    parent_id: int | None
    grid_id: int | None
    building_id: int | None
    household_id: int | None
    leader: str
    member_count: int


class PartyMemberOut(Schema):
    id: int
    org_id: int
    name: str
    kind: str
    resident_id: int | None
    joined_on: dt.date | None
    registered_on: dt.date | None
    left_on: dt.date | None


class PartyMemberPage(Schema):
    items: list[PartyMemberOut]
    page: Page


def _check(request, community_id: int) -> None:
    if not scope_for(request.auth).has(VIEW_PARTY, community_id):
        raise Http404


@router.get("/party/orgs", response={200: list[PartyOrgOut], **ERRORS})
def list_orgs(request, community_id: Id):
    """The whole tree of a community (a few hundred nodes at most), parents before children."""
    _check(request, community_id)
    orgs, members = tenant_join(
        PartyOrg.objects.visible_to(request.auth).filter(community_id=community_id),
        "members",
        community_id,
        left_on__isnull=True,
    )
    orgs = orgs.annotate(member_count=Count(members)).order_by("level", "name")
    order = {level: i for i, level in enumerate(PartyOrg.Level.values)}
    return sorted(orgs, key=lambda o: (order[o.level], o.name))


@router.get("/party/members", response={200: PartyMemberPage, **ERRORS})
def list_members(request, community_id: Id, org_id: Id | None = None, current: bool = True, page: int = 1,
                 page_size: int = 50):  # fmt: skip
    _check(request, community_id)
    members = PartyMember.objects.visible_to(request.auth).filter(community_id=community_id).order_by("name", "pk")
    if org_id:
        members = members.filter(org_id=org_id)
    if current:
        members = members.filter(left_on__isnull=True)
    items, meta = paginate(members, page, page_size)
    return {"items": items, "page": meta}


class ReportInOut(Schema):
    id: int
    community_id: int
    name: str
    workplace: str
    own_org: str
    skills: list[str]
    commitment_hours: int
    status: str
    submitted_at: dt.datetime
    volunteer_id: int | None


class ReportInProgressOut(ReportInOut):
    year_hours: float = 0
    year_count: int = 0


class ReportInPage(Schema):
    items: list[ReportInProgressOut]
    page: Page


class ReportInIn(Schema):
    community_code: str
    name: str
    workplace: str
    own_org: str
    skills: list[str] = []
    commitment_hours: int = 12


@router.get("/party/report-ins", response={200: ReportInPage, **ERRORS})
def list_report_ins(request, community_id: Id, status: str = "confirmed", year: int | None = None, page: int = 1,
                    page_size: int = 50):  # fmt: skip
    """In-service members who reported in, with this year's verified hours against their commitment."""
    _check(request, community_id)
    rows = ReportIn.objects.visible_to(request.auth).filter(community_id=community_id, status=status)
    items, meta = paginate(rows.order_by("workplace", "name", "pk"), page, page_size)
    year = year if year and 2000 <= year <= 2100 else dt.date.today().year
    for entry in services.commitments(community_id, items, year):
        entry["row"].year_hours, entry["row"].year_count = entry["hours"], entry["count"]
    return {"items": items, "page": meta}


@router.post("/party/report-ins", response={201: ReportInOut, **ERRORS})
def report_in(request, payload: ReportInIn):
    """An in-service member reports to a community by its code (400 `unknown_community` if none)."""
    row = services.report_in(actor=request.auth, data=services.ReportInInput(
        community_code=payload.community_code, name=payload.name, workplace=payload.workplace,
        own_org=payload.own_org, skills=payload.skills, commitment_hours=payload.commitment_hours))  # fmt: skip
    return Status(201, row)
