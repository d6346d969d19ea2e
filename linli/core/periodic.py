"""The periodic jobs and how a round of them runs (`manage.py periodic` loops over rounds).

Every round: the case deadline sweep and the sweep of interrupted imports. Daily, at or after
LINLI_DAILY_HOUR local time (Asia/Shanghai): the import clean-up, the retraining of case
suggestions and the check of volunteers' totals — each claimed for the day by a conditional
UPDATE of its `PeriodicJob` row, so that of several runners (hosts) exactly one runs it at a time;
a run that failed gives the claim back, to be retried after LINLI_DAILY_RETRY_MINUTES, at most
LINLI_DAILY_TRIES runs a day.

Each job's runs, failures and last success are kept in `PeriodicJob` (for /healthz and /metrics).
A round in which the database could not be reached is `db_failed`: the runner closes its
connections and retries with backoff, and exits non-zero after too many such rounds in a row. A
round that met SQLite's "database is locked" (a large import commits) is `locked`: waited out,
never counted as a failure."""

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, transaction
from django.db.models import F, Q
from django.utils import timezone

from linli.core import modules
from linli.core.busy import is_locked
from linli.core.models import PeriodicJob

log = logging.getLogger("linli.periodic")
# What a lost or restarting database raises (a closed connection, a refused one, a server gone).
# A job's own IntegrityError or DataError is a bug of that job, not a reason to reconnect.
DATABASE_UNAVAILABLE = (DatabaseError, InterfaceError)


def database_unavailable(exc: BaseException) -> bool:
    return isinstance(exc, DATABASE_UNAVAILABLE) and not isinstance(exc, IntegrityError | DataError)


# The jobs are the modules' (`periodic=` in each module.py). A test may set these to its own jobs;
# None means "what the registry declares".
EVERY_ROUND: dict[str, Callable[[], None]] | None = None
DAILY: dict[str, Callable[[], None]] | None = None


def every_round() -> dict[str, Callable[[], None]]:
    if EVERY_ROUND is not None:
        return EVERY_ROUND
    return {j.name: j.run for j in modules.periodic_jobs() if not j.daily}


def daily() -> dict[str, Callable[[], None]]:
    if DAILY is not None:
        return DAILY
    return {j.name: j.run for j in modules.periodic_jobs() if j.daily}


@dataclass
class Round:
    ran: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    db_failed: bool = False
    locked: bool = False  # SQLite's lock met: wait, do not count

    @property
    def stopped(self) -> bool:
        return self.db_failed or self.locked

    def trouble(self, name: str, what: str, exc: BaseException) -> None:
        if is_locked(exc):
            log.warning("%s: the database is locked (a large import commits): %s later", name, what)
            self.locked = True
        else:
            log.error("%s: database unavailable (%s)", name, type(exc).__name__)
            self.db_failed = True


def runner_name() -> str:
    return f"{socket.gethostname()[:80]}:{os.getpid()}"


def daily_due(now: dt.datetime) -> dt.date | None:
    """The local day whose daily jobs may run now: today once LINLI_DAILY_HOUR has passed."""
    local = now.astimezone(ZoneInfo(settings.TIME_ZONE))
    return local.date() if local.hour >= settings.LINLI_DAILY_HOUR else None


def _row(name: str) -> None:
    if not PeriodicJob.objects.filter(name=name).exists():
        try:
            with transaction.atomic():
                PeriodicJob.objects.create(name=name)
        except IntegrityError:
            pass  # another runner made it


def claim(name: str, day: dt.date, *, runner: str, now: dt.datetime | None = None) -> bool:
    """Take job `name` for `day`: the first claim of the day, or a retry of a run that failed and
    gave the claim back (after its backoff, while tries are left). True for one caller at a time."""
    _row(name)
    rows = PeriodicJob.objects.filter(name=name)
    if rows.filter(Q(day__isnull=True) | Q(day__lt=day)).update(day=day, claimed_by=runner, tries=1, retry_after=None):
        return True
    return bool(
        rows.filter(
            day=day, claimed_by="", tries__lt=settings.LINLI_DAILY_TRIES, retry_after__lte=now or timezone.now()
        ).update(claimed_by=runner, tries=F("tries") + 1, retry_after=None)
    )


def release(name: str, day: dt.date, *, runner: str, now: dt.datetime | None = None) -> None:
    """The run of `day` failed: give the claim back, for a retry after LINLI_DAILY_RETRY_MINUTES."""
    retry = (now or timezone.now()) + dt.timedelta(minutes=settings.LINLI_DAILY_RETRY_MINUTES)
    PeriodicJob.objects.filter(name=name, day=day, claimed_by=runner).update(claimed_by="", retry_after=retry)


def record(name: str, *, ok: bool, started: dt.datetime, error: str = "") -> None:
    _row(name)
    rows = PeriodicJob.objects.filter(name=name)
    if ok:
        rows.update(runs=F("runs") + 1, last_started_at=started, last_success_at=timezone.now())
    else:
        rows.update(
            runs=F("runs") + 1,
            failures=F("failures") + 1,
            last_started_at=started,
            last_failure_at=timezone.now(),
            last_error=error[:200],
        )


def _run_one(name: str, job: Callable[[], None], result: Round) -> None:
    started = timezone.now()
    try:
        job()
    except Exception as exc:  # noqa: BLE001 - a failing job must not stop the others
        if database_unavailable(exc):
            result.failed.append(name)
            result.trouble(name, "run", exc)
            return
        log.exception("%s failed", name)
        result.failed.append(name)
        error = f"{type(exc).__module__}.{type(exc).__qualname__}"
    else:
        result.ran.append(name)
        error = ""
    try:
        record(name, ok=not error, started=started, error=error)
    except DATABASE_UNAVAILABLE as exc:
        result.trouble(name, "record the run", exc)


def run_job(name: str) -> Round:
    """One job, once, recorded as the loop records it (`periodic --job`, run by a systemd timer)."""
    result = Round()
    _run_one(name, {**every_round(), **daily()}[name], result)
    return result


def run_round(*, now: dt.datetime | None = None, runner: str = "", force_daily: bool = False) -> Round:
    """One round. `force_daily` (`periodic --once`) runs the daily jobs without claiming them."""
    now = now or timezone.now()
    runner = runner or runner_name()
    result = Round()
    for name, job in every_round().items():
        _run_one(name, job, result)
    day = daily_due(now)
    for name, job in daily().items():
        if result.stopped:
            break
        if not force_daily:
            if day is None:
                continue
            try:
                if not claim(name, day, runner=runner, now=now):
                    continue
            except DATABASE_UNAVAILABLE as exc:
                result.trouble(name, "claim", exc)
                break
        _run_one(name, job, result)
        if not force_daily and day is not None and name in result.failed:  # day: checked above
            try:
                release(name, day, runner=runner, now=now)
            except DATABASE_UNAVAILABLE as exc:
                result.trouble(name, "give the claim back", exc)
    return result
