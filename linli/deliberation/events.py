"""deliberation's events, one typed function per kind (labels: deliberation/module.py `event_kinds`),
written in the same transaction as the change. Every kind is on the meeting: its timeline on the
meeting page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linli.core.events import record
from linli.core.models import Event
from linli.deliberation.models import AgendaItem, Attendee, Meeting, Resolution

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _meeting_event(kind: str, *, meeting: Meeting, actor: User, data: dict[str, Any] | None = None) -> Event:
    return record(
        module="deliberation", kind=kind, subject=("meeting", meeting.pk), community_id=meeting.community_id,
        actor=actor, data=data,
    )  # fmt: skip


def meeting_created_event(*, meeting: Meeting, actor: User) -> Event:
    return _meeting_event("meeting_created", meeting=meeting, actor=actor, data={"note": meeting.topic})


def meeting_edited_event(*, meeting: Meeting, actor: User, changed: list[str]) -> Event:
    return _meeting_event("meeting_edited", meeting=meeting, actor=actor, data={"fields": changed})


def agenda_added_event(*, item: AgendaItem, meeting: Meeting, actor: User) -> Event:
    data = {"item": item.pk, "case": item.case_id, "note": item.title[:100]}
    return _meeting_event("agenda_added", meeting=meeting, actor=actor, data=data)


def attendees_added_event(*, attendees: list[Attendee], meeting: Meeting, actor: User) -> Event:
    data = {"party": attendees[0].party if attendees else "", "note": "、".join(a.name for a in attendees)[:200]}
    return _meeting_event("attendees_added", meeting=meeting, actor=actor, data=data)


def attendance_recorded_event(*, meeting: Meeting, actor: User, present: int) -> Event:
    return _meeting_event("attendance_recorded", meeting=meeting, actor=actor, data={"present": present})


def minutes_saved_event(*, meeting: Meeting, actor: User) -> Event:
    return _meeting_event("minutes_saved", meeting=meeting, actor=actor)


def resolution_recorded_event(*, resolution: Resolution, meeting: Meeting, actor: User) -> Event:
    data = {
        "resolution": resolution.pk, "passed": resolution.passed, "note": resolution.text[:100],
        "votes": [resolution.votes_for, resolution.votes_against, resolution.votes_abstain],
    }  # fmt: skip
    return _meeting_event("resolution_recorded", meeting=meeting, actor=actor, data=data)


def followup_added_event(*, resolution: Resolution, meeting: Meeting, actor: User, case_id: int, number: str) -> Event:
    data = {"resolution": resolution.pk, "case": case_id, "note": number}
    return _meeting_event("followup_added", meeting=meeting, actor=actor, data=data)


def published_event(*, meeting: Meeting, actor: User) -> Event:
    return _meeting_event("published", meeting=meeting, actor=actor)
