"""The lists do not grow their queries with their rows: orders, the monthly check, certifications
due, fittings due, the resident's page and the API's list."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.convenience.models import Certification, Fitting, LedgerEntry, Order
from linli.people.models import Resident


def _more(world, cw, n=25):
    """More orders with ledgers, elders to certify and fittings due, for 王芳 and others."""
    a, worker = world.a, world.user("worker")
    for i in range(n):
        resident = Resident.objects.create(community=a, name=f"老人{i}", birth_date=dt.date(1940, 1, 1),
                                           dwelling=world.dwelling1)  # fmt: skip
        order = Order.objects.create(community=a, service_type=cw.grocery, resident=world.wang if i % 2 else resident,
                                     grid=world.grid1, dwelling=world.dwelling1, handles_money=True, raised_as="staff",
                                     raised_by=worker, status="done" if i % 3 else "assigned")  # fmt: skip
        LedgerEntry.objects.create(community=a, order=order, grid=world.grid1, resident=order.resident,
                                   kind="received", amount_fen=5000, party="本人", recorded_by=worker)  # fmt: skip
        Certification.objects.create(community=a, resident=resident, grid=world.grid1, recorded_by=worker,
                                     certified_on=timezone.localdate() - dt.timedelta(days=400))  # fmt: skip
        Fitting.objects.create(community=a, dwelling=world.dwelling1, grid=world.grid1, kind="smoke",
                               fitted_on=timezone.localdate() - dt.timedelta(days=300),
                               inspection_due_date=timezone.localdate())  # fmt: skip


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("role", "url", "budget"),
    [
        ("secretary", "/convenience/?status=all", 14),
        ("grid1", "/convenience/", 14),
        ("secretary", "/convenience/month/", 12),
        ("secretary", "/convenience/certifications/", 14),
        ("grid1", "/convenience/fittings/", 14),
        ("secretary", "/convenience/proxies/", 14),
    ],
)
def test_lists_do_not_grow_with_their_rows(world, cw, role, url, budget):
    client = Client()
    client.force_login(world.user(role))
    client.get(url)
    before = _count(client, url)
    _more(world, cw)
    client.get(url)  # new residents change the scope's stamp: it is built again once
    after = _count(client, url)
    assert after <= before + 1 and after <= budget, (before, after)  # + the COUNT once the page is full


def test_the_api_list_does_not_grow_with_its_rows(world, cw):
    client = Client()
    client.force_login(world.user("worker"))
    url = f"/api/v1/convenience/orders?community_id={world.a.pk}"
    client.get(url)
    before = _count(client, url)
    _more(world, cw)
    client.get(url)
    assert _count(client, url) <= before <= 10


def test_the_order_page_does_not_grow_with_its_ledger(world, cw):
    client = Client()
    client.force_login(world.user("worker"))
    url = reverse("convenience:order_detail", args=[cw.order.pk])
    client.get(url)
    before = _count(client, url)
    for _ in range(10):
        LedgerEntry.objects.create(
            community=world.a,
            order=cw.order,
            grid=world.grid1,
            resident=world.wang,
            kind="received",
            amount_fen=100,
            party="王芳",
            recorded_by=world.user("grid1"),
        )
    assert _count(client, url) <= before <= 30


def test_the_residents_page_does_not_grow_with_her_orders(world, cw):
    """Up to three orders waiting for her are shown with their ledgers; the rest are a list."""
    client = Client()
    client.force_login(world.user("resident"))
    _more(world, cw, 10)
    client.get("/convenience/mine/")
    before = _count(client, "/convenience/mine/")
    _more(world, cw, 10)
    client.get("/convenience/mine/")
    assert _count(client, "/convenience/mine/") <= before <= 26
