"""Venues over JSON: the things one may book with their rules and a day's free slots, bookings (one's
own; staff: all of the community), booking and cancelling. Scoped like the pages; a refusal is a
409 whose code names the rule (overlap, outside_hours, too_long, weekly_limit, in_past, out_of_service)."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.venues import selectors, services
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES

router = Router(tags=["venues"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class ThingOut(Schema):
    id: int
    community_id: int
    venue_id: int
    venue: str
    name: str
    kind: str
    capacity: int
    who_may_book: str
    lead_hours: int
    max_minutes: int
    weekly_limit: int
    needs_approval: bool
    buffer_minutes: int
    out_of_service: bool
    out_of_service_note: str

    @staticmethod
    def resolve_venue(obj) -> str:
        return obj.venue.name


class ThingPage(Schema):
    items: list[ThingOut]
    page: Page


class ThingDetailOut(ThingOut):
    day: dt.date
    minutes: int
    free_slots: list[dt.datetime]


class BookingOut(Schema):
    id: int
    community_id: int
    thing_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    kind: str
    team_id: int | None
    purpose: str
    people: int
    mine: bool = False


class BookingPage(Schema):
    items: list[BookingOut]
    page: Page


class BookingIn(Schema):
    thing_id: Id
    starts_at: dt.datetime
    ends_at: dt.datetime
    purpose: str = ""
    people: int = 1
    team_id: Id | None = None


class CancelIn(Schema):
    reason: str = ""


def _member(request, community_id: int) -> None:
    scope = scope_for(request.auth)
    if not (scope.has(BOOK_VENUES, community_id) or scope.has(MANAGE_VENUES, community_id)):
        raise Http404


@router.get("/venues/things", response={200: ThingPage, **ERRORS})
def list_things(request, community_id: Id, page: int = 1, page_size: int = 50):
    _member(request, community_id)
    rows = selectors.visible_things(request.auth, community_id).order_by("venue__name", "name", "pk")
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


@router.get("/venues/things/{thing_id}", response={200: ThingDetailOut, **ERRORS})
def get_thing(request, thing_id: Id, day: dt.date | None = None, minutes: int = 60):
    """A thing with the starts of its free `minutes`-long slots on `day` (today by default)."""
    thing = selectors.get_thing_for(request.auth, thing_id)
    if thing is None:
        raise Http404
    thing.day = day or timezone.localdate()
    thing.minutes = max(15, min(minutes, 1440))
    thing.free_slots = selectors.free_slots(thing, thing.day, thing.minutes)
    return thing


@router.get("/venues/bookings", response={200: BookingPage, **ERRORS})
def list_bookings(request, community_id: Id, upcoming: bool = True, page: int = 1, page_size: int = 50):
    """Staff: the community's bookings; everyone else: his own and his teams'."""
    _member(request, community_id)
    scope = scope_for(request.auth)
    if scope.has(MANAGE_VENUES, community_id):
        rows = selectors.visible_bookings(request.auth).filter(community_id=community_id)
        now = timezone.now()
        rows = rows.filter(ends_at__gte=now) if upcoming else rows.filter(ends_at__lt=now)
        rows = rows.order_by("starts_at" if upcoming else "-starts_at", "pk")
    else:
        rows = selectors.my_bookings(request.auth, community_id, upcoming=upcoming)
    items, meta = paginate(rows, page, page_size)
    for item in items:
        item.mine = item.booked_by_id == request.auth.pk
    return {"items": items, "page": meta}


@router.post("/venues/bookings", response={201: BookingOut, **ERRORS})
def create_booking(request, payload: BookingIn):
    thing = selectors.get_thing_for(request.auth, payload.thing_id)
    if thing is None:
        raise Http404
    data = services.BookingInput(starts_at=payload.starts_at, ends_at=payload.ends_at, purpose=payload.purpose,
                                 people=payload.people, team_id=payload.team_id)  # fmt: skip
    booking = services.booking_create(actor=request.auth, thing=thing, data=data)
    booking.mine = True
    return Status(201, booking)


@router.post("/venues/bookings/{booking_id}/cancel", response={200: BookingOut, **ERRORS})
def cancel_booking(request, booking_id: Id, payload: CancelIn):
    booking = selectors.get_booking_for(request.auth, booking_id)
    if booking is None:
        raise Http404
    booking = services.booking_cancel(actor=request.auth, booking=booking, reason=payload.reason)
    booking.mine = booking.booked_by_id == request.auth.pk
    return booking
