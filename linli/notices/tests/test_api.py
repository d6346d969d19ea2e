"""/api/v1/notices: the resident's own list and read mark; the staff's list, a notice's counts, and
writing one with the same refusals as the pages."""

import json

from django.test import Client

from linli.notices.models import Notice


def client_as(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_resident_lists_his_notices_and_marks_one_read(world, nw):
    client = client_as(world, "resident")
    items = client.get("/api/v1/notices/mine").json()["items"]
    assert [(i["title"], i["read_at"]) for i in items] == [("1栋停水通知", None)]
    assert client.post(f"/api/v1/notices/{nw.water.pk}/read").json() == {"notice_id": nw.water.pk, "marked": 1}
    assert client.get("/api/v1/notices/mine").json()["items"][0]["read_at"] is not None


def test_a_resident_cannot_mark_a_notice_that_did_not_reach_him(world, nw):
    assert client_as(world, "resident").post(f"/api/v1/notices/{nw.pending.pk}/read").status_code == 404


def test_the_staff_see_the_read_counts(world, nw):
    body = client_as(world, "worker").get(f"/api/v1/notices/{nw.water.pk}").json()
    assert (body["reached"], body["read"], body["lines"]) == (
        1,
        0,
        [{"label": "仙湖花园 1栋", "reached": 1, "read": 0}],
    )


def test_a_notice_to_nobody_over_the_api_is_a_400_and_nothing_is_saved(world, nw):
    before = Notice.objects.in_community(world.a).count()
    body = {"community_id": world.a.pk, "title": "x", "body": "y", "audience": {}}
    response = client_as(world, "worker").post("/api/v1/notices", json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "no_target"
    assert Notice.objects.in_community(world.a).count() == before


def test_the_outsider_cannot_list_or_read_community_as_notices(world, nw):
    client = client_as(world, "outsider")
    assert client.get("/api/v1/notices", {"community_id": world.a.pk}).status_code == 404
    assert client.get(f"/api/v1/notices/{nw.water.pk}").status_code == 404
