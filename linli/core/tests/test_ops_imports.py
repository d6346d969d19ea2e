"""Interrupted imports (a killed worker): swept to failed after IMPORT_STALE_MINUTES without a sign
of life, re-runnable from the kept upload or cancellable; a live one is not touched; the worker's
start settles the tasks a dead worker left running."""

import datetime as dt
import os
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from linli.core import imports, jobs
from linli.core.identity import check_char
from linli.core.imports import files
from linli.core.models import ImportJob
from linli.core.tests.workbooks import xlsx
from linli.people.models import Resident

ID_LI = "11010519850302001" + check_char("11010519850302001")
Status = ImportJob.Status


@pytest.fixture
def secretary(client, world):
    client.force_login(world.user("secretary"))
    return client


def _checked_job(client) -> ImportJob:
    data = xlsx([["姓名", "身份证号", "备注"], ["李明", ID_LI, ""]])
    assert client.post("/imports/new/people/", {"file": SimpleUploadedFile("a.xlsx", data)}).status_code == 302
    job = ImportJob.objects.unscoped().latest("pk")
    client.post(f"/imports/{job.pk}/", {"col_name": "0", "col_id_number": "1", "mode": "all"})
    job.refresh_from_db()
    assert job.status == Status.CHECKED
    return job


def _as_killed(job: ImportJob, *, minutes_ago: float, phase="commit") -> ImportJob:
    """What a worker killed in the middle of the commit leaves: busy, progress half-way."""
    beat = timezone.now() - dt.timedelta(minutes=minutes_ago)
    ImportJob.objects.unscoped().filter(pk=job.pk).update(
        status=jobs.PHASE_STATUS[phase], phase=phase, heartbeat_at=beat
    )
    files.set_progress(job, phase, 22000, 50000)
    progress = files.path(job, "progress")
    os.utime(progress, (beat.timestamp(), beat.timestamp()))
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_an_interrupted_commit_is_swept_to_failed_and_can_be_rerun_to_success(secretary, world):
    job = _as_killed(_checked_job(secretary), minutes_ago=30)
    assert jobs.sweep_interrupted() == 1
    job.refresh_from_db()
    assert job.status == Status.FAILED and "导入中断，可重新导入" in job.message
    page = secretary.get(f"/imports/{job.pk}/").content.decode()
    assert "导入中断" in page and "重新运行" in page and "未完成" in page and "无法读取" not in page
    assert not Resident.objects.unscoped().filter(name="李明").exists()  # rolled back with the kill
    response = secretary.post(f"/imports/{job.pk}/rerun/", follow=True)
    assert "已重新开始" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Status.DONE and job.counts["written"] == 1 and job.message == ""
    assert Resident.objects.unscoped().filter(name="李明").count() == 1
    # Done: nothing left to re-run.
    secretary.post(f"/imports/{job.pk}/rerun/")
    job.refresh_from_db()
    assert job.status == Status.DONE and job.counts["written"] == 1


@pytest.mark.django_db
def test_an_interrupted_job_can_be_cancelled(secretary):
    job = _as_killed(_checked_job(secretary), minutes_ago=30, phase="check")
    jobs.sweep_interrupted()
    secretary.post(f"/imports/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == Status.CANCELLED and not imports.can_rerun(job)


@pytest.mark.django_db
def test_a_live_job_and_a_queued_one_are_not_touched(secretary):
    live = _as_killed(_checked_job(secretary), minutes_ago=1)
    queued = _checked_job(secretary)
    ImportJob.objects.unscoped().filter(pk=queued.pk).update(status=Status.COMMITTING, heartbeat_at=None)
    assert jobs.sweep_interrupted() == 0
    live.refresh_from_db()
    queued.refresh_from_db()
    assert live.status == Status.COMMITTING and live.message == ""
    assert queued.status == Status.COMMITTING
    # Re-running a job that is not failed is refused and changes nothing.
    secretary.post(f"/imports/{live.pk}/rerun/")
    live.refresh_from_db()
    assert live.status == Status.COMMITTING and live.heartbeat_at is not None


@pytest.mark.django_db
def test_a_late_task_for_a_swept_job_does_nothing(secretary):
    job = _as_killed(_checked_job(secretary), minutes_ago=30)
    jobs.sweep_interrupted()
    imports.run(job.pk, "commit")  # the killed run's task, delivered again
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.counts.get("written", 0) == 0


def _task(worker_id: str, job_id: int) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [job_id, "commit"], "kwargs": {}},
        task_path="linli.core.tasks.run_import",
        worker_ids=[worker_id],
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
    )


@pytest.mark.django_db
def test_the_worker_start_fails_the_tasks_of_a_dead_worker_and_their_imports(secretary):
    from linli.core.management.commands.worker import recover

    host = socket.gethostname()[:40]
    dead_job = _as_killed(_checked_job(secretary), minutes_ago=0)
    live_job = _as_killed(_checked_job(secretary), minutes_ago=0)
    dead = _task(f"{host}-999999999-abcdefgh", dead_job.pk)
    live = _task(f"{host}-{os.getpid()}-abcdefgh", live_job.pk)
    assert recover(own="someone-else") == 1
    dead.refresh_from_db()
    live.refresh_from_db()
    assert dead.status == "FAILED" and live.status == "RUNNING"
    dead_job.refresh_from_db()
    live_job.refresh_from_db()
    assert dead_job.status == Status.FAILED and jobs.can_rerun(dead_job)
    assert live_job.status == Status.COMMITTING


@pytest.mark.django_db
def test_a_job_whose_task_died_before_its_first_heartbeat_is_failed_and_rerunnable(secretary):
    from linli.core.management.commands.worker import recover

    job = _checked_job(secretary)
    ImportJob.objects.unscoped().filter(pk=job.pk).update(status=Status.COMMITTING)  # queued, then claimed
    _task(f"{socket.gethostname()[:40]}-999999999-abcdefgh", job.pk)
    recover(own="someone-else")
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.phase == "commit" and jobs.can_rerun(job)
    secretary.post(f"/imports/{job.pk}/rerun/")
    job.refresh_from_db()
    assert job.status == Status.DONE and job.counts["written"] == 1


@pytest.mark.django_db
def test_the_job_list_says_what_to_do_with_an_interrupted_job(secretary):
    """The list showed only a red 未完成; re-run and cancel are on the job's page: the list says so."""
    job = _as_killed(_checked_job(secretary), minutes_ago=30)
    jobs.sweep_interrupted()
    page = secretary.get("/imports/").content.decode()
    assert "查看原因，可重新运行或取消" in page and f"/imports/{job.pk}/" in page
