"""/healthz, /metrics, request ids, JSON logs and what error reports may carry."""

import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from linli.core import health, logs
from linli.core.models import ImportJob, PeriodicJob

ID = "11010519491231002X"


def _periodic_ran(seconds_ago: float = 10) -> None:
    PeriodicJob.objects.update_or_create(
        name="sweep_case_deadlines", defaults={"last_success_at": timezone.now() - dt.timedelta(seconds=seconds_ago)}
    )


def _queued(seconds_ago: float) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="linli.core.tasks.ping",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - dt.timedelta(seconds=seconds_ago))
    return task


@pytest.mark.django_db
def test_healthz_answers_200_with_the_checks_without_a_session(client):
    _periodic_ran()
    _queued(5)
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok" and body["failed"] == []
    assert body["checks"]["database"]["ok"] and body["checks"]["task_queue"]["queued"] == 1
    assert set(body["checks"]["disk"]["free_mb"]) == {"var", "media", "imports"}
    assert "sessionid" not in response.cookies and response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_names_what_failed_with_503(client, settings, world):
    settings.HEALTH_MAX_QUEUE_AGE = 60
    settings.HEALTH_MIN_FREE_MB = 10**12
    _periodic_ran(seconds_ago=2 * settings.HEALTH_MAX_PERIODIC_AGE)
    _queued(120)
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["failed"] == ["task_queue", "periodic", "disk"] and body["checks"]["database"]["ok"]
    text = response.content.decode()
    assert world.user("secretary").username not in text and "@" not in text


@pytest.mark.django_db
def test_healthz_fails_when_the_periodic_runner_never_ran(client):
    assert client.get("/healthz").json()["failed"] == ["periodic"]


@pytest.mark.django_db
def test_healthz_reports_a_broken_database_as_failed(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_database", down)
    _periodic_ran()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
    }


@pytest.mark.django_db
def test_metrics_need_the_token(client, settings):
    settings.LINLI_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.LINLI_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


@pytest.mark.django_db
def test_metrics_count_requests_by_view_name_and_read_the_database(client, settings, world):
    settings.LINLI_METRICS_TOKEN = "s3cret-token"
    client.force_login(world.user("secretary"))
    client.get(f"/imports/{world.import_job.pk}/")
    client.get("/no/such/page/123456/")
    _queued(30)
    PeriodicJob.objects.create(name="prune_imports", runs=3, failures=1, last_success_at=timezone.now())
    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()
    assert 'linli_http_requests_total{method="GET",status="200",view="imports:job_detail"}' in text
    assert 'view="<unresolved>"' in text and "123456" not in text  # never raw paths
    assert 'linli_http_request_duration_seconds_bucket{le="0.01",method="GET",view="imports:job_detail"}' in text
    assert "linli_task_queue_depth 1.0" in text
    oldest = re.search(r"^linli_task_queue_oldest_seconds (\S+)$", text, re.M)
    assert 30 <= float(oldest.group(1)) < 60
    checked = ImportJob.objects.unscoped().filter(status="checked").count()
    assert f'linli_imports{{status="checked"}} {float(checked)}' in text
    assert 'linli_periodic_runs_total{job="prune_imports"} 3.0' in text
    assert 'linli_periodic_failures_total{job="prune_imports"} 1.0' in text
    assert 'linli_periodic_last_success_timestamp_seconds{job="prune_imports"}' in text


def test_metrics_add_up_several_gunicorn_workers(tmp_path):
    """Multiprocess mode: two processes count requests, a third one's scrape shows the sum."""
    script = (
        "import django, os, sys; django.setup();"
        "from linli.core import metrics;"
        "role = sys.argv[1];"
        "metrics.REQUESTS.labels('home', 'GET', '200').inc() if role == 'serve' else "
        "print(metrics.generate_latest(metrics.registry()).decode())"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    root = Path(django_settings.BASE_DIR)
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script, "serve"], env=env, cwd=root, check=True)
    scrape = subprocess.run(
        [sys.executable, "-c", script, "scrape"], env=env, cwd=root, check=True, capture_output=True, text=True
    ).stdout
    assert 'linli_http_requests_total{method="GET",status="200",view="home"} 2.0' in scrape


