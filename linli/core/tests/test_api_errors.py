"""The API's authentication on writes and its one error shape: every error the API can answer is
JSON in the `ErrorOut` envelope with a specific code — never HTML, never a 500."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from config.api import api
from linli.cases.models import Case
from linli.core.models import ApiToken
from linli.volunteering.models import ServiceRecord

API = "/api/v1"
CSRF = "a" * 32  # a well-formed CSRF secret, sent as the cookie and (when wanted) the header


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response.content
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"], body
    return body["error"]


def _case(world) -> dict:
    return {"community_id": world.a.pk, "category_id": world.cases.env.pk, "description": "楼道灯坏了三天",
            "building_id": world.building1.pk}  # fmt: skip


def _hours(world) -> dict:
    start = (timezone.localtime() - dt.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    return {"volunteer_id": world.vol.wang.pk, "title": "陪老人聊天", "started_at": start.isoformat(),
            "ended_at": (start + dt.timedelta(minutes=90)).isoformat()}  # fmt: skip


def _strict(world=None, role: str | None = None) -> Client:
    """A client that enforces CSRF like a browser's request would be checked."""
    client = Client(enforce_csrf_checks=True)
    if role:
        client.force_login(world.user(role))
    return client


def _bearer(world, role: str) -> dict:
    _row, token = ApiToken.issue(user=world.user(role), name="区平台")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# -- 1. writes with a bearer token ----------------------------------------------------------------


def test_a_token_files_a_case_without_csrf(world):
    before = Case.objects.unscoped().count()
    response = _strict().post(API + "/cases", _case(world), content_type="application/json", **_bearer(world, "worker"))
    assert response.status_code == 201, response.content
    assert Case.objects.unscoped().count() == before + 1
    assert Case.objects.unscoped().get(pk=response.json()["id"]).description == "楼道灯坏了三天"


def test_a_token_logs_volunteer_hours_without_csrf(world):
    before = ServiceRecord.objects.unscoped().count()
    response = _strict().post(
        API + "/volunteering/records", _hours(world), content_type="application/json", **_bearer(world, "resident")
    )
    assert response.status_code == 201, response.content
    assert ServiceRecord.objects.unscoped().count() == before + 1


def test_a_token_wins_over_a_session_cookie_without_csrf(world):
    """A client that holds both (a script run from a logged-in browser profile) is the token's."""
    client = _strict(world, "secretary")
    response = client.post(API + "/cases", _case(world), content_type="application/json", **_bearer(world, "worker"))
    assert response.status_code == 201, response.content


def test_a_wrong_token_is_not_rescued_by_the_session(world):
    before = Case.objects.unscoped().count()
    client = _strict(world, "worker")
    client.cookies["csrftoken"] = CSRF
    response = client.post(
        API + "/cases", _case(world), content_type="application/json",
        HTTP_AUTHORIZATION="Bearer ll_not-a-token", HTTP_X_CSRFTOKEN=CSRF,
    )  # fmt: skip
    _error(response, 401, "unauthenticated")
    assert Case.objects.unscoped().count() == before


def test_a_session_write_without_csrf_is_refused_and_changes_nothing(world):
    cases, records = Case.objects.unscoped().count(), ServiceRecord.objects.unscoped().count()
    _error(_strict(world, "worker").post(API + "/cases", _case(world), content_type="application/json"),
           403, "csrf_failed")  # fmt: skip
    _error(_strict(world, "resident").post(API + "/volunteering/records", _hours(world),
                                           content_type="application/json"), 403, "csrf_failed")  # fmt: skip
    assert Case.objects.unscoped().count() == cases and ServiceRecord.objects.unscoped().count() == records


def test_a_session_write_with_csrf_works(world):
    client = _strict(world, "worker")
    client.cookies["csrftoken"] = CSRF
    response = client.post(API + "/cases", _case(world), content_type="application/json", HTTP_X_CSRFTOKEN=CSRF)
    assert response.status_code == 201, response.content


