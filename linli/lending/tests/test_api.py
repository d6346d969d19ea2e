"""/api/v1/lending/: scoped lists; lending and returning over JSON with the same refusals."""

import json

from django.test import Client

from linli.lending.models import Copy, Title


def client_as(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_resident_sees_the_catalogue_and_only_her_own_loans(world, lw):
    client = client_as(world, "resident")
    titles = client.get("/api/v1/lending/titles", {"community_id": world.a.pk}).json()
    assert {t["title"] for t in titles["items"]} == {"红楼梦", "折叠雨伞"}
    loans = client.get("/api/v1/lending/loans", {"community_id": world.a.pk}).json()
    assert [x["resident_id"] for x in loans["items"]] == [world.wang.pk]


def test_staff_lend_and_take_back_over_the_api(world, lw):
    client = client_as(world, "worker")
    Copy.objects.create(community=world.a, title=Title.objects.create(community=world.a, title="围城"), barcode="Q1")
    body = {"community_id": world.a.pk, "barcode": "Q1", "card": "A00001"}
    response = client.post("/api/v1/lending/loans", json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and response.json()["resident_id"] == world.wang.pk
    again = client.post("/api/v1/lending/loans", json.dumps(body), content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_lent"
    back = client.post(
        "/api/v1/lending/returns",
        json.dumps({"community_id": world.a.pk, "barcode": "Q1"}),
        content_type="application/json",
    )
    assert back.status_code == 200 and back.json()["outcome"] == "returned"


def test_the_outsider_gets_404(world, lw):
    response = client_as(world, "outsider").get("/api/v1/lending/loans", {"community_id": world.a.pk})
    assert response.status_code == 404
