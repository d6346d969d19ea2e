"""Open311 GeoReport v2: an outside client lists services, files a case and follows it to closed.
JSON responses are validated against the Open311 JSON Schemas (../shared/interop)."""

import json
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses in tests
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from linli.cases import services
from linli.cases.models import Case, CaseEvent, Status

# The Open311 community's JSON Schemas (open311/schema-validation, schema/georeport-v2), copied from
# ../shared/interop/open311-georeport-v2 so that a clean clone can run the check.
SCHEMAS = Path(__file__).parent / "open311_schemas"


def _schema(name: str):
    return json.loads((SCHEMAS / name).read_text())


def _validate(instance, name: str) -> None:
    registry = Registry().with_resources(
        [
            (f, Resource.from_contents(_schema(f), default_specification=DRAFT7))
            for f in ("request.json", "requests.json", "service.json", "services.json", "service-definition.json")
        ]
    )
    validator = jsonschema.Draft7Validator(
        _schema(name), registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(instance), key=str)
    assert not errors, [e.message for e in errors]


@pytest.fixture
def o311(world):
    return Client(), world.a.code, world.cases.raw_key


def test_schemas_are_where_the_tests_expect_them():
    assert (SCHEMAS / "request.json").exists(), f"Open311 schemas not found at {SCHEMAS}"


def test_discovery_and_services_in_json_and_xml(o311, world):
    client, jid, _key = o311
    discovery = client.get("/open311/v2/discovery.json").json()
    assert discovery["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    services_json = client.get(f"/open311/v2/services.json?jurisdiction_id={jid}").json()
    _validate(services_json, "services.json")
    codes = {s["service_code"] for s in services_json}
    assert codes == {"repair", "env"}  # the mediation category is not offered to outside clients
    root = ET.fromstring(client.get(f"/open311/v2/services.xml?jurisdiction_id={jid}").content)  # noqa: S314
    assert root.tag == "services" and {s.findtext("service_code") for s in root.findall("service")} == codes


def test_service_definition_with_attributes(o311, world):
    client, jid, _key = o311
    world.cases.repair.attributes = [
        {"code": "floor", "description": "楼层", "datatype": "number", "required": True},
        {
            "code": "kind",
            "description": "部位",
            "datatype": "singlevaluelist",
            "required": False,
            "values": [{"key": "roof", "name": "楼顶"}, {"key": "pipe", "name": "水管"}],
        },
    ]
    world.cases.repair.save()
    definition = client.get(f"/open311/v2/services/repair.json?jurisdiction_id={jid}").json()
    _validate(definition, "service-definition.json")
    assert [a["code"] for a in definition["attributes"]] == ["floor", "kind"]
    assert client.get(f"/open311/v2/services/nope.json?jurisdiction_id={jid}").status_code == 404


def test_a_client_files_a_case_and_follows_it_to_closed(o311, world):
    client, jid, key = o311
    response = client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": jid,
            "api_key": key,
            "service_code": "env",
            "lat": "23.0301",
            "long": "112.9012",
            "address_string": "仙湖花园北门",
            "description": "北门垃圾堆了三天",
            "first_name": "芳",
            "last_name": "王",
            "phone": "13812345678",
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created[0]["service_request_id"] and "service_notice" in created[0]
    case = Case.objects.in_community(world.a).get(pk=created[0]["service_request_id"])
    assert case.channel == "open311" and case.contact_name == "王 芳" and case.contact_phone_masked == "138****5678"
    assert str(case.lat) == "23.030100"
    url = f"/open311/v2/requests/{case.pk}.json?jurisdiction_id={jid}"
    first = client.get(url).json()
    _validate(first, "requests.json")
    assert first[0]["status"] == "open" and first[0]["service_code"] == "env"
    assert "13812345678" not in json.dumps(first, ensure_ascii=False) and "王" not in first[0]["address"]
    # The community accepts and handles it.
    services.case_accept(actor=world.user("worker"), case=case)
    services.case_claim(actor=world.user("worker"), case=case)
    services.case_resolve(actor=world.user("worker"), case=case, note="已清运，并增加清运频次")
    services.case_close(actor=world.user("worker"), case=case, note="反映人未留账号，现场核实已清理")
    done = client.get(url).json()[0]
    assert done["status"] == "closed" and "已办结" in done["status_notes"]
    assert client.get(f"/open311/v2/tokens/{case.pk}.json?jurisdiction_id={jid}").json()[0]["service_request_id"]
    xml = ET.fromstring(client.get(f"/open311/v2/requests/{case.pk}.xml?jurisdiction_id={jid}").content)  # noqa: S314
    assert xml.tag == "service_requests" and xml.find("request/status").text == "closed"


def test_the_same_post_retried_files_one_case(o311, world):
    client, jid, key = o311
    body = {
        "jurisdiction_id": jid,
        "api_key": key,
        "service_code": "repair",
        "address_string": "1栋3楼",
        "description": "楼道灯不亮",
    }
    first = client.post("/open311/v2/requests.json", body)
    again = client.post("/open311/v2/requests.json", body)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    case = Case.objects.in_community(world.a).get(pk=first.json()[0]["service_request_id"])
    assert CaseEvent.objects.in_community(world.a).filter(case=case, kind="submitted").count() == 1


def test_get_requests_filters(o311, world):
    client, jid, key = o311
    for text in ("东门路灯坏了", "西门垃圾满了"):
        client.post(
            "/open311/v2/requests.json",
            {
                "jurisdiction_id": jid,
                "api_key": key,
                "service_code": "env" if "垃圾" in text else "repair",
                "address_string": "门口",
                "description": text,
            },
        )
    rows = client.get(f"/open311/v2/requests.json?jurisdiction_id={jid}").json()
    _validate(rows, "requests.json")
    assert {r["service_code"] for r in rows} >= {"env", "repair"}
    assert world.cases.mediation.pk not in {int(r["service_request_id"]) for r in rows}  # private
    env = client.get(f"/open311/v2/requests.json?jurisdiction_id={jid}&service_code=env").json()
    assert {r["service_code"] for r in env} == {"env"}
    closed = client.get(f"/open311/v2/requests.json?jurisdiction_id={jid}&status=closed").json()
    assert closed == []
    dated = client.get(
        f"/open311/v2/requests.json?jurisdiction_id={jid}&start_date=2000-01-01T00:00:00Z&end_date=2000-01-02T00:00:00Z"
    ).json()
    assert dated == []
    some = client.get(f"/open311/v2/requests.json?jurisdiction_id={jid}&service_request_id={world.cases.leak.pk}")
    assert [r["service_request_id"] for r in some.json()] == [str(world.cases.leak.pk)]


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "o311_wrong"}, 403, "api_key"),
        ({"service_code": "nope"}, 400, "service_code"),
        ({"service_code": "dispute"}, 400, "service_code"),  # not offered
        ({"address_string": "", "lat": "", "long": ""}, 400, "lat/long"),
        ({"lat": "91", "long": "10"}, 400, "lat"),
        ({"lat": "23.1"}, 400, "lat 和 long"),
        ({"address_id": "X1"}, 400, "address_id"),
        ({"address_id": "B999999"}, 400, "楼栋"),
        ({"jurisdiction_id": "nowhere"}, 404, "jurisdiction_id"),
    ],
)
def test_bad_posts_get_the_specs_error_list_and_file_nothing(o311, world, body, status, words):
    client, jid, key = o311
    data = {
        "jurisdiction_id": jid,
        "api_key": key,
        "service_code": "env",
        "address_string": "北门",
        "description": "北门垃圾没人清",
    } | body
    before = Case.objects.unscoped().count()
    for fmt in ("json", "xml"):
        response = client.post(f"/open311/v2/requests.{fmt}", data)
        assert response.status_code == status, response.content
        if fmt == "json":
            errors = response.json()
            assert errors[0]["code"] == status and words in errors[0]["description"]
        else:
            root = ET.fromstring(response.content)  # noqa: S314
            assert root.tag == "errors" and root.find("error/code").text == str(status)
    assert Case.objects.unscoped().count() == before


