"""Booking a thing, and the booking's life: approval, cancellation, check-in at the door, no-show.
Every write of a thing's bookings happens under the lock of the thing's row (common.lock_thing), so
the overlap check and the insert are one step; a refusal raises VenueError and writes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.typing import account_of
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.venues import events
from linli.venues.models import BookerKind, Booking, Thing
from linli.venues.permissions import MANAGE_VENUES
from linli.venues.services import rules
from linli.venues.services.common import VenueError, lock_thing, require_book, require_manage
from linli.volunteering import selectors as volunteering
from linli.volunteering.scope import volunteer_scope

if TYPE_CHECKING:
    from linli.core.typing import Actor

CHECK_IN_EARLY = dt.timedelta(minutes=30)  # the door opens to a booking this long before it starts
NO_SHOW_AFTER = dt.timedelta(minutes=15)


@dataclass
class BookingInput:
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    purpose: str = ""
    people: int = 1
    team_id: int | None = None  # book in the name of a team the actor leads (or any team, for staff)


def booker_kind(actor: Actor, community_id: int, team_id: int | None) -> str:
    """Who books: a team (its leader, or staff for it), the staff, or a resident for himself."""
    scope = scope_for(actor)
    staff = scope.has(MANAGE_VENUES, community_id)
    if team_id:
        if volunteering.team_in(community_id, team_id) is None:
            raise VenueError(_("所选团队不是本社区的团队。"), field="team", code="unknown_team")
        if not staff and team_id not in volunteer_scope(scope).led_team_ids:
            raise PermissionDeniedError(_("只有团队的队长可以用团队名义预约。"))
        return BookerKind.TEAM
    return BookerKind.STAFF if staff else BookerKind.RESIDENT


def _times(data: BookingInput) -> tuple[dt.datetime, dt.datetime]:
    if data.starts_at is None or data.ends_at is None:
        raise VenueError(_("请填写开始和结束时间。"), field="starts_at", code="no_time")
    return data.starts_at, data.ends_at


def check_booking(thing: Thing, starts_at, ends_at, kind: str, *, user_id, team_id, exclude=None) -> dt.datetime:
    """All the rules in the order a person would want to hear them; returns the slot's end with the
    buffer (`blocks_until`)."""
    rules.check_basic(thing, starts_at, ends_at, kind)
    rules.check_hours(thing, starts_at, ends_at)
    rules.check_weekly(thing, starts_at, kind, user_id=user_id, team_id=team_id)
    blocks_until = ends_at + dt.timedelta(minutes=thing.buffer_minutes)
    rules.check_free(thing, starts_at, blocks_until, exclude=exclude)
    return blocks_until


def _resident_id(actor: Actor, community_id: int, kind: str) -> int | None:
    if kind != BookerKind.RESIDENT:
        return None
    own = people_scope(scope_for(actor)).resident_ids
    if not own:
        return None
    return Resident.objects.in_community(community_id).filter(pk__in=own).values_list("pk", flat=True).first()


def booking_create(*, actor: Actor, thing: Thing, data: BookingInput) -> Booking:
    require_book(actor, thing.community_id)
    starts_at, ends_at = _times(data)
    kind = booker_kind(actor, thing.community_id, data.team_id)
    people = max(1, int(data.people or 1))
    try:
        with transaction.atomic():
            thing = lock_thing(thing)
            if people > thing.capacity:
                raise VenueError(_("“%(thing)s”最多容纳%(n)d人。") % {"thing": thing.name, "n": thing.capacity},
                                 field="people", code="capacity")  # fmt: skip
            blocks_until = check_booking(thing, starts_at, ends_at, kind, user_id=actor.pk, team_id=data.team_id)
            pending = thing.needs_approval and kind != BookerKind.STAFF
            booking = Booking.objects.create(
                community_id=thing.community_id, thing=thing, starts_at=starts_at, ends_at=ends_at,
                blocks_until=blocks_until, kind=kind, booked_by=account_of(actor),
                team_id=data.team_id if kind == BookerKind.TEAM else None,
                resident_id=_resident_id(actor, thing.community_id, kind),
                status=Booking.Status.PENDING if pending else Booking.Status.CONFIRMED,
                purpose=(data.purpose or "").strip()[:100], people=people,
            )  # fmt: skip
            events.booking_event("booking_requested" if pending else "booking_made", booking=booking, actor=actor)
    except IntegrityError:
        # PostgreSQL's exclusion constraint: a writer that did not take the lock (or a race the
        # lock did not see) — the same refusal as the check's.
        raise rules.overlap_error(thing, starts_at, ends_at) from None
    return booking


def can_act_for(actor: Actor, booking: Booking) -> bool:
    """The booker himself, the leader of the team booked for, or staff."""
    scope = scope_for(actor)
    return (
        scope.has(MANAGE_VENUES, booking.community_id)
        or booking.booked_by_id == actor.pk
        or (booking.team_id is not None and booking.team_id in volunteer_scope(scope).led_team_ids)
    )


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.in_community(booking.community_id)
        .select_for_update()
        .select_related("thing")
        .get(pk=booking.pk)
    )


@transaction.atomic
def booking_cancel(*, actor: Actor, booking: Booking, reason: str = "") -> Booking:
    if not can_act_for(actor, booking):
        raise PermissionDeniedError(_("只有预约人、队长或工作人员可以取消预约。"))
    booking = _locked(booking)
    if booking.status not in (Booking.Status.PENDING, Booking.Status.CONFIRMED):
        raise VenueError(_("这个预约已%(s)s，不能再取消。") % {"s": booking.get_status_display()}, code="state")
    staff = scope_for(actor).has(MANAGE_VENUES, booking.community_id)
    if booking.starts_at <= timezone.now() and not staff:
        raise VenueError(_("预约已经开始，不能再取消；如有变动请联系工作人员。"), code="started")
    booking.status, booking.cancelled_at = Booking.Status.CANCELLED, timezone.now()
    booking.note = (reason or "").strip()[:200]
    booking.save(update_fields=["status", "cancelled_at", "note"])
    events.booking_event("booking_cancelled", booking=booking, actor=actor, note=booking.note)
    return booking


@transaction.atomic
def booking_decide(*, actor: Actor, booking: Booking, approve: bool, note: str = "") -> Booking:
    require_manage(actor, booking.community_id)
    booking = _locked(booking)
    if booking.status != Booking.Status.PENDING:
        raise VenueError(_("这个预约不在待审批状态（%(s)s）。") % {"s": booking.get_status_display()}, code="state")
    booking.status = Booking.Status.CONFIRMED if approve else Booking.Status.REFUSED
    booking.decided_by, booking.decided_at = account_of(actor), timezone.now()
    booking.note = (note or "").strip()[:200]
    booking.save(update_fields=["status", "decided_by", "decided_at", "note"])
    events.booking_event("booking_approved" if approve else "booking_refused", booking=booking, actor=actor,
                         note=booking.note)  # fmt: skip
    return booking


@transaction.atomic
def booking_check_in(*, actor: Actor, booking: Booking, now: dt.datetime | None = None) -> Booking:
    require_manage(actor, booking.community_id)
    booking, now = _locked(booking), now or timezone.now()
    if booking.status != Booking.Status.CONFIRMED:
        raise VenueError(_("只有已预约（已批准）的预约可以签到，现在是“%(s)s”。") % {"s": booking.get_status_display()},
                         code="state")  # fmt: skip
    if now < booking.starts_at - CHECK_IN_EARLY or now >= booking.ends_at:
        raise VenueError(_("只能在预约开始前30分钟到结束之间签到。"), code="not_now")
    booking.status, booking.checked_in_at = Booking.Status.CHECKED_IN, now
    booking.save(update_fields=["status", "checked_in_at"])
    events.booking_event("booking_checked_in", booking=booking, actor=actor)
    return booking


@transaction.atomic
def booking_no_show(*, actor: Actor, booking: Booking, now: dt.datetime | None = None) -> Booking:
    require_manage(actor, booking.community_id)
    booking, now = _locked(booking), now or timezone.now()
    if booking.status != Booking.Status.CONFIRMED:
        raise VenueError(_("只有已预约而未签到的预约可以登记未到。"), code="state")
    if now < booking.starts_at + NO_SHOW_AFTER:
        raise VenueError(_("预约开始15分钟后才能登记未到。"), code="not_now")
    booking.status = Booking.Status.NO_SHOW
    booking.save(update_fields=["status"])
    events.booking_event("booking_no_show", booking=booking, actor=actor)
    return booking


def slot_check(*, community_id: int, thing_id: int, starts_at: dt.datetime, ends_at: dt.datetime, exclude=None) -> None:
    """For modules that put an event or a session in a room (services/occupancy.py): call inside
    the transaction that saves it. Locks the thing and raises VenueError if a live booking or
    another registered use overlaps."""
    slots_check(community_id=community_id, thing_id=thing_id, spans=[(starts_at, ends_at)], exclude=exclude)


def slots_check(*, community_id: int, thing_id: int, spans, exclude=None) -> None:
    """slot_check for many spans at once (a course's sessions): one lock, one read of the bookings."""
    thing = Thing.objects.in_community(community_id).filter(pk=thing_id).first()
    if thing is None:
        raise VenueError(_("所选场地不是本社区的场地。"), field="room", code="unknown_thing")
    thing = lock_thing(thing)
    if found := rules.conflicts(thing, spans, exclude=exclude):
        raise rules.conflicts_error(thing, found)


def room_conflicts(*, community_id: int, thing_id: int, spans, exclude=None):
    """What slots_check would refuse, without locking (a form's preview): [(start, end, what)]."""
    thing = Thing.objects.in_community(community_id).filter(pk=thing_id).first()
    return rules.conflicts(thing, spans, exclude=exclude) if thing is not None else []
