"""Schemathesis over /api/v1/: every operation of the published OpenAPI, as the worker and as the
resident of the test world (bearer tokens), with a bounded, derandomized set of generated requests.
No answer may be a 5xx, and every answer must be one the schema documents (status code, content
type and body). Half the generated requests get the world's real ids, so that they reach rows."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, openapi
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from linli.core.models import ApiToken

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12  # per operation and persona: the whole test stays near a minute on SQLite
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same requests every run: reproducible, never flaky
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django's handler closes the connection when a request starts and finishes; the test's transaction lives
    on it. The test client disconnects those signals for its requests; the WSGI transport must too."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _real_ids(world) -> dict[str, int]:
    return {
        "community_id": world.a.pk,
        "resident_id": world.wang.pk,
        "household_id": world.household.pk,
        "case_id": world.cases.leak.pk,
        "volunteer_id": world.vol.wang.pk,
        "record_id": world.vol.record.pk,
        "project_id": world.vol.project.pk,
        "compound_id": world.compound.pk,
        "grid_id": world.grid1.pk,
        "building_id": world.building1.pk,
        "dwelling_id": world.dwelling1.pk,
        "category_id": world.cases.env.pk,
        "team_id": world.vol.team.pk,
        "tag_id": world.plain_tag.pk,
    }


def _with_real_ids(case, ids: dict[str, int]) -> None:
    for container in (case.path_parameters, case.query, case.body if isinstance(case.body, dict) else None):
        for name in list(container or {}):
            if name in ids:
                container[name] = ids[name]


def _fuzz(world, role: str, mode: GenerationMode = GenerationMode.POSITIVE, examples: int = EXAMPLES) -> list[str]:
    _row, token = ApiToken.issue(user=world.user(role), name="fuzz")
    headers = {"Authorization": f"Bearer {token}"}
    schema = openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    ids = _real_ids(world)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(SETTINGS, max_examples=examples)
        @given(case=operation.as_strategy(mode), real=st.booleans())
        def run(case, real):
            if real:
                _with_real_ids(case, ids)
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{role} {mode.value} {operation.label}: {exc}")
    return failures


def test_the_api_holds_under_fuzzing_as_the_worker(world):
    assert _fuzz(world, "worker") == []


def test_the_api_holds_under_fuzzing_as_a_resident(world):
    assert _fuzz(world, "resident") == []


def test_the_api_refuses_what_the_schema_does_not_allow(world):
    """Schema-violating requests (wrong types, missing fields, out-of-range ids): a documented 4xx."""
    assert _fuzz(world, "worker", GenerationMode.NEGATIVE, examples=3) == []
