"""care over JSON: visits (recorded with the phone's key, so a retried or queued submit records
once; listed for those who may see them) and care contacts, scoped like the pages."""

import datetime as dt

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from linli.care import selectors, services
from linli.care.errors import CareError
from linli.care.models import CareContact, CareSchedule
from linli.care.permissions import VIEW_VISITS
from linli.care.visit_input import photo_from_data_url
from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.tenancy.models import Community

router = Router(tags=["care"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class NeedIn(Schema):
    text: str
    category_id: int | None = None
    file_case: bool = False


class ProposalIn(Schema):
    kind: str
    resident_id: int | None = None
    phone: str = ""
    name: str = ""
    gender: str = ""
    birth_date: dt.date | None = None
    relation: str = ""


class VisitIn(Schema):
    key: str
    household_id: Id
    visited_at: dt.datetime | None = None
    purpose: str = "routine"
    outcome: str = "met"
    seen: list[int] = []
    findings: list[str] = []
    note: str = ""
    case_id: int | None = None
    needs: list[NeedIn] = []
    proposals: list[ProposalIn] = []
    photo: str | None = None  # a data: URL (the phone shrinks the photo first)


class VisitOut(Schema):
    id: int
    key: str
    community_id: int
    household_id: int
    grid_id: int | None
    visitor_id: int
    visited_at: dt.datetime
    purpose: str
    outcome: str
    findings: list[str]
    note: str
    created: bool = False
    url: str = ""


class VisitPage(Schema):
    items: list[VisitOut]
    page: Page


class ContactIn(Schema):
    plan_id: Id
    kind: str
    reached: bool = True
    note: str = ""
    key: str | None = None
    contacted_at: dt.datetime | None = None
    schedule_id: Id | None = None  # the plan's schedule the contact answers (it moves on)
    minutes: int | None = None  # a volunteer's call: its length, his service hours (default 15)


class ContactOut(Schema):
    id: int
    plan_id: int
    schedule_id: int | None
    kind: str
    reached: bool
    note: str
    contacted_at: dt.datetime
    by_id: int
    minutes: int | None
    service_record_id: int | None  # volunteering's record of the caller's hours


class ContactPage(Schema):
    items: list[ContactOut]
    page: Page


def _community(request, community_id: int) -> Community:
    community = Community.objects.filter(pk=community_id).first()
    if community is None or not scope_for(request.auth).has(VIEW_VISITS, community_id):
        raise Http404
    return community


def _out(visit, created: bool) -> dict:
    return {**{f: getattr(visit, f) for f in VisitOut.model_fields if hasattr(visit, f)}, "key": str(visit.key),
            "created": created, "url": reverse("care:visit_detail", args=[visit.pk])}  # fmt: skip


def _input(payload: VisitIn) -> services.VisitInput:
    return services.VisitInput(
        key=payload.key, household_id=payload.household_id, visited_at=payload.visited_at, purpose=payload.purpose,
        outcome=payload.outcome, seen=payload.seen, findings=payload.findings, note=payload.note,
        case_id=payload.case_id, needs=[services.NeedInput(**n.dict()) for n in payload.needs],
        proposals=[services.ProposalInput(**p.dict()) for p in payload.proposals],
        photo=photo_from_data_url(payload.photo),
    )  # fmt: skip


@router.post("/care/visits", response={200: VisitOut, 201: VisitOut, **ERRORS}, url_name="care_visit_create")
def create_visit(request, payload: VisitIn):
    """A visit with the phone's `key` (a UUID): sent again, it answers 200 with the visit recorded the
    first time and records nothing more; new, 201. The community is the household's."""
    community = selectors.visit_community(request.auth, payload.household_id)
    data = _input(payload)
    visit, created = services.visit_record(actor=request.auth, community=community, data=data)
    return Status(201 if created else 200, _out(visit, created))


class SyncIn(Schema):
    items: list[VisitIn]


class SyncItemOut(Schema):
    key: str
    status: str  # "ok" (recorded now or before) or "refused" (nothing written; the reason in message)
    id: int | None = None
    created: bool = False
    url: str = ""
    code: str = ""
    message: str = ""
    field: str | None = None


class SyncOut(Schema):
    results: list[SyncItemOut]
    recorded: int
    refused: int


@router.post("/care/visits/sync", response={200: SyncOut, **ERRORS}, url_name="care_visit_sync")
def sync_visits(request, payload: SyncIn):
    """A phone's offline queue in one request (at most 200). Each item is answered in order: `ok`
    (recorded now, or before with the same key: nothing more) or `refused` with the reason, which
    changes nothing and does not stop the others. 403 when none of the households is in a
    community where the caller records visits."""
    inputs, results = [], {}
    for i, item in enumerate(payload.items):
        try:
            inputs.append((i, _input(item)))
        except DomainError as exc:  # a photo that is not one
            results[i] = {"key": item.key, "status": "refused", "code": exc.code, "message": str(exc.message),
                          "field": exc.field}  # fmt: skip
    done = services.visits_sync(actor=request.auth, items=[data for _i, data in inputs])
    for (i, _data), r in zip(inputs, done, strict=True):
        results[i] = {"key": r.key, "status": "ok" if r.ok else "refused", "code": r.code, "message": r.message,
                      "field": r.field, "created": r.created, "id": r.visit.pk if r.visit else None,
                      "url": reverse("care:visit_detail", args=[r.visit.pk]) if r.visit else ""}  # fmt: skip
    ordered = [results[i] for i in range(len(payload.items))]
    ok = sum(r["status"] == "ok" for r in ordered)
    return {"results": ordered, "recorded": ok, "refused": len(ordered) - ok}


@router.get("/care/visits", response={200: VisitPage, **ERRORS})
def list_visits(request, community_id: Id, grid_id: Id | None = None, mine: bool = False, page: int = 1,
                page_size: int = 50):  # fmt: skip
    _community(request, community_id)
    visits = selectors.visit_list(scope=scope_for(request.auth), community_id=community_id, grid_id=grid_id, mine=mine)
    items, meta = paginate(visits, page, page_size)
    return {"items": [_out(v, False) for v in items], "page": meta}


@router.post("/care/contacts", response={201: ContactOut, **ERRORS})
def log_contact(request, payload: ContactIn):
    """A care contact made (reached) or tried (not reached: it escalates); a repeated key logs once."""
    plan = selectors.get_plan_for(request.auth, payload.plan_id)
    schedule = None
    if payload.schedule_id is not None:
        schedule = (
            CareSchedule.objects.in_community(plan.community_id)
            .filter(plan=plan, active=True, pk=payload.schedule_id)
            .first()
        )
        if schedule is None:
            raise CareError(_("这个关爱计划没有这项联系安排，或已经停止。"), field="schedule_id")
    contact = services.care_contact_log(
        actor=request.auth, plan=plan, kind=payload.kind, reached=payload.reached, note=payload.note,
        key=payload.key, contacted_at=payload.contacted_at, schedule=schedule, minutes=payload.minutes,
    )  # fmt: skip
    return Status(201, contact)


@router.get("/care/contacts", response={200: ContactPage, **ERRORS})
def list_contacts(request, community_id: Id, plan_id: Id | None = None, page: int = 1, page_size: int = 50):
    _community(request, community_id)
    contacts = (
        CareContact.objects.visible_to(request.auth).filter(community_id=community_id).order_by("-contacted_at", "-pk")
    )
    if plan_id:
        contacts = contacts.filter(plan_id=plan_id)
    items, meta = paginate(contacts, page, page_size)
    return {"items": items, "page": meta}
