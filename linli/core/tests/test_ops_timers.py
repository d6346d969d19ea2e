"""The systemd timers offered instead of linli-periodic.service: each runs one periodic job through
`manage.py periodic --job NAME`, which records it in PeriodicJob as the loop does (the bare
commands left /healthz at 503 for ever), and a timer sweeps interrupted imports."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from linli.core import periodic
from linli.core.models import PeriodicJob
from linli.core.tests.test_deploy_kit import parse_unit

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"


def _timers() -> dict[str, dict]:
    return {path.name: parse_unit(path) for path in sorted(UNITS.glob("linli-job@*.timer"))}


@pytest.mark.django_db
def test_the_timer_setup_keeps_healthz_green_and_sweeps_interrupted_imports():
    """The reviewer's, adapted: what the deadline timer runs records the run /healthz reads."""
    template = parse_unit(UNITS / "linli-job@.service")["Service"]["ExecStart"][0]
    assert template.endswith("manage.py periodic --job %i")
    call_command("periodic", job="sweep_case_deadlines")  # what linli-job@sweep_case_deadlines.timer runs
    body = Client().get("/healthz", HTTP_HOST="testserver").json()
    assert "periodic" not in body["failed"], body
    jobs = {name.removeprefix("linli-job@").removesuffix(".timer"): unit for name, unit in _timers().items()}
    assert set(jobs) == set(periodic.every_round()) | set(periodic.daily())  # every job the loop runs, by name
    for name, unit in jobs.items():
        assert unit["Timer"]["Unit"] == [f"linli-job@{name}.service"]
    for every_round in periodic.every_round():
        assert jobs[every_round]["Timer"]["OnCalendar"] == ["*:0/5"], every_round


@pytest.mark.django_db
def test_one_job_is_recorded_as_the_loop_records_it(monkeypatch):
    monkeypatch.setattr(periodic, "DAILY", {"nightly": lambda: None})
    call_command("periodic", job="nightly")
    call_command("periodic", job="nightly")
    job = PeriodicJob.objects.get(name="nightly")
    assert job.runs == 2 and job.failures == 0 and job.last_success_at is not None
    assert not PeriodicJob.objects.exclude(name="nightly").exists()  # that job only


@pytest.mark.django_db
def test_a_failing_job_exits_non_zero_and_is_recorded(monkeypatch):
    def broken():
        raise ValueError("no")

    monkeypatch.setattr(periodic, "EVERY_ROUND", {"broken": broken})
    with pytest.raises(CommandError) as raised:
        call_command("periodic", job="broken")
    assert raised.value.returncode == 1
    job = PeriodicJob.objects.get(name="broken")
    assert job.failures == 1 and job.last_success_at is None and job.last_error == "builtins.ValueError"


@pytest.mark.django_db
def test_an_unknown_job_is_refused_and_nothing_is_recorded():
    with pytest.raises(CommandError) as raised:
        call_command("periodic", job="no_such_job")
    assert "sweep_case_deadlines" in str(raised.value)
    assert not PeriodicJob.objects.exists()


def test_the_metrics_directory_is_set_for_the_web_processes_only():
    """/etc/linli/linli.env is read by the worker and periodic units too, which cannot write
    /run/linli-web; and DEPLOY.md told to add an ExecStartPre and a gunicorn.conf.py hook the kit
    already has otherwise (RuntimeDirectory=, config/gunicorn.py)."""
    import re

    root = Path(settings.BASE_DIR)
    template = (root / "deploy" / "linli.env.example").read_text()
    assert not re.search(r"^#?\s*PROMETHEUS_MULTIPROC_DIR=", template, flags=re.MULTILINE)
    for path in sorted(UNITS.glob("*.service")):
        service = parse_unit(path)["Service"]
        multiproc = [v for v in service.get("Environment", []) if v.startswith("PROMETHEUS_MULTIPROC_DIR=")]
        if path.name == "linli-web.service":
            assert multiproc == ["PROMETHEUS_MULTIPROC_DIR=/run/linli-web"]
            assert service["RuntimeDirectory"] == ["linli-web"] and "-c config/gunicorn.py" in service["ExecStart"][0]
        else:
            assert multiproc == [], path.name
    deploy = (root / "docs" / "DEPLOY.md").read_text()
    assert "ExecStartPre" not in deploy and "gunicorn.conf.py" not in deploy
