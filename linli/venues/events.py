"""venues' events, one typed function per kind (labels: venues/module.py `event_kinds`), written in
the same transaction as the change: a booking's on the booking, the register's on the fitness set."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linli.core.events import record
from linli.core.models import Event

if TYPE_CHECKING:
    from linli.core.typing import Actor
    from linli.venues.models import Booking, FitnessSet, Series, Thing


def _event(kind: str, subject: tuple[str, int], community_id: int, actor: Actor | None, data=None) -> Event:
    return record(module="venues", kind=kind, subject=subject, community_id=community_id, actor=actor, data=data)


def booking_event(kind: str, *, booking: Booking, actor: Actor | None, note: str = "") -> Event:
    """booking_made, booking_requested, booking_approved, booking_refused, booking_cancelled,
    booking_checked_in, booking_no_show."""
    data: dict[str, Any] = {"thing": booking.thing_id, "status": booking.status}
    if note:
        data["note"] = note[:200]
    return _event(kind, ("venue_booking", booking.pk), booking.community_id, actor, data)


def series_made_event(*, series: Series, actor: Actor, made: int, skipped: int) -> Event:
    data = {"thing": series.thing_id, "made": made, "skipped": skipped, "note": series.purpose}
    return _event("series_made", ("venue_series", series.pk), series.community_id, actor, data)


def thing_event(kind: str, *, thing: Thing, actor: Actor, note: str = "") -> Event:
    """thing_saved, thing_out_of_service, thing_back_in_service."""
    return _event(kind, ("venue_thing", thing.pk), thing.community_id, actor, {"note": note[:200]} if note else None)


def fitness_event(kind: str, *, fitness_set: FitnessSet, actor: Actor, note: str = "", case_id=None) -> Event:
    """inspection_recorded, repair_raised, repair_done."""
    data: dict[str, Any] = {"note": note[:200]}
    if case_id:
        data["case"] = case_id
    return _event(kind, ("venue_fitness", fitness_set.pk), fitness_set.community_id, actor, data)
