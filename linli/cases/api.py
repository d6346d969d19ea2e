"""Cases over JSON for the console and apps: the inbox, filing, the case with its timeline, and
the workflow steps. Scoped like the pages; personal data (the reporter's phone) is masked."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status

from linli.cases import selectors, services
from linli.cases.models import Channel
from linli.cases.permissions import HANDLE_CASES, WORK_CASES
from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.people.scope import people_scope

router = Router(tags=["cases"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class CaseOut(Schema):
    id: int
    community_id: int
    number: str
    title: str
    description: str
    category: str
    category_id: int
    channel: str
    urgency: str
    status: str
    place: str
    handler_org_id: int | None
    handler_org: str | None
    assignee: str | None
    due_at: dt.datetime | None
    overdue: bool
    joint: bool
    satisfaction: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class EventOut(Schema):
    kind: str
    label: str
    actor: str | None
    note: str
    at: dt.datetime


class CaseDetailOut(CaseOut):
    hotline_number: str
    contact_name: str
    contact_phone_masked: str
    timeline: list[EventOut]


class CasePage(Schema):
    items: list[CaseOut]
    page: Page


class CaseIn(Schema):
    community_id: Id
    category_id: Id
    description: str
    title: str = ""
    urgency: str = "normal"
    compound_id: Id | None = None
    building_id: Id | None = None
    dwelling_id: Id | None = None
    address_text: str = ""
    reporter_id: Id | None = None
    contact_name: str = ""
    contact_phone: str = ""
    anonymous: bool = False
    on_behalf: bool = False
    channel: str = ""
    hotline_number: str = ""  # the 12345 work order's, with channel "hotline" (staff only)


class StepIn(Schema):
    note: str = ""
    reason: str = ""
    satisfaction: int | None = None
    comment: str = ""
    category_id: Id | None = None
    handler_org_id: Id | None = None
    assignee_id: Id | None = None
    urgency: str = ""
    due_at: dt.datetime | None = None  # extend: the new deadline asked for


def _user_label(user) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


def _out(case) -> dict:
    return {
        "id": case.pk,
        "community_id": case.community_id,
        "number": case.number,
        "title": case.title,
        "description": case.description,
        "category": case.category.name,
        "category_id": case.category_id,
        "channel": case.channel,
        "urgency": case.urgency,
        "status": case.status,
        "place": case.public_place or case.address_text,
        "handler_org_id": case.handler_org_id,
        "handler_org": case.handler_org.name if case.handler_org_id else None,
        "assignee": _user_label(case.assignee),
        "due_at": case.due_at,
        "overdue": case.is_overdue,
        "joint": case.joint,
        "satisfaction": case.satisfaction,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }


def _detail(request, case) -> dict:
    scope = scope_for(request.auth)
    inside = services.can_handle(scope, case) or services.can_work(scope, case)
    data = _out(case)
    data["place"] = case.place_label if inside else data["place"]
    data["hotline_number"] = case.hotline_number
    data["contact_name"] = (
        case.contact_name if (inside and not case.anonymous) or services.is_reporter(scope, case) else ""
    )
    data["contact_phone_masked"] = services.masked_contact(case) if inside and not case.anonymous else ""
    data["timeline"] = [
        {"kind": e.kind, "label": str(e.get_kind_display()), "actor": _user_label(e.actor), "note": e.note, "at": e.at}
        for e in selectors.timeline(case, include_internal=inside)
    ]
    return data


@router.get("/cases", response={200: CasePage, **ERRORS})
def list_cases(
    request, community_id: Id, box: str = "open", q: str = "", status: str = "", page: int = 1, page_size: int = 50
):
    scope = scope_for(request.auth)
    if not (scope.has(HANDLE_CASES, community_id) or scope.has(WORK_CASES, community_id)):
        raise Http404
    filters = selectors.CaseFilters(
        community_id=community_id, box=box if box in selectors.BOXES else "open", query=q[:50], status=status
    )
    items, meta = paginate(selectors.case_inbox(actor=request.auth, filters=filters), page, page_size)
    return {"items": [_out(c) for c in items], "page": meta}


@router.post("/cases", response={201: CaseDetailOut, **ERRORS})
def file_case(request, payload: CaseIn):
    scope = scope_for(request.auth)
    community = selectors.community_to_file_in(request.auth, payload.community_id)
    if community is None:
        raise Http404
    staff = scope.has(HANDLE_CASES, community.pk)
    channel = payload.channel if staff and payload.channel in Channel.values else Channel.SELF
    if not staff:
        channel = (
            Channel.SELF
            if people_scope(scope).resident_ids or not scope.has(WORK_CASES, community.pk)
            else Channel.STAFF
        )
    data = services.CaseInput(
        category_id=payload.category_id,
        description=payload.description,
        title=payload.title,
        urgency=payload.urgency,
        compound_id=payload.compound_id,
        building_id=payload.building_id,
        dwelling_id=payload.dwelling_id,
        address_text=payload.address_text,
        reporter_id=payload.reporter_id if staff else None,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        anonymous=payload.anonymous,
        on_behalf=payload.on_behalf and staff,
        hotline_number=payload.hotline_number if staff else "",
    )
    case, _created = services.case_file(actor=request.auth, community=community, data=data, channel=channel)
    return Status(201, _detail(request, selectors.get_case_for(request.auth, case.pk)))


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS})
def get_case(request, case_id: Id):
    return _detail(request, selectors.get_case_for(request.auth, case_id))


@router.post("/cases/{case_id}/{step}", response={200: CaseDetailOut, **ERRORS})
def case_step(request, case_id: Id, step: str, payload: StepIn):
    """One workflow step: accept, reject, assign, claim, progress, resolve, confirm, reopen, close,
    escalate, comment, urgency (紧急程度, with a reason; the deadline follows), send_back, extend,
    extend_approve, extend_refuse, urge or supervise. A refused step answers 400/403/409 with the
    reason and changes nothing."""
    case = selectors.get_case_for(request.auth, case_id)
    if step not in services.STEPS or not services.STEPS[step].api:
        raise Http404
    data = services.StepInput(
        note=payload.note,
        reason=payload.reason,
        comment=payload.comment,
        satisfaction=payload.satisfaction,
        category_id=payload.category_id,
        handler_org_id=payload.handler_org_id,
        assignee_id=payload.assignee_id,
        urgency=payload.urgency,
        due_at=payload.due_at,
    )
    services.run_step(actor=request.auth, case=case, name=step, data=data)
    # Sent back (退单), the case is no longer the organisation's to see: it gets what it just did.
    seen = selectors.case_visible_in(actor=request.auth, community_id=case.community_id, case_id=case.pk)
    return _detail(request, selectors.get_case_for(request.auth, case_id) if seen else case)
