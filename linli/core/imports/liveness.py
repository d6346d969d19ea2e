"""Imports whose background run was interrupted (a killed worker, a database restart): the run
shows it is alive (`heartbeat_at` when it starts and between passes, the progress file's time
inside the one transaction, where a row update would not be seen), and a sweep marks a job that
has not shown it for IMPORT_STALE_MINUTES as failed — its data rolled back with the transaction —
so that it can be re-run from the kept encrypted upload, or cancelled.

While it runs, the run also holds an exclusive lock (flock) on the job's `.lock` file in
IMPORT_ROOT: the kernel drops it when the process dies, so a job whose lock is held is alive
whatever its clocks say (a long post-commit step), and is neither swept nor stalled.

The sweep runs in `manage.py periodic` every round (with the timers: linli-job@sweep_interrupted_imports)
and when `manage.py worker` starts (both reach it as `linli.core.jobs`)."""

import contextlib
import datetime as dt
import fcntl
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.core.imports import files
from linli.core.models import ImportJob

log = logging.getLogger("linli.core.jobs")
Status = ImportJob.Status
PHASE_STATUS = {"read": Status.READING, "check": Status.CHECKING, "commit": Status.COMMITTING}
STALL_SECONDS = 600


def interrupted_message() -> str:
    return _("导入中断，可重新导入。数据没有任何改动。")


def start(job_id: int, phase: str) -> bool:
    """The run of `phase` begins: compare-and-set on the status the phase was queued with, so that
    a job swept, cancelled or already run is not run (again). False: leave it alone."""
    status = PHASE_STATUS.get(phase)
    return bool(
        status
        and ImportJob.objects.unscoped()
        .filter(pk=job_id, status=status)
        .update(phase=phase, heartbeat_at=timezone.now())
    )


def beat(job: ImportJob) -> None:
    """Between passes, outside the import's transaction."""
    ImportJob.objects.unscoped().filter(pk=job.pk, status__in=PHASE_STATUS.values()).update(heartbeat_at=timezone.now())


def touch(job: ImportJob) -> None:
    """Inside a transaction, where a row update would not be seen: the progress file's time."""
    with contextlib.suppress(OSError):
        os.utime(files.path(job, "progress"))


def alive(job: ImportJob) -> None:
    """Outside a transaction: both signs. Never raises: called after the COMMIT, where a failure
    must not be taken for the import's (the run lock still shows it alive)."""
    touch(job)
    try:
        beat(job)
    except DatabaseError as exc:
        log.warning("import %s: heartbeat not written (%s)", job.pk, type(exc).__name__)


def _lock_path(job: ImportJob) -> Path:
    return files.path(job, "lock")


@contextlib.contextmanager
def running(job: ImportJob) -> Iterator[bool]:
    """Hold the job's run lock for the whole run (yields False when another process holds it)."""
    path = _lock_path(job)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def held(job: ImportJob) -> bool:
    """A live process runs the job (it holds the run lock)."""
    try:
        fd = os.open(_lock_path(job), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def last_sign(job: ImportJob) -> dt.datetime | None:
    """The latest of the heartbeat and the progress file's time (None: neither)."""
    moments = [job.heartbeat_at]
    try:
        moved = files.path(job, "progress").stat().st_mtime
    except OSError:
        pass
    else:
        moments.append(dt.datetime.fromtimestamp(moved, tz=dt.UTC))
    return max((m for m in moments if m is not None), default=None)


def stale_after() -> dt.timedelta:
    return dt.timedelta(minutes=settings.IMPORT_STALE_MINUTES)


def is_interrupted(job: ImportJob, *, now: dt.datetime | None = None) -> bool:
    """Started, still busy, and no sign of life for IMPORT_STALE_MINUTES."""
    if not job.busy or job.heartbeat_at is None or held(job):
        return False
    last = last_sign(job)
    return last is not None and last < (now or timezone.now()) - stale_after()


def is_stalled(job: ImportJob) -> bool:
    """A running job that has shown no sign of life (heartbeat, progress) for ten minutes and whose
    run lock nobody holds: its worker has died (the transaction rolled back with it, so nothing is
    half-written) and it may be cancelled."""
    if not job.busy or held(job):
        return False
    last = last_sign(job)
    return last is None or time.time() - last.timestamp() > STALL_SECONDS


def mark_interrupted(job: ImportJob, *, phase: str = "") -> bool:
    """Fail a busy job (compare-and-set on its status and heartbeat: a run that moved on wins).
    `phase`: the phase its dead task was to run (it may have died before its first heartbeat).
    A job whose run lock is held is alive: left alone."""
    if held(job):
        log.warning("import %s (%s) looks stale but its run is alive: left alone", job.pk, job.phase)
        return False
    with translation.override(job.language or settings.LANGUAGE_CODE):
        message = interrupted_message()
    fields: dict[str, Any] = {"status": Status.FAILED, "message": message, "finished_at": timezone.now()}
    if phase in PHASE_STATUS:
        fields["phase"] = phase
    changed = (
        ImportJob.objects.unscoped()
        .filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at)
        .update(**fields)
    )
    if changed:
        files.path(job, "progress").unlink(missing_ok=True)
        log.warning("import %s (%s) interrupted: marked failed, can be re-run", job.pk, job.phase)
    return bool(changed)


def sweep_interrupted(*, now: dt.datetime | None = None) -> int:
    """Mark every interrupted job failed; returns how many."""
    now = now or timezone.now()
    candidates = ImportJob.objects.unscoped().filter(
        status__in=PHASE_STATUS.values(), heartbeat_at__lt=now - stale_after()
    )
    return sum(mark_interrupted(job) for job in candidates if is_interrupted(job, now=now))


def mark_interrupted_by_id(job_id: int, phase: str) -> bool:
    """The task that was to run `phase` of the job died with its worker: nothing else will run it."""
    job = ImportJob.objects.unscoped().filter(pk=job_id, status=PHASE_STATUS.get(phase)).first()
    return bool(job and mark_interrupted(job, phase=phase))


def can_rerun_failed(job: ImportJob) -> bool:
    """A failed (or interrupted) run can be queued again: its phase is known and its upload kept."""
    return job.status == Status.FAILED and job.phase in PHASE_STATUS and files.can_rerun(job)
