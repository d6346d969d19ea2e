"""Many people booking overlapping slots of one table at once: exactly one wins each slot, the others
are told it is taken — on SQLite (IMMEDIATE transactions) and on PostgreSQL (the row lock, and the
exclusion constraint underneath). Run on PostgreSQL with scripts/with_postgres.sh."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from linli.venues import services as venues
from linli.venues.models import Booking
from linli.venues.tests.helpers import at

THREADS = 8


def _race(world, slots):
    """Each thread books its slot at the same moment; returns the outcomes (ok or the error code)."""
    barrier, outcomes, lock = threading.Barrier(len(slots)), [], threading.Lock()
    table, actor = world.venues.table, world.user("worker")

    def book(start, end):
        try:
            barrier.wait(timeout=20)
            venues.booking_create(actor=actor, thing=table, data=venues.BookingInput(starts_at=start, ends_at=end))
            outcome = "ok"
        except venues.VenueError as exc:
            outcome = exc.code
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=book, args=slot) for slot in slots]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_eight_booking_the_same_slot_at_once_one_wins():
    from linli.core.tests.world import build_world

    world = build_world()
    outcomes = _race(world, [(at(3, 14), at(3, 15))] * THREADS)
    assert outcomes == ["ok"] + ["overlap"] * (THREADS - 1), outcomes
    live = Booking.objects.unscoped().filter(thing=world.venues.table, status__in=Booking.LIVE, starts_at__gte=at(3, 0))
    assert live.count() == 1


@pytest.mark.django_db(transaction=True)
def test_overlapping_but_different_slots_at_once_never_overlap_when_saved():
    from linli.core.tests.world import build_world

    world = build_world()
    slots = [(at(4, 9) + dt.timedelta(minutes=20 * i), at(4, 10) + dt.timedelta(minutes=20 * i)) for i in range(6)]
    outcomes = _race(world, slots)
    assert outcomes.count("ok") >= 1 and set(outcomes) <= {"ok", "overlap"}, outcomes
    saved = list(
        Booking.objects.unscoped().filter(thing=world.venues.table, starts_at__gte=at(4, 0)).order_by("starts_at")
    )
    assert len(saved) == outcomes.count("ok")
    assert all(a.blocks_until <= b.starts_at for a, b in zip(saved, saved[1:], strict=False))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")
def test_postgresql_refuses_an_overlap_written_past_the_service(world):
    first = world.venues.booking
    with pytest.raises(IntegrityError, match="venues_booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            community=world.a, thing=first.thing, starts_at=first.starts_at + dt.timedelta(minutes=30),
            ends_at=first.ends_at + dt.timedelta(minutes=30), blocks_until=first.ends_at + dt.timedelta(minutes=30),
        )  # fmt: skip
    cancelled = Booking.objects.create(
        community=world.a, thing=first.thing, starts_at=first.starts_at, ends_at=first.ends_at,
        blocks_until=first.blocks_until, status="cancelled",
    )  # fmt: skip
    assert cancelled.pk  # a cancelled booking gives its slot back
