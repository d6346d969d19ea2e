"""The API: a ledger line in integer fen (a float or a negative amount refused, nothing written), a
spend's receipt as a data: URL that must be an image, the ledger's totals, and the confirmation by
the resident only; another community's order is a 404."""

import base64

import pytest
from django.test import Client

from linli.convenience.demo import _png
from linli.convenience.models import LedgerEntry


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _post(client, url, body):
    return client.post("/api/v1" + url, data=body, content_type="application/json")


def _count(world):
    return LedgerEntry.objects.in_community(world.a).count()


def test_a_spend_with_its_receipt_is_recorded_in_fen(world, cw):
    receipt = "data:image/png;base64," + base64.b64encode(_png()).decode()
    response = _post(_client(world, "grid1"), f"/convenience/orders/{cw.order.pk}/ledger",
                     {"kind": "spent", "amount_fen": 1250, "note": "葱", "receipt": receipt})  # fmt: skip
    assert response.status_code == 201 and response.json()["effect_fen"] == -1250
    ledger = _client(world, "resident").get(f"/api/v1/convenience/orders/{cw.order.pk}/ledger").json()
    assert ledger["totals"] == {"received": 10000, "spent": 7700, "returned": 0, "in_hand": 2300, "lines": 3}


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "spent", "amount_fen": 12.5},  # a float
        {"kind": "spent", "amount_fen": -100, "receipt": "data:image/png;base64," + base64.b64encode(_png()).decode()},
        {
            "kind": "spent",
            "amount_fen": 100,
            "receipt": "data:image/png;base64," + base64.b64encode(b"%PDF-1.4").decode(),
        },
        {"kind": "spent", "amount_fen": 100, "receipt": "data:image/png;base64,@@@"},
        {"kind": "received", "amount_fen": 100},  # from whom?
    ],
)
def test_a_bad_line_is_refused_with_a_message_and_nothing_written(world, cw, body):
    before = _count(world)
    response = _post(_client(world, "grid1"), f"/convenience/orders/{cw.order.pk}/ledger", body)
    assert response.status_code in (400, 422) and response.json()["error"]["message"]
    assert _count(world) == before


def test_only_the_resident_confirms(world, cw):
    from linli.convenience import services

    services.ledger_add(actor=world.user("grid1"), order=cw.order,
                        data=services.EntryInput(kind="returned", amount="35.50", party="王芳"))  # fmt: skip
    services.order_complete(actor=world.user("grid1"), order=cw.order, data=services.DoneInput(note="送到了"))
    url = f"/convenience/orders/{cw.order.pk}/confirm"
    refused = _post(_client(world, "worker"), url, {"satisfaction": 5})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "not_the_resident"
    done = _post(_client(world, "resident"), url, {"satisfaction": 5})
    assert done.status_code == 200 and done.json()["status"] == "confirmed"


def test_another_communitys_order_is_a_404(world, cw):
    response = _client(world, "outsider").get(f"/api/v1/convenience/orders/{cw.order.pk}/ledger")
    assert response.status_code == 404
