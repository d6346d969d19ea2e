"""The periodic runner: it recovers when its database connection breaks (it logged "the connection
is closed" every round for ever), exits non-zero after too many failed rounds in a row, runs the
daily jobs at LINLI_DAILY_HOUR local time, and of two runners at once exactly one runs them."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, connections

from linli.core import periodic
from linli.core.models import PeriodicJob

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def no_daily(monkeypatch):
    monkeypatch.setattr(periodic, "DAILY", {})
    monkeypatch.setattr("linli.core.management.commands.periodic.time.sleep", lambda seconds: None)


@pytest.mark.django_db(transaction=True)
def test_a_broken_connection_is_closed_and_the_next_round_succeeds(no_daily):
    connection.ensure_connection()
    connection.connection.close()  # the server went away under the runner (as pg_ctl restart does)
    call_command("periodic", once=True)
    sweep = PeriodicJob.objects.get(name="sweep_case_deadlines")
    assert sweep.last_success_at is not None and sweep.failures == 0


@pytest.mark.django_db
def test_repeated_database_failures_exit_non_zero(no_daily, monkeypatch, settings):
    settings.LINLI_PERIODIC_MAX_FAILURES = 3
    rounds = []

    def failing_round(**kwargs):
        rounds.append(kwargs)
        return periodic.Round(failed=["sweep_case_deadlines"], db_failed=True)

    monkeypatch.setattr(periodic, "run_round", failing_round)
    with pytest.raises(CommandError) as raised:
        call_command("periodic", every=1)
    assert raised.value.returncode == 1 and len(rounds) == 3


@pytest.mark.django_db
def test_failures_short_of_the_limit_are_retried(no_daily, monkeypatch, settings):
    settings.LINLI_PERIODIC_MAX_FAILURES = 3
    outcomes = [True, True, False]

    def flaky_round(**kwargs):
        return periodic.Round(db_failed=outcomes.pop(0))

    monkeypatch.setattr(periodic, "run_round", flaky_round)
    call_command("periodic", once=True)
    assert outcomes == []


def test_backoff_grows_and_is_capped():
    from linli.core.management.commands.periodic import backoff

    assert [backoff(n, every=5) for n in (1, 2, 3, 4, 5)] == [1, 2, 4, 5, 5]


def _at(hour: int, minute: int = 0, day: int = 2) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_daily_jobs_run_once_a_day_at_the_local_hour(monkeypatch, settings):
    settings.LINLI_DAILY_HOUR = 3
    runs = []
    monkeypatch.setattr(periodic, "EVERY_ROUND", {})
    monkeypatch.setattr(periodic, "DAILY", {"nightly": lambda: runs.append(1)})
    periodic.run_round(now=_at(2, 59), runner="a")
    assert runs == []  # before the hour (19:00 UTC the day before: not "24 h after start")
    periodic.run_round(now=_at(3, 0), runner="a")
    periodic.run_round(now=_at(3, 5), runner="a")
    periodic.run_round(now=_at(23, 0), runner="a")
    assert runs == [1]
    periodic.run_round(now=_at(3, 0, day=3), runner="a")
    assert runs == [1, 1]
    job = PeriodicJob.objects.get(name="nightly")
    assert job.day == dt.date(2026, 12, 3) and job.runs == 2 and job.last_success_at


@pytest.mark.django_db(transaction=True)
def test_of_two_runners_at_once_exactly_one_runs_the_daily_jobs(monkeypatch, settings):
    settings.LINLI_DAILY_HOUR = 3
    runs = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def job(name):
        def run():
            with lock:
                runs.append((name, threading.current_thread().name))

        return run

    def runner(name):
        try:
            barrier.wait()
            periodic.run_round(now=_at(3, 1), runner=name)
        finally:
            connections.close_all()

    monkeypatch.setattr(periodic, "EVERY_ROUND", {})
    monkeypatch.setattr(periodic, "DAILY", {"nightly": job("nightly"), "other": job("other")})
    threads = [threading.Thread(target=runner, args=(n,), name=n) for n in ("host-a", "host-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(name for name, _runner in runs) == ["nightly", "other"]  # each job once, not twice
    claimed = dict(PeriodicJob.objects.values_list("name", "claimed_by"))
    assert claimed == dict(runs)


@pytest.mark.django_db
def test_a_failing_job_is_recorded_without_stopping_the_others(monkeypatch):
    def broken():
        raise ValueError("身份证号 11010519491231002X 不对")  # the message is not stored

    monkeypatch.setattr(periodic, "EVERY_ROUND", {"broken": broken, "fine": lambda: None})
    monkeypatch.setattr(periodic, "DAILY", {})
    result = periodic.run_round()
    assert result.failed == ["broken"] and result.ran == ["fine"] and not result.db_failed
    job = PeriodicJob.objects.get(name="broken")
    assert job.failures == 1 and job.last_error == "builtins.ValueError"


@pytest.mark.django_db
def test_a_database_error_in_a_job_marks_the_round_db_failed(monkeypatch):
    def unreachable():
        raise OperationalError("the connection is closed")

    monkeypatch.setattr(periodic, "EVERY_ROUND", {"sweep": unreachable})
    monkeypatch.setattr(periodic, "DAILY", {"nightly": lambda: None})
    result = periodic.run_round(now=_at(4))
    assert result.db_failed and result.ran == []  # no daily claim in a failed round
    assert not PeriodicJob.objects.filter(name="nightly").exists()


@pytest.mark.django_db
def test_a_jobs_own_integrity_error_is_its_failure_not_a_lost_database(monkeypatch):
    from django.db import IntegrityError

    def buggy():
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(periodic, "EVERY_ROUND", {"buggy": buggy})
    monkeypatch.setattr(periodic, "DAILY", {})
    result = periodic.run_round()
    assert result.failed == ["buggy"] and not result.db_failed
