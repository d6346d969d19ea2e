"""Reads of import jobs: a job is found only in the community the actor may import into, and its
rows filter by a known outcome only."""

import pytest
from django.http import Http404

from linli.core.imports import selectors
from linli.core.models import ImportJob
from linli.people.tests.test_import import ID_LI, run, xlsx


def _checked(world) -> ImportJob:
    return run(world, xlsx([["姓名", "身份证号"], ["李明", ID_LI], ["", ""]], title=None), commit=False)


@pytest.mark.django_db
def test_a_job_is_found_in_its_community_and_not_by_the_outsider(world):
    job = _checked(world)
    assert selectors.get_job_for(world.user("secretary"), community_id=world.a.pk, pk=job.pk) == job
    with pytest.raises(Http404):
        selectors.get_job_for(world.user("outsider"), community_id=world.b.pk, pk=job.pk)
    assert job not in selectors.job_list(actor=world.user("outsider"), community_id=world.a.pk)


@pytest.mark.django_db
def test_rows_filter_by_a_known_outcome_and_ignore_an_unknown_one(world):
    job = _checked(world)
    every = selectors.job_rows(job).count()
    assert selectors.job_rows(job, outcome="create").count() == 1
    assert selectors.job_rows(job, outcome="nonsense").count() == every
