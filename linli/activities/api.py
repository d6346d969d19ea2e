"""Events over JSON: the list and one event, its registrations, signing up and cancelling, check-in
at the door (a scanned code or a registration of the roll). Scoped like the pages."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from linli.activities import selectors
from linli.activities.models import Event
from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.participation import selectors as engine
from linli.participation import services as engine_services

router = Router(tags=["activities"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class ActivityOut(Schema):
    id: int
    community_id: int
    title: str
    category: str
    organiser: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    public: bool
    capacity: int | None
    confirmed: int

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.name

    @staticmethod
    def resolve_place(obj) -> str:
        return obj.where

    @staticmethod
    def resolve_capacity(obj) -> int | None:
        return obj.offering.capacity

    @staticmethod
    def resolve_confirmed(obj) -> int:
        return obj.offering.confirmed


class EventPage(Schema):
    items: list[ActivityOut]
    page: Page


class RegistrationOut(Schema):
    id: int
    resident_id: int
    name: str
    status: str
    seq: int
    on_behalf: bool
    checked_in: bool = False


def _out(registration, checked_in: bool = False) -> dict:
    return {"id": registration.pk, "resident_id": registration.resident_id, "name": registration.resident.name,
            "status": registration.status, "seq": registration.seq, "on_behalf": registration.on_behalf,
            "checked_in": checked_in}  # fmt: skip


class SignUpIn(Schema):
    resident_id: Id


class CheckInIn(Schema):
    code: str = ""
    registration_id: Id | None = None


class CheckInOut(Schema):
    attendance_id: int
    name: str
    created: bool


def _event(request, event_id: int) -> Event:
    return selectors.get_event_for(request.auth, event_id)


@router.get("/activities/events", response={200: EventPage, **ERRORS})
def list_events(request, community_id: Id, page: int = 1, page_size: int = 50):
    scope = scope_for(request.auth)
    if not (scope.is_superuser or community_id in scope.community_ids):
        raise Http404
    rows = selectors.visible_events(request.auth).filter(community_id=community_id).order_by("-starts_at", "pk")
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


@router.get("/activities/events/{event_id}", response={200: ActivityOut, **ERRORS})
def get_event(request, event_id: Id):
    return _event(request, event_id)


@router.get("/activities/events/{event_id}/registrations", response={200: list[RegistrationOut], **ERRORS})
def list_registrations(request, event_id: Id):
    """The roll (organisers): everyone with a place or waiting, in arrival order."""
    event = _event(request, event_id)
    if not engine.may_run(request.auth, event.offering):
        raise Http404
    return [_out(r.registration, r.attendance is not None) for r in engine.roll(event.offering)]


@router.post("/activities/events/{event_id}/registrations", response={201: RegistrationOut, **ERRORS})
def sign_up(request, event_id: Id, body: SignUpIn):
    """Sign up oneself, a child of one's household, or (staff) anyone of the community on his behalf."""
    from linli.people.models import Resident

    event = _event(request, event_id)
    people = {p.pk: p for p in selectors.my_people(request.auth, event.community_id, timezone.localdate())}
    resident = people.get(body.resident_id)
    if resident is None and engine.may_run(request.auth, event.offering):
        resident = Resident.objects.in_community(event.community_id).filter(pk=body.resident_id).first()
    if resident is None:
        raise Http404
    return 201, _out(engine_services.register(actor=request.auth, offering=event.offering, resident=resident))


@router.post("/activities/registrations/{registration_id}/cancel", response={200: RegistrationOut, **ERRORS})
def cancel(request, registration_id: Id):
    registration = engine.registrations_visible(request.auth).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    engine_services.cancel(actor=request.auth, registration=registration)
    return _out(registration)


@router.post("/activities/events/{event_id}/check-in", response={200: CheckInOut, **ERRORS})
def check_in(request, event_id: Id, body: CheckInIn):
    event = _event(request, event_id)
    if not engine.may_run(request.auth, event.offering):
        raise Http404
    if body.code:
        attendance, created = engine_services.check_in_code(actor=request.auth, offering=event.offering,
                                                            code=body.code)  # fmt: skip
    else:
        registration = engine.registration_in(event.offering, body.registration_id)
        if registration is None:
            raise Http404
        attendance, created = engine_services.check_in(actor=request.auth, offering=event.offering,
                                                       registration=registration)  # fmt: skip
    return {"attendance_id": attendance.pk, "name": attendance.name, "created": created}
