"""The runners under SQLite's lock and the daily claim's retry: "database is locked" while a large
import commits is waiting, not a failed round counted towards the exit (periodic and the worker
exited non-zero during a long import); a daily job that failed is claimable again after a backoff,
a few times a day, and never by two runners at once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from linli.core import periodic
from linli.core.management.commands import worker as worker_command
from linli.core.models import PeriodicJob

LOCKED = "database is locked"


@pytest.fixture
def no_sleep(monkeypatch):
    monkeypatch.setattr("linli.core.management.commands.periodic.time.sleep", lambda seconds: None)
    monkeypatch.setattr(worker_command.time, "sleep", lambda seconds: None)


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_is_waited_for_not_counted_by_periodic(no_sleep, monkeypatch, settings):
    settings.LINLI_PERIODIC_MAX_FAILURES = 2
    calls = []

    def sweep():
        calls.append(1)
        if len(calls) <= 5:
            raise OperationalError(LOCKED)

    monkeypatch.setattr(periodic, "EVERY_ROUND", {"sweep_case_deadlines": sweep})
    monkeypatch.setattr(periodic, "DAILY", {})
    call_command("periodic", once=True)  # five locked rounds, more than the limit: no exit
    assert len(calls) == 6
    job = PeriodicJob.objects.get(name="sweep_case_deadlines")
    assert job.failures == 0 and job.last_success_at is not None


def test_a_locked_round_is_not_a_lost_database(monkeypatch):
    def locked():
        raise OperationalError(LOCKED)

    monkeypatch.setattr(periodic, "EVERY_ROUND", {"sweep": locked})
    monkeypatch.setattr(periodic, "DAILY", {"nightly": lambda: None})
    monkeypatch.setattr(periodic, "record", lambda *a, **k: None)
    result = periodic.run_round(now=dt.datetime(2026, 12, 2, 4, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert result.locked and not result.db_failed and result.ran == []  # no daily claim meanwhile


@pytest.mark.django_db(transaction=True)
def test_a_locked_database_is_waited_for_not_counted_by_the_worker(no_sleep, monkeypatch, settings):
    settings.LINLI_WORKER_MAX_FAILURES = 2
    attempts = []

    def recover(**kwargs):
        attempts.append(1)
        if len(attempts) <= 5:
            raise OperationalError(LOCKED)
        return 0

    monkeypatch.setattr(worker_command, "recover", recover)
    worker_command.Command()._reconnect("w", 2, 0)  # returns: the lock was waited out
    assert len(attempts) == 6


@pytest.mark.django_db(transaction=True)
def test_a_real_outage_still_exits_the_worker(no_sleep, monkeypatch):
    monkeypatch.setattr(worker_command, "recover", lambda **k: (_ for _ in ()).throw(OperationalError("refused")))
    with pytest.raises(CommandError):
        worker_command.Command()._reconnect("w", 2, 0)


SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, 2, hour, minute, tzinfo=SHANGHAI)


@pytest.mark.django_db
def test_a_daily_job_that_failed_is_retried_after_a_backoff(monkeypatch, settings):
    settings.LINLI_DAILY_HOUR = 3
    settings.LINLI_DAILY_RETRY_MINUTES = 30
    runs = []

    def flaky():
        runs.append(1)
        if len(runs) == 1:
            raise ValueError("once")

    monkeypatch.setattr(periodic, "EVERY_ROUND", {})
    monkeypatch.setattr(periodic, "DAILY", {"nightly": flaky})
    assert periodic.run_round(now=_at(3, 0), runner="a").failed == ["nightly"]
    periodic.run_round(now=_at(3, 10), runner="b")  # within the backoff: not yet
    assert len(runs) == 1
    assert periodic.run_round(now=_at(3, 31), runner="b").ran == ["nightly"]
    periodic.run_round(now=_at(5, 0), runner="a")  # succeeded today: not again
    assert len(runs) == 2
    job = PeriodicJob.objects.get(name="nightly")
    assert job.runs == 2 and job.failures == 1 and job.last_success_at and job.claimed_by == "b"


@pytest.mark.django_db
def test_a_daily_job_is_tried_at_most_n_times_a_day(monkeypatch, settings):
    settings.LINLI_DAILY_HOUR = 3
    settings.LINLI_DAILY_RETRY_MINUTES = 30
    settings.LINLI_DAILY_TRIES = 3
    runs = []

    def broken():
        runs.append(1)
        raise ValueError("always")

    monkeypatch.setattr(periodic, "EVERY_ROUND", {})
    monkeypatch.setattr(periodic, "DAILY", {"nightly": broken})
    for hour in range(3, 12):
        periodic.run_round(now=_at(hour), runner="a")
    assert len(runs) == 3
    periodic.run_round(now=dt.datetime(2026, 12, 3, 3, tzinfo=SHANGHAI), runner="a")  # a new day
    assert len(runs) == 4


@pytest.mark.django_db
def test_a_daily_job_running_is_not_claimed_by_another_runner(monkeypatch, settings):
    settings.LINLI_DAILY_HOUR = 3
    settings.LINLI_DAILY_RETRY_MINUTES = 30
    day = dt.date(2026, 12, 2)
    assert periodic.claim("nightly", day, runner="a", now=_at(3))
    assert not periodic.claim("nightly", day, runner="b", now=_at(9))  # "a" is still running it
    periodic.release("nightly", day, runner="a", now=_at(9))  # "a" failed
    assert not periodic.claim("nightly", day, runner="b", now=_at(9, 10))
    assert periodic.claim("nightly", day, runner="b", now=_at(9, 31))
    assert not periodic.claim("nightly", day, runner="a", now=_at(9, 32))
