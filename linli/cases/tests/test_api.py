"""Cases over /api/v1/: the same services and scope as the pages."""

from django.test import Client


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_file_follow_and_step_through_the_api(world):
    resident = _client(world, "resident")
    created = resident.post(
        "/api/v1/cases",
        {
            "community_id": world.a.pk,
            "category_id": world.cases.env.pk,
            "description": "楼下垃圾桶坏了",
            "building_id": world.building1.pk,
            "contact_phone": "13900001111",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["channel"] == "self" and body["status"] == "submitted" and "13900001111" not in created.content.decode()
    worker = _client(world, "worker")
    accepted = worker.post(f"/api/v1/cases/{body['id']}/accept", {}, content_type="application/json")
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["contact_phone_masked"] == "139****1111"
    claimed = worker.post(f"/api/v1/cases/{body['id']}/claim", {}, content_type="application/json").json()
    assert claimed["status"] == "in_progress"
    again = _client(world, "secretary").post(f"/api/v1/cases/{body['id']}/claim", {}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "taken"
    bad = worker.post(f"/api/v1/cases/{body['id']}/resolve", {"note": ""}, content_type="application/json")
    assert bad.status_code == 400 and "办理结果" in bad.json()["error"]["message"]
    listed = worker.get(f"/api/v1/cases?community_id={world.a.pk}&box=mine").json()
    assert [c["id"] for c in listed["items"]] == [body["id"]]


def test_unknown_category_through_the_api(world):
    response = _client(world, "worker").post(
        "/api/v1/cases",
        {"community_id": world.a.pk, "category_id": 999999, "description": "随便写点什么"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["error"]["fields"]["category"]


def test_the_api_list_stays_within_its_query_budget(world, django_assert_max_num_queries):
    client = _client(world, "secretary")
    with django_assert_max_num_queries(15):
        response = client.get(f"/api/v1/cases?community_id={world.a.pk}&box=all")
    assert response.status_code == 200 and len(response.json()["items"]) >= 3


def test_a_hotline_case_is_filed_through_the_api_with_its_work_order_number(world):
    payload = {"community_id": world.a.pk, "category_id": world.cases.env.pk, "description": "12345转来：东门积水",
               "building_id": world.building1.pk, "channel": "hotline"}  # fmt: skip
    worker = _client(world, "worker")
    refused = worker.post("/api/v1/cases", payload, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "no_hotline_number"
    created = worker.post(
        "/api/v1/cases", payload | {"hotline_number": "YQ-2026-000123"}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["hotline_number"] == "YQ-2026-000123"
