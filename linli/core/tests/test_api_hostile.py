"""Hostile numbers over the API: ids past the database's 64 bits (or below them) in every integer
query parameter and path parameter of the published schema, and in the id fields of the bodies,
answer 400 (named field) or 404 in the envelope — never a 500 — and change nothing."""

import pytest
from django.test import Client

from config.api import api
from linli.cases.models import Case
from linli.core.tests.test_api_errors import _error
from linli.people.models import Household, Resident
from linli.volunteering.models import Claim, ServiceRecord

API = "/api/v1"
HOSTILE = [str(2**63), "99999999999999999999", str(-(2**63) - 1)]


def _is_int(schema: dict) -> bool:
    return schema.get("type") == "integer" or any(s.get("type") == "integer" for s in schema.get("anyOf", []))


def _reads() -> list[tuple[str, str, list[str]]]:
    """(path, integer parameter, required query parameters) of every GET operation."""
    out = []
    for path, item in api.get_openapi_schema()["paths"].items():
        op = item.get("get")
        if op is None:
            continue
        params = op.get("parameters", [])
        required = [p["name"] for p in params if p["in"] == "query" and p.get("required")]
        out += [(path, p["name"], required) for p in params if _is_int(p["schema"])]
    return out


READS = _reads()


def test_the_schema_has_integer_filters():
    names = {(path.removeprefix(API), name) for path, name, _ in READS}
    assert {("/residents", "tag_id"), ("/residents", "compound_id"), ("/residents", "grid_id"),
            ("/buildings", "compound_id"), ("/party/members", "org_id")} <= names  # fmt: skip


@pytest.mark.parametrize(("path", "name", "required"), READS, ids=[f"{p}?{n}" for p, n, _ in READS])
def test_every_integer_parameter_refuses_hostile_numbers(world, path, name, required):
    client = Client()
    client.force_login(world.user("secretary"))
    for value in HOSTILE:
        query = {r: world.a.pk for r in required} | ({} if f"{{{name}}}" in path else {name: value})
        url = path.replace(f"{{{name}}}", value)
        real = {"resident_id": world.wang.pk, "household_id": world.household.pk, "case_id": world.cases.leak.pk,
                "volunteer_id": world.vol.wang.pk}  # fmt: skip
        for other, pk in real.items():
            url = url.replace(f"{{{other}}}", str(pk))
        response = client.get(url, query)
        if not name.endswith("_id"):  # a page, a page size, a year, a star: clamped or ignored
            assert response.status_code in (200, 400), (url, query, response.status_code, response.content[:300])
            continue
        assert response.status_code in (400, 404), (url, query, response.status_code, response.content[:300])
        error = _error(response, response.status_code, "invalid" if response.status_code == 400 else "not_found")
        if response.status_code == 400:
            assert name in error["fields"], error


def _bodies(world) -> list[tuple[str, str, dict, str]]:
    """(method, path, a body valid but for the field, the field) for each id a write takes."""
    a, c, v = world.a.pk, world.cases, world.vol
    case = {"community_id": a, "category_id": c.env.pk, "description": "楼道灯坏了", "building_id": world.building1.pk}
    record = {"volunteer_id": v.wang.pk, "title": "清扫", "started_at": "2026-01-01T09:00:00+08:00",
              "ended_at": "2026-01-01T10:00:00+08:00"}  # fmt: skip
    out = [
        ("post", "/residents", {"community_id": a, "name": "李四"}, "community_id"),
        ("post", "/residents", {"community_id": a, "name": "李四"}, "dwelling_id"),
        ("patch", f"/residents/{world.zhang.pk}", {"version": world.zhang.version}, "dwelling_id"),
        ("patch", f"/residents/{world.zhang.pk}", {"version": world.zhang.version}, "version"),
        ("post", f"/residents/{world.zhang.pk}/move-out", {"date": "2026-01-01"}, "version"),
        ("post", "/residents/search", {"q": "王"}, "community_id"),
        ("post", "/households", {"community_id": a, "number": "B9"}, "community_id"),
        ("post", "/households", {"community_id": a, "number": "B9"}, "dwelling_id"),
        ("post", f"/households/{world.household.pk}/members", {"relation": "spouse"}, "resident_id"),
        ("post", f"/cases/{c.leak.pk}/assign", {}, "handler_org_id"),
        ("post", f"/cases/{c.leak.pk}/assign", {}, "assignee_id"),
        ("post", f"/cases/{c.joint.pk}/accept", {}, "category_id"),
        ("post", f"/volunteering/projects/{v.project.pk}/claims", {}, "volunteer_id"),
        ("post", f"/volunteering/projects/{v.project.pk}/claims", {}, "team_id"),
    ]
    out += [("post", "/cases", case, f) for f in ("community_id", "category_id", "compound_id", "building_id",
                                                 "dwelling_id", "reporter_id")]  # fmt: skip
    out += [("post", "/volunteering/records", record, f) for f in ("volunteer_id", "team_id", "project_id", "case_id")]
    return out


FIELDS = ["residents:community_id", "residents:dwelling_id", "patch:dwelling_id", "patch:version",
          "move-out:version", "search:community_id", "households:community_id", "households:dwelling_id",
          "members:resident_id", "assign:handler_org_id", "assign:assignee_id", "accept:category_id",
          "claims:volunteer_id", "claims:team_id"] + [f"cases:{f}" for f in (
          "community_id", "category_id", "compound_id", "building_id", "dwelling_id", "reporter_id")] + [
          f"records:{f}" for f in ("volunteer_id", "team_id", "project_id", "case_id")]  # fmt: skip


def _counts():
    return [m.objects.unscoped().count() for m in (Case, Resident, Household, ServiceRecord, Claim)]


@pytest.mark.parametrize("index", range(len(FIELDS)), ids=FIELDS)
def test_every_id_in_a_body_refuses_hostile_numbers(world, index):
    method, path, body, field = _bodies(world)[index]
    client = Client()
    client.force_login(world.user("secretary"))
    before = _counts()
    for value in HOSTILE:
        response = getattr(client, method)(API + path, {**body, field: int(value)}, content_type="application/json")
        assert response.status_code in (400, 404, 409), (path, field, value, response.status_code, response.content)
        error = _error(response, response.status_code, response.json()["error"]["code"])
        if response.status_code == 400:
            assert error["code"] == "invalid" and field in error["fields"], error
    assert _counts() == before


def test_a_nul_character_is_refused_in_the_envelope(world):
    """PostgreSQL cannot store U+0000 (SQLite can): the API refuses it on both, as the forms do."""
    client = Client()
    client.force_login(world.user("secretary"))
    before = _counts()
    case = {"community_id": world.a.pk, "category_id": world.cases.env.pk, "description": "漏水\x00",
            "building_id": world.building1.pk}  # fmt: skip
    for response in (
        client.get(API + "/residents", {"q": "王\x00"}),
        client.get(API + "/compounds", {"community_id": world.a.pk, "q": "\x00"}),
        client.post(API + "/residents/search", {"q": "\x00"}, content_type="application/json"),
        client.post(API + "/cases", case, content_type="application/json"),
        client.post(API + f"/cases/{world.cases.leak.pk}/\x00", {}, content_type="application/json"),
    ):
        assert response.status_code in (400, 404), response.content
        _error(response, response.status_code, "invalid" if response.status_code == 400 else "not_found")
    assert _counts() == before
