"""The desk's loan and return read at most three times before they write (issue 16's benchmark),
whatever the catalogue's size; the lists do not grow their queries with their rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.core.scoping import scope_for
from linli.lending import services
from linli.lending.models import Copy, Hold, Loan, Policy, Title

READS = 3


def _reads(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]


def _bigger(world, n=30):
    """More titles, copies, loans and holds of other readers: the counts must not move."""
    Policy.objects.create(community=world.a)
    for i in range(n):
        title = Title.objects.create(community=world.a, title=f"书{i}")
        copy = Copy.objects.create(community=world.a, title=title, barcode=f"Z{i:05d}", status="on_loan")
        Loan.objects.create(
            community=world.a,
            copy=copy,
            title=title,
            resident=world.zhang,
            due_date=timezone.localdate() - dt.timedelta(days=i),
        )
        Hold.objects.create(community=world.a, title=title, resident=world.wang)


@pytest.mark.parametrize("size", [0, 30])
def test_a_loan_at_the_desk_reads_at_most_three_times_then_writes(world, lw, size):
    _bigger(world, size)
    title = Title.objects.create(community=world.a, title="围城", author="钱锺书")
    Copy.objects.create(community=world.a, title=title, barcode="Q000001")
    worker = world.user("worker")
    scope_for(worker)  # the request's scope, built by the middleware before the view
    with CaptureQueriesContext(connection) as ctx:
        services.loan_lend(actor=worker, community_id=world.a.pk, barcode="Q000001", card="A00001")
    assert len(_reads(ctx.captured_queries)) <= READS, _reads(ctx.captured_queries)
    writes = [q["sql"].split()[0].upper() for q in ctx.captured_queries if q["sql"] not in _reads(ctx.captured_queries)]
    assert writes.count("INSERT") == 2 and writes.count("UPDATE") == 1  # the loan, its event; the copy


@pytest.mark.parametrize("size", [0, 30])
def test_a_return_at_the_desk_reads_at_most_three_times_then_writes(world, lw, size):
    _bigger(world, size)
    worker = world.user("worker")
    scope_for(worker)
    with CaptureQueriesContext(connection) as ctx:  # W000001: 王芳 waits for it, so she is told
        services.loan_return(actor=worker, community_id=world.a.pk, barcode="W000001")
    assert len(_reads(ctx.captured_queries)) <= READS, _reads(ctx.captured_queries)


def test_the_desks_pages_take_a_fixed_number_of_queries(world, lw, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.user("worker"))
    client.get(reverse("lending:desk"))  # warms the session and the scope
    _bigger(world, 30)
    Copy.objects.create(
        community=world.a, title=Title.objects.create(community=world.a, title="围城"), barcode="Q000002"
    )
    with django_assert_max_num_queries(16):
        response = client.post(
            reverse("lending:desk"), {"action": "lend", "barcode": "Q000002", "reader": world.wang.pk}
        )
    assert response.status_code == 302
    assert Loan.objects.in_community(world.a).filter(copy__barcode="Q000002", resident=world.wang).exists()
    with django_assert_max_num_queries(14):
        assert client.get(reverse("lending:desk") + f"?reader={world.wang.pk}").status_code == 200


@pytest.mark.parametrize("name", ["lending:titles", "lending:loans", "lending:figures", "lending:me"])
def test_lists_do_not_grow_with_their_rows(world, lw, name):
    client = Client()
    client.force_login(world.user("secretary"))
    client.get(reverse(name))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name) + "?state=overdue").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    _bigger(world, 30)
    assert count() <= before + 1  # + the rules row now stored
    assert count() <= 14


def test_the_resident_page_does_not_grow_with_her_loans(world, lw):
    client = Client()
    client.force_login(world.user("resident"))
    client.get(reverse("lending:me"))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("lending:me"))
    before = len(ctx.captured_queries)
    for i in range(10):
        title = Title.objects.create(community=world.a, title=f"书{i}")
        copy = Copy.objects.create(community=world.a, title=title, barcode=f"M{i:05d}", status="on_loan")
        Loan.objects.create(
            community=world.a, copy=copy, title=title, resident=world.wang, due_date=timezone.localdate()
        )
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("lending:me"))
    assert len(ctx.captured_queries) == before
