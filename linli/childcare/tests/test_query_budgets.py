"""The lists of the day-care class (the programmes, a programme's children with the day's attendance,
a child's pickup persons and days) stay under a budget, and more children, persons and days add no
query (no N+1)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from linli.childcare import services
from linli.childcare.tests.helpers import children, programme

BUDGETS = {"home": 6, "programme": 10, "child": 8}


def _world_of(world, n):
    p = programme(world, capacity=max(n - 2, 1))
    worker = world.user("worker")
    rows = [services.apply(actor=worker, programme=p, child=c) for c in children(world, n)]
    for i, e in enumerate(rows):
        if e.registration.status == "confirmed":
            person = services.pickup_person_add(actor=worker, enrolment=e, name=f"家长{i}", relation="mother",
                                                phone=f"1350000{i:04d}")  # fmt: skip
            services.pickup_person_add(actor=worker, enrolment=e, name=f"奶奶{i}", relation="grandparent",
                                       phone=f"1360000{i:04d}")  # fmt: skip
            services.arrive(actor=worker, enrolment=e)
            if i % 2:
                services.pickup(actor=worker, enrolment=e, person_id=person.pk, code=e.pickup_code)
    return p, rows[0]


def _counts(world, p, e) -> dict:
    client = Client()
    client.force_login(world.user("secretary"))
    urls = {"home": "/childcare/", "programme": f"/childcare/{p.pk}/", "child": f"/childcare/children/{e.pk}/"}
    client.get("/childcare/")  # warms the session
    counts = {}
    for key, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[key] = len(queries)
    return counts


@pytest.mark.parametrize("size", [3, 25])
def test_the_lists_stay_under_their_budgets(world, size):
    p, e = _world_of(world, size)
    counts = _counts(world, p, e)
    assert all(counts[k] <= BUDGETS[k] for k in BUDGETS), counts


def test_more_children_add_no_query(world, django_assert_max_num_queries):
    small = _counts(world, *_world_of(world, 3))
    p, e = _world_of(world, 25)  # a second class, bigger: the home lists both
    big = _counts(world, p, e)
    assert big == small, (small, big)
    client = Client()
    client.force_login(world.user("worker"))
    client.get("/childcare/")
    with django_assert_max_num_queries(BUDGETS["programme"]):
        client.get(f"/childcare/{p.pk}/")
