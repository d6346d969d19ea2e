"""The import engine's services that the engine tests do not cover on their own: taking a job back
to its columns (`import_remap`) goes through the service, is refused without a change where it may
not, and leaves an event on the job's timeline."""

import pytest

from linli.core import imports
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.events import timeline
from linli.core.models import Event, ImportJob
from linli.people.tests.test_import import ID_LI, run, xlsx

Status = ImportJob.Status


def _checked(world) -> ImportJob:
    return run(world, xlsx([["姓名", "身份证号"], ["李明", ID_LI]], title=None), commit=False)


@pytest.mark.django_db
def test_remapping_a_checked_job_returns_it_to_its_columns_with_an_event(world):
    job = _checked(world)
    imports.import_remap(actor=world.user("secretary"), job=job)
    job.refresh_from_db()
    assert job.status == Status.MAPPING
    [entry] = timeline("import_job", job.pk)
    assert entry.kind == "import_remapped" and entry.actor == world.user("secretary")
    assert entry.data == {"from": Status.CHECKED}


@pytest.mark.django_db
def test_a_done_job_cannot_be_remapped_and_nothing_changes(world):
    job = run(world, xlsx([["姓名", "身份证号"], ["李明", ID_LI]], title=None))
    assert job.status == Status.DONE
    with pytest.raises(DomainError):
        imports.import_remap(actor=world.user("secretary"), job=job)
    job.refresh_from_db()
    assert job.status == Status.DONE and not Event.objects.filter(subject_type="import_job").exists()


@pytest.mark.django_db
def test_the_outsider_cannot_remap_and_nothing_changes(world):
    job = _checked(world)
    with pytest.raises(PermissionDeniedError):
        imports.import_remap(actor=world.user("outsider"), job=job)
    job.refresh_from_db()
    assert job.status == Status.CHECKED and not Event.objects.filter(subject_type="import_job").exists()


def test_cancelling_and_rerunning_leave_events_on_the_jobs_timeline(world):
    from linli.core import events
    from linli.core.imports import services
    from linli.core.models import ImportJob

    job = world.import_job
    ImportJob.objects.unscoped().filter(pk=job.pk).update(status=ImportJob.Status.FAILED, phase="check")
    job.refresh_from_db()
    services.import_cancel(actor=world.user("secretary"), job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED
    kinds = [e.kind for e in events.timeline("import_job", job.pk)]
    assert kinds[0] == "import_cancelled"


def test_a_refused_cancel_changes_nothing_and_records_nothing(world):
    from linli.core.errors import DomainError
    from linli.core.imports import services
    from linli.core.models import Event, ImportJob

    job = world.import_job
    ImportJob.objects.unscoped().filter(pk=job.pk).update(status=ImportJob.Status.DONE)
    job.refresh_from_db()
    before = (job.status, job.finished_at, Event.objects.count())
    with pytest.raises(DomainError):
        services.import_cancel(actor=world.user("secretary"), job=job)
    job.refresh_from_db()
    assert (job.status, job.finished_at, Event.objects.count()) == before
