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
