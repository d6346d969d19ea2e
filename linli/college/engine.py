"""The college on the participation engine: a course is an offering ("college.course") whose
sessions are child offerings ("college.session"). People register once, on the course (its cap
and waitlist are the engine's), and attend each session (the engine's attendance rows)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from linli.college.models import Course, Session
from linli.participation import services as engine

COURSE, SESSION = "college.course", "college.session"


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _window(course: Course, sessions: list[Session]) -> tuple[dt.datetime, dt.datetime]:
    live = [s for s in sessions if s.status != Session.Status.CANCELLED] or sessions
    first = min(live, key=lambda s: (s.date, s.starts_at))
    last = max(live, key=lambda s: (s.date, s.ends_at))
    return _at(first.date, first.starts_at), _at(last.date, last.ends_at)


def course_input(course: Course, sessions: list[Session]) -> engine.OfferingInput:
    """Sign-up stays open while the course runs (a learner may join late, or leave, until the last
    session); the ages are the engine's audience rule."""
    starts, ends = _window(course, sessions)
    audience = {k: v for k, v in (("min_age", course.age_min), ("max_age", course.age_max)) if v is not None}
    return engine.OfferingInput(
        title=course.title, starts_at=starts, ends_at=ends, capacity=course.capacity, audience=audience,
        closes_at=ends, cancel_until=ends,
    )  # fmt: skip


def session_input(course: Course, session: Session) -> engine.OfferingInput:
    return engine.OfferingInput(
        title=f"{course.title} · {session.number}",
        starts_at=_at(session.date, session.starts_at),
        ends_at=_at(session.date, session.ends_at),
    )


def make_offerings(*, actor, course: Course, sessions: list[Session]) -> None:
    """The engine's rows for a new course and its sessions (in the course's transaction)."""
    course.offering = engine.offering_save(
        actor=actor, community_id=course.community_id, owner_type=COURSE, owner_id=course.pk,
        data=course_input(course, sessions),
    )  # fmt: skip
    Course.objects.in_community(course.community_id).filter(pk=course.pk).update(offering=course.offering)
    for session in sessions:
        session.offering = engine.offering_save(
            actor=actor, community_id=course.community_id, owner_type=SESSION, owner_id=session.pk,
            data=session_input(course, session), parent=course.offering,
        )  # fmt: skip
        Session.objects.in_community(course.community_id).filter(pk=session.pk).update(offering=session.offering)


def session_changed(*, actor, session: Session) -> None:
    """A moved session: its offering's hours, and the course's window if it was the first or last."""
    course = session.course
    engine.offering_save(
        actor=actor, community_id=course.community_id, owner_type=SESSION, owner_id=session.pk,
        data=session_input(course, session), offering=session.offering,
    )  # fmt: skip
    course_changed(actor=actor, course=course)


def course_changed(*, actor, course: Course) -> None:
    sessions = list(Session.objects.in_community(course.community_id).filter(course=course))
    engine.offering_save(
        actor=actor, community_id=course.community_id, owner_type=COURSE, owner_id=course.pk,
        data=course_input(course, sessions), offering=course.offering,
    )  # fmt: skip


def session_cancelled(*, actor, session: Session) -> None:
    engine.offering_cancel(actor=actor, offering=session.offering)


def offering_of(row: Course | Session):
    """The engine's row of a course or a session (every one has it since migration 0004)."""
    offering = row.offering
    if offering is None:
        raise LookupError(f"{row._meta.label} {row.pk} has no offering")
    return offering
