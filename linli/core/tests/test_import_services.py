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
