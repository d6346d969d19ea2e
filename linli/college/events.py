"""The college's events, one typed function per kind (labels: college/module.py `event_kinds`),
written in the same transaction as the change; all on the course (its timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linli.core.events import record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.college.models import Course
    from linli.core.models import Event


def course_event(kind: str, *, course: Course, actor: User | None, data: dict[str, Any] | None = None) -> Event:
    return record(
        module="college", kind=kind, subject=("course", course.pk), community_id=course.community_id,
        actor=actor, data=data,
    )  # fmt: skip
