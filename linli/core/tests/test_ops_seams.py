"""The seams of the background work the review found: a commit still finishing after its last
progress write was swept as interrupted (and a re-run queued beside it); the old run's last save
overwrote what the sweep, a re-run or a cancel wrote; Cancel showed on a live job whose progress
file had not moved (its heartbeat had)."""

import datetime as dt

import pytest
from django.utils import timezone

from linli.core import imports, jobs
from linli.core.imports import engine, files, liveness
from linli.core.models import ImportJob
from linli.core.tests.test_ops_imports import _checked_job, secretary  # noqa: F401 - fixture
from linli.people.models import Resident

Status = ImportJob.Status


@pytest.mark.django_db
def test_a_commit_still_finishing_is_not_swept_nor_rerun_beside_itself(secretary, monkeypatch):  # noqa: F811
    """The reviewer's: a sweep that comes more than IMPORT_STALE_MINUTES after the last sign of life,
    while the run writes its ImportRows, must not fail the live job nor offer to re-run it."""
    job = _checked_job(secretary)
    original = engine._save_rows
    seen = {}

    def slow_save_rows(j, outcomes):
        later = timezone.now() + jobs.stale_after() + dt.timedelta(minutes=1)  # the ImportRows take a while
        seen["swept"] = jobs.sweep_interrupted(now=later)
        j2 = ImportJob.objects.unscoped().get(pk=j.pk)
        seen["status_while_running"] = j2.status
        seen["rerunnable_while_running"] = jobs.can_rerun(j2)
        seen["stalled_while_running"] = imports.is_stalled(j2)
        return original(j, outcomes)

    monkeypatch.setattr(engine, "_save_rows", slow_save_rows)
    secretary.post(f"/imports/{job.pk}/commit/")
    assert Resident.objects.unscoped().filter(name="李明").count() == 1
    assert seen["swept"] == 0, seen
    assert seen["status_while_running"] == Status.COMMITTING and not seen["rerunnable_while_running"], seen
    assert not seen["stalled_while_running"]
    job.refresh_from_db()
    assert job.status == Status.DONE and job.counts["written"] == 1


@pytest.mark.django_db
def test_the_run_beats_after_its_transaction(secretary, monkeypatch):  # noqa: F811
    """importer.finish, the COMMIT, the rejected rows and the ImportRows each show a sign of life."""
    job = _checked_job(secretary)
    beats = []
    real_beat = jobs.beat
    monkeypatch.setattr(liveness, "beat", lambda j: (beats.append("beat"), real_beat(j)))
    original = engine._save_rows

    def save_rows(j, outcomes):
        beats.append("save_rows")
        return original(j, outcomes)

    monkeypatch.setattr(engine, "_save_rows", save_rows)
    secretary.post(f"/imports/{job.pk}/commit/")
    at = beats.index("save_rows")
    assert beats[at - 1] == "beat" and beats[at + 1] == "beat", beats


@pytest.mark.django_db
def test_the_old_runs_last_save_does_not_overwrite_a_cancel_or_a_sweep(secretary, monkeypatch):  # noqa: F811
    job = _checked_job(secretary)
    original = engine._save_rows

    def cancelled_meanwhile(j, outcomes):
        ImportJob.objects.unscoped().filter(pk=j.pk).update(status=Status.CANCELLED, message="由他人取消")
        return original(j, outcomes)

    monkeypatch.setattr(engine, "_save_rows", cancelled_meanwhile)
    secretary.post(f"/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == Status.CANCELLED and job.message == "由他人取消" and job.finished_at is None


@pytest.mark.django_db
def test_fail_does_not_overwrite_a_job_that_moved_on(secretary):  # noqa: F811
    job = _checked_job(secretary)
    ImportJob.objects.unscoped().filter(pk=job.pk).update(status=Status.CANCELLED)
    job.status = Status.COMMITTING  # what the old run holds in memory
    engine._fail(job, "导入时出错")
    job.refresh_from_db()
    assert job.status == Status.CANCELLED and job.message == ""


@pytest.mark.django_db
def test_a_live_job_with_an_old_progress_file_but_a_fresh_heartbeat_is_not_stalled(secretary):  # noqa: F811
    import os

    job = _checked_job(secretary)
    ImportJob.objects.unscoped().filter(pk=job.pk).update(
        status=Status.COMMITTING, phase="commit", heartbeat_at=timezone.now()
    )
    files.set_progress(job, "commit", 0, 50000)
    old = (timezone.now() - dt.timedelta(minutes=30)).timestamp()
    os.utime(files.path(job, "progress"), (old, old))  # the long first pass writes no progress
    job.refresh_from_db()
    assert not imports.is_stalled(job)
    secretary.post(f"/imports/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == Status.COMMITTING


@pytest.mark.django_db
def test_a_heartbeat_that_fails_after_the_commit_does_not_fail_the_import(secretary, monkeypatch):  # noqa: F811
    """After the COMMIT the data is in: a heartbeat that cannot be written then must not turn the
    job into "导入时出错，数据没有任何改动"."""
    from django.db import OperationalError

    job = _checked_job(secretary)
    real_beat = jobs.beat

    def beat(j):
        if Resident.objects.unscoped().filter(name="李明").exists():  # committed
            raise OperationalError("server closed the connection unexpectedly")
        real_beat(j)

    monkeypatch.setattr(liveness, "beat", beat)
    secretary.post(f"/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == Status.DONE and job.counts["written"] == 1