def test_reads_with_a_session_need_no_csrf(world):
    assert _strict(world, "worker").get(API + f"/residents?community_id={world.a.pk}").status_code == 200


# -- 2. one error shape --------------------------------------------------------------------------


def _writes() -> list[tuple[str, str, bool]]:
    """Every write operation of the published schema (path ids filled in), and whether it takes a body."""
    out = []
    for path, item in api.get_openapi_schema()["paths"].items():
        filled = re.sub(r"\{[a-z_]+\}", "1", path.removeprefix(API).replace("{step}", "accept"))
        out += [(m, filled, "requestBody" in op) for m, op in item.items() if m in ("post", "put", "patch", "delete")]
    return out


WRITES = _writes()


def test_the_schema_has_write_operations():
    assert len(WRITES) >= 12 and ("post", "/cases", True) in WRITES and ("patch", "/residents/1", True) in WRITES


@pytest.mark.parametrize("path", ["/nothing", "/", "/residents/1/nothing", "/cases/1/accept/extra", "/residents/"])
def test_an_unknown_path_is_a_json_404(client, world, path):
    client.force_login(world.user("worker"))
    _error(client.get(API + path), 404, "not_found")
    _error(_strict(world, "worker").post(API + path, "{}", content_type="application/json"), 404, "not_found")
    _error(Client().get(API + path), 404, "not_found")  # anonymous: the same, not a login page


def test_a_wrong_method_is_a_json_405(client, world):
    client.force_login(world.user("worker"))
    error = _error(client.delete(API + "/residents"), 405, "method_not_allowed")
    assert "GET" in error["message"]
    response = client.put(API + "/cases", {}, content_type="application/json")
    _error(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}


@pytest.mark.parametrize(("method", "path", "has_body"), WRITES)
def test_every_write_answers_bad_input_in_the_envelope(world, method, path, has_body):
    before = (Case.objects.unscoped().count(), ServiceRecord.objects.unscoped().count())
    session = _strict(world, "worker")
    session.cookies["csrftoken"] = CSRF
    token = _bearer(world, "worker")
    send = getattr(session, method)
    # No CSRF token: refused before anything else.
    _error(send(API + path, "{}", content_type="application/json"), 403, "csrf_failed")
    if method == "post":
        # multipart/form-data without a boundary and no CSRF header: the CSRF check reads the form
        # to look for the token there (this used to be a 500).
        _error(send(API + path, "x=1", content_type="multipart/form-data"), 400, "bad_multipart")
    if has_body:
        for client, extra in ((session, {"HTTP_X_CSRFTOKEN": CSRF}), (_strict(), token)):
            call = getattr(client, method)
            _error(call(API + path, "{not json", content_type="application/json", **extra), 400, "bad_json")
            _error(call(API + path, b"\xff\xfe", content_type="application/json", **extra), 400, "bad_json")
            _error(call(API + path, "x=1", content_type="multipart/form-data", **extra), 400, "bad_multipart")
    assert (Case.objects.unscoped().count(), ServiceRecord.objects.unscoped().count()) == before


def test_anonymous_writes_are_401_not_csrf(world):
    _error(_strict().post(API + "/cases", _case(world), content_type="application/json"), 401, "unauthenticated")


def test_a_body_past_the_upload_limit_is_a_json_413(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = _case(world) | {"description": "长" * 2000}
    response = _strict().post(API + "/cases", body, content_type="application/json", **_bearer(world, "worker"))
    _error(response, 413, "too_large")


def test_an_unexpected_error_is_a_json_500_and_is_logged(world, monkeypatch, caplog):
    from linli.people import selectors

    def boom(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "resident_detail", boom)
    client = Client(raise_request_exception=False)
    client.force_login(world.user("worker"))
    with caplog.at_level("ERROR", logger="django.request"):
        _error(client.get(API + f"/residents/{world.wang.pk}"), 500, "server_error")
    assert any("a bug" in (r.exc_text or "") or r.exc_info for r in caplog.records)
