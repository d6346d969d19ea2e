"""Concurrent sign-ups never oversell: on SQLite (transactions are IMMEDIATE, so writers queue) and
on PostgreSQL (the offering's row is locked FOR UPDATE). Run it on both:
scripts/with_postgres.sh .venv/bin/python -m pytest linli/participation/tests/test_concurrency.py"""

import threading

import pytest
from django.db import connection

from linli.participation.models import Offering, Registration
from linli.participation.services import register
from linli.participation.tests.helpers import offering, people


@pytest.mark.django_db(transaction=True)
def test_twenty_at_once_for_five_places_confirm_exactly_five_and_queue_the_rest_in_arrival_order():
    from linli.core.tests.world import build_world

    world = build_world()
    sec, event = world.user("secretary"), offering(world, capacity=5)
    crowd = people(world, 20)
    barrier, errors = threading.Barrier(len(crowd)), []

    def sign_up(resident):
        try:
            barrier.wait(timeout=20)
            register(actor=sec, offering=event, resident=resident)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(r,)) for r in crowd]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    rows = list(Registration.objects.unscoped().filter(offering=event).order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, 21))
    assert [r.status for r in rows] == ["confirmed"] * 5 + ["waitlisted"] * 15
    assert [r.registered_at for r in rows] == sorted(r.registered_at for r in rows)
    saved = Offering.objects.unscoped().get(pk=event.pk)
    assert (saved.confirmed, saved.next_seq) == (5, 21)
