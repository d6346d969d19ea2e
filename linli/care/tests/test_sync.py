"""The offline queue's batch endpoint: each visit answered ok or refused with the reason, a refused
one changes nothing and does not stop the others, a batch sent again records nothing more, and a
household of another community (or grid) is refused."""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from linli.care.models import Visit, VisitNeed
from linli.people.services import household_create

URL = "/api/v1/care/visits/sync"


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def _item(world, **extra) -> dict:
    return {"key": str(uuid.uuid4()), "household_id": world.household.pk, "findings": ["fine"], **extra}


def _visits():
    return Visit.objects.unscoped().count(), VisitNeed.objects.unscoped().count()


def _send(client, items):
    return client.post(URL, {"items": items}, content_type="application/json")


def test_a_batch_records_each_visit_once_and_again_records_nothing(world):
    client = _client(world, "grid1")
    items = [_item(world, note=f"第{i}次") for i in range(3)]
    before = Visit.objects.in_community(world.a).count()
    first = _send(client, items)
    assert first.status_code == 200
    body = first.json()
    assert (body["recorded"], body["refused"]) == (3, 0)
    assert [r["key"] for r in body["results"]] == [i["key"] for i in items]
    assert all(r["status"] == "ok" and r["created"] and r["url"] for r in body["results"])
    assert Visit.objects.in_community(world.a).count() == before + 3
    again = _send(client, items).json()  # the phone never heard the answer and sends the queue again
    assert [r["created"] for r in again["results"]] == [False] * 3
    assert [r["id"] for r in again["results"]] == [r["id"] for r in body["results"]]
    assert Visit.objects.in_community(world.a).count() == before + 3


def test_a_refused_item_is_answered_with_its_reason_and_changes_nothing(world):
    client = _client(world, "grid1")
    future = (timezone.now() + dt.timedelta(hours=3)).isoformat()
    bad = [
        _item(world, visited_at=future, needs=[{"text": "楼道灯坏了很久", "category_id": None, "file_case": False}]),
        _item(world, findings=["nonsense"]),
        _item(world, key="not-a-uuid"),
        _item(world, photo="data:image/png;base64,@@@"),
    ]
    good = _item(world)
    before = _visits()
    results = _send(client, [*bad, good]).json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 4 + ["ok"]
    assert [r["field"] for r in results[:4]] == ["visited_at", "findings", "key", "photo"]
    assert all(r["message"] and r["id"] is None for r in results[:4])
    assert _visits() == (before[0] + 1, before[1])  # only the good one, and no need of the refused one
    assert not Visit.objects.unscoped().filter(key__in=[i["key"] for i in bad[:2]]).exists()


def test_another_communitys_household_is_refused_among_ones_own(world):
    other = household_create(actor=world.user("outsider"), community=world.b, number="B001", dwelling_id=None)
    client = _client(world, "grid1")
    foreign, own = _item(world, household_id=other.pk), _item(world)
    results = _send(client, [foreign, own]).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [("refused", "not_yours"), ("ok", "")]
    assert not Visit.objects.in_community(world.b).exists()


def test_another_grids_household_is_refused(world):
    before = _visits()
    results = _send(_client(world, "grid2"), [_item(world)]).json()["results"]  # world.household is in grid 1
    assert results[0]["status"] == "refused" and results[0]["field"] == "household"
    assert _visits() == before


@pytest.mark.parametrize("role", ["outsider", "resident", "supervisor"])
def test_a_batch_of_none_of_ones_communities_is_forbidden(world, role):
    before = _visits()
    response = _send(_client(world, role), [_item(world)])
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    assert _visits() == before


def test_more_than_two_hundred_at_once_is_refused_whole(world):
    before = _visits()
    response = _send(_client(world, "grid1"), [_item(world) for _ in range(201)])
    assert response.status_code == 400 and "200" in response.json()["error"]["message"]
    assert _visits() == before


def test_the_service_worker_and_manifest_are_served_under_care(client):
    worker = client.get("/care/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert "/static/care/queue.js" in worker.content.decode() and worker["Cache-Control"] == "no-cache"
    manifest = client.get("/care/manifest.webmanifest").json()
    assert manifest["scope"] == "/care/" and manifest["start_url"] == "/care/"


def test_logout_clears_what_the_phone_kept(world):
    client = _client(world, "grid1")
    response = client.post("/accounts/logout/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'
