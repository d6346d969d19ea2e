import pytest

from linli.core.models import ApiToken

API = "/api/v1"


def _json(client, method, path, body=None, **extra):
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(API + path, **kwargs, **extra)


def test_openapi_schema_is_published(client):
    assert client.get(API + "/openapi.json").json()["info"]["title"].startswith("linli")


def test_anonymous_gets_401_in_the_envelope(client):
    assert _json(client, "get", "/residents").json()["error"]["code"] == "unauthenticated"


def test_token_auth_and_revocation(client, world):
    row, token = ApiToken.issue(user=world.user("worker"), name="区平台")
    header = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert _json(client, "get", "/residents", **header).json()["page"]["count"] == 2
    row.revoked_at = row.created_at
    row.save()
    assert _json(client, "get", "/residents", **header).status_code == 401


def test_list_is_masked_and_paged(client, world):
    client.force_login(world.user("secretary"))
    body = _json(client, "get", "/residents?page_size=1").json()
    assert body["page"] == {"count": 2, "page": 1, "pages": 2, "page_size": 1}
    item = body["items"][0]
    assert item["id_number"].count("*") == 8 and "*" in item["phone"]


def test_building_head_gets_names_and_rooms_only(client, world):
    client.force_login(world.user("building"))
    item = _json(client, "get", f"/residents/{world.wang.pk}").json()
    assert item["full"] is False and item["id_number"] is None and item["phone"] is None and item["address"]


def test_id_and_phone_numbers_are_refused_in_urls_but_found_by_post(client, world):
    client.force_login(world.user("worker"))
    assert _json(client, "get", "/residents?q=13812345678").status_code == 400
    found = _json(client, "post", "/residents/search", {"q": "11010519491231002x"}).json()
    assert [r["name"] for r in found["items"]] == ["王芳"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "李四", "id_number": "110105194912310021"}, "id_number"),
        ({"name": "李四", "phone": "123"}, "phone"),
        ({"name": "李四", "gender": "X"}, "gender"),
        ({"name": "李四", "dwelling_id": 999999}, "dwelling"),
        ({"name": "李四", "dwelling_id": -1}, "dwelling_id"),  # ids are positive: refused by the schema
    ],
)
def test_create_errors_name_the_field(client, world, body, field):
    client.force_login(world.user("worker"))
    response = _json(client, "post", "/residents", {"community_id": world.a.pk, **body})
    assert response.status_code == 400 and field in response.json()["error"]["fields"]


def test_create_and_patch_with_optimistic_locking(client, world):
    client.force_login(world.user("worker"))
    created = _json(
        client,
        "post",
        "/residents",
        {"community_id": world.a.pk, "name": "赵敏", "phone": "13900002222", "dwelling_id": world.dwelling1.pk},
    )
    assert created.status_code == 201
    rid = created.json()["id"]
    assert _json(client, "patch", f"/residents/{rid}", {"version": 1, "notes": "行动不便"}).json()["version"] == 2
    stale = _json(client, "patch", f"/residents/{rid}", {"version": 1, "notes": "x"})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"


def test_another_communitys_resident_is_404(client, world):
    client.force_login(world.user("outsider"))
    assert _json(client, "get", f"/residents/{world.wang.pk}").json()["error"]["code"] == "not_found"


def test_session_writes_need_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("worker"))
    response = _json(client, "post", "/residents/search", {"q": "王芳"})
    assert response.status_code == 403


def test_reveal_over_the_api_is_logged(client, world):
    client.force_login(world.user("worker"))
    assert _json(
        client, "post", f"/residents/{world.wang.pk}/reveal", {"field": "phone", "reason": "电话回访"}
    ).json() == {"field": "phone", "value": "13812345678"}


def test_the_list_costs_the_same_queries_for_few_and_many_rows(client, world, django_assert_max_num_queries):
    from linli.people.services import ResidentInput, resident_create

    client.force_login(world.user("secretary"))
    for i in range(30):
        resident_create(
            actor=world.user("secretary"),
            community=world.a,
            data=ResidentInput(name=f"测试{i}", phone=f"1390000{i:04d}", dwelling_id=world.dwelling1.pk),
        )
    with django_assert_max_num_queries(12):
        body = _json(client, "get", "/residents?page_size=50").json()
    assert body["page"]["count"] == 32 and body["items"][0]["residence"]
