"""The import engine's typed events (on the shared event table; labels in core/module.py's
`event_kinds`), shown as the job's timeline on its page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.events import record
from linli.core.models import Event, ImportJob

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def import_remapped(*, actor: User, job: ImportJob, previous_status: str) -> Event:
    """The user took a checked (or failed, or rejected) job back to confirming its columns."""
    return record(
        module="core",
        kind="import_remapped",
        subject=("import_job", job.pk),
        community_id=job.community_id,
        actor=actor,
        data={"from": previous_status},
    )


def import_cancelled(*, actor: User, job: ImportJob, previous_status: str) -> Event:
    return record(
        module="core", kind="import_cancelled", subject=("import_job", job.pk), community_id=job.community_id,
        actor=actor, data={"from": previous_status},
    )  # fmt: skip


def import_rerun(*, actor: User, job: ImportJob, phase: str) -> Event:
    """The phase that failed was queued again from the kept upload."""
    return record(
        module="core", kind="import_rerun", subject=("import_job", job.pk), community_id=job.community_id,
        actor=actor, data={"phase": phase},
    )  # fmt: skip