def test_a_revoked_key_and_an_unknown_id(o311, world):
    client, jid, key = o311
    from django.utils import timezone

    assert client.get(f"/open311/v2/requests/999999.json?jurisdiction_id={jid}").status_code == 404
    world.cases.key.revoked_at = timezone.now()
    world.cases.key.save()
    response = client.post(
        "/open311/v2/requests.json",
        {"jurisdiction_id": jid, "api_key": key, "service_code": "env", "address_string": "x"},
    )
    assert response.status_code == 403


def test_required_attributes_are_checked(o311, world):
    client, jid, key = o311
    world.cases.repair.attributes = [{"code": "floor", "description": "楼层", "datatype": "number", "required": True}]
    world.cases.repair.save()
    base = {"jurisdiction_id": jid, "api_key": key, "service_code": "repair", "address_string": "1栋"}
    assert client.post("/open311/v2/requests.json", base).status_code == 400
    ok = client.post("/open311/v2/requests.json", base | {"attribute[floor]": "3"})
    case = Case.objects.in_community(world.a).get(pk=ok.json()[0]["service_request_id"])
    assert "楼层：3" in case.description


def test_jurisdiction_is_required_when_there_are_several_communities(o311):
    client, _jid, _key = o311
    response = client.get("/open311/v2/services.json")
    assert response.status_code == 400 and "jurisdiction_id" in response.json()[0]["description"]


def test_open311_key_command_prints_a_working_key(world):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("open311_key", community=world.a.code, name="测试", stdout=out, stderr=StringIO())
    key = out.getvalue().strip()
    response = Client().post(
        "/open311/v2/requests.json",
        {"jurisdiction_id": world.a.code, "api_key": key, "service_code": "env", "address_string": "南门"},
    )
    assert response.status_code == 201
    assert (
        Case.objects.in_community(world.a).get(pk=response.json()[0]["service_request_id"]).status == Status.SUBMITTED
    )


def test_an_impossible_date_filter_is_a_400(o311):
    client, jid, _key = o311
    response = client.get(f"/open311/v2/requests.json?jurisdiction_id={jid}&start_date=2026-02-31T00:00:00Z")
    assert response.status_code == 400 and "start_date" in response.json()[0]["description"]


def test_digits_that_are_not_ascii_are_not_ids(o311, world):
    """'²' and '１' pass str.isdigit() but are not ids: a 404 or 400, never a 500."""
    client, jid, _key = o311
    assert client.get(f"/open311/v2/tokens/²2.json?jurisdiction_id={jid}").status_code == 404
    assert client.get(f"/open311/v2/requests.json?jurisdiction_id={jid}&service_request_id=１,2").status_code == 400
    staff = Client()
    staff.force_login(world.user("worker"))
    assert staff.get("/people/residents/²/").status_code == 404
    assert staff.get("/cases/?category=²").status_code == 200