@pytest.mark.django_db
def test_a_request_id_is_kept_if_sane_and_made_otherwise(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc-123-def-456")
    assert response["X-Request-ID"] == "abc-123-def-456"
    for bad in ("", "short", "x" * 65, "a b c d e f g h", "<script>alert(1)</script>"):
        made = client.get("/healthz", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert made != bad and len(made) == 32


def test_log_records_carry_the_request_id_in_json():
    from django.utils.module_loading import import_string

    config = logs.logging_config(log_format="json", level="INFO")
    spec = dict(config["formatters"]["default"])
    formatter = import_string(spec.pop("()"))(**spec)
    record = logging.LogRecord("linli.core.imports", logging.WARNING, __file__, 1, "import %s failed", (7,), None)
    with logs.request_id_context("req-0001-abcd"):
        logs.RequestIdFilter().filter(record)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "req-0001-abcd" and line["message"] == "import 7 failed"
    assert line["level"] == "WARNING" and line["logger"] == "linli.core.imports"


@pytest.mark.django_db
def test_an_import_task_logs_under_the_request_id_that_queued_it(client, world, caplog, monkeypatch):
    from linli.core import imports, tasks

    seen = []
    monkeypatch.setattr(imports, "run", lambda job_id, phase: seen.append(logs.current_request_id()))
    tasks.run_import.call(world.import_job.pk, "check", request_id="req-from-web-0001")
    assert seen == ["req-from-web-0001"] and logs.current_request_id() == ""


def test_error_reports_carry_no_personal_data():
    event = {
        "request": {"url": "/people/residents/", "data": {"id_number": ID}, "cookies": {"sessionid": "x"},
                    "headers": {"Cookie": "x"}, "query_string": f"q={ID}"},
        "user": {"username": "xinyuan.secretary"},
        "breadcrumbs": {"values": [{"message": f"SELECT ... {ID}"}]},
        "exception": {"values": [{"value": f"bad id {ID} / phone 13812345678 / row 123456789012345678901",
                                  "stacktrace": {"frames": [{"function": "f", "vars": {"id_number": ID}}]}}]},
        "extra": {"note": f"old id 110105491231002 for {ID.lower()}"},
    }  # fmt: skip
    scrubbed = logs.scrub_event(event)
    text = json.dumps(scrubbed, ensure_ascii=False)
    assert ID not in text and ID.lower() not in text and "13812345678" not in text and "110105491231002" not in text
    assert "xinyuan.secretary" not in text and "sessionid" not in text
    assert "vars" not in scrubbed["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert scrubbed["request"] == {"url": "/people/residents/"}
    assert "123456789012345678901" in text  # long digit runs (ids, timestamps) are left


def test_sentry_is_initialised_only_with_a_dsn(monkeypatch):
    import sentry_sdk

    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    assert not logs.init_sentry(dsn="", environment="", release="", traces_sample_rate=0)
    assert logs.init_sentry(dsn="https://k@sentry.example/1", environment="prod", release="", traces_sample_rate=0)
    (options,) = calls
    assert options["send_default_pii"] is False and options["max_request_body_size"] == "never"
    assert options["include_local_variables"] is False and options["before_send"] is logs.scrub_event


@pytest.mark.django_db
def test_an_error_in_a_request_reaches_sentry_without_the_id_number(world, settings):
    """End to end through sentry-sdk: a view fails while handling a form with an ID number in the
    body, the query string, a local variable, a log line and the exception's message."""
    import sentry_sdk
    from django.test import Client
    from sentry_sdk.envelope import Envelope
    from sentry_sdk.transport import Transport

    sent: list[bytes] = []

    class Capture(Transport):
        def capture_envelope(self, envelope: Envelope) -> None:
            sent.append(envelope.serialize())

    def failing(request):
        id_number = request.POST["id_number"]
        logging.getLogger("linli.people").warning("looking up %s", id_number)
        raise ValueError(f"no resident with {id_number}")

    from django.urls import path

    urlconf = type("urls", (), {"urlpatterns": [path("boom/", failing)]})
    settings.ROOT_URLCONF = urlconf
    logs.init_sentry(dsn="https://key@sentry.example.invalid/1", environment="test", release="", traces_sample_rate=0,
                     transport=Capture)  # fmt: skip
    try:
        client = Client(raise_request_exception=False)
        client.force_login(world.user("secretary"))
        assert client.post(f"/boom/?q={ID}", {"id_number": ID, "phone": "13812345678"}).status_code == 500
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)
    payload = b"".join(sent).decode()
    assert "no resident with" in payload  # the report was sent
    assert ID not in payload and "13812345678" not in payload and "secretary" not in payload
