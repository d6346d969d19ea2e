"""Reads of import jobs, always starting from what the actor may see (IMPORT_DATA in the job's
community): the console's list and job pages go through these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from linli.core.models import ImportJob, ImportRow

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def job_list(*, actor: User | AnonymousUser, community_id: int) -> QuerySet[ImportJob]:
    return ImportJob.objects.visible_to(actor).filter(community_id=community_id).select_related("created_by")


def get_job_for(actor: User | AnonymousUser, *, community_id: int, pk: int) -> ImportJob:
    """A job of the community the actor works in, else 404 (another community's job is not there)."""
    job = ImportJob.objects.visible_to(actor).filter(pk=pk, community_id=community_id).first()
    if job is None:
        raise Http404
    return job


def job_rows(job: ImportJob, *, outcome: str = "") -> QuerySet[ImportRow]:
    """The job's rows as the check or the commit left them; one outcome's only when it is one."""
    rows = ImportRow.objects.in_community(job.community_id).filter(job=job)
    return rows.filter(outcome=outcome) if outcome in ImportRow.Outcome.values else rows
