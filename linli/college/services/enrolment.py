"""Enrolment in a course, on the participation engine: the course's offering has the cap and the
waitlist (places never oversold: the engine locks the offering's row), a cancellation promotes the
first waiting and tells him (the engine's notice). The college adds what is its own: a course that
is done or cancelled takes nobody, and its age rule is worded as a course's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.college.engine import COURSE, offering_of
from linli.college.models import Course, Session
from linli.college.services.common import CollegeError
from linli.participation import selectors as engine_reads
from linli.participation import services as engine
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LIVE = ("confirmed", "waitlisted")
CONFIRMED = "confirmed"


def _age(resident: Resident, on) -> int | None:
    birth = resident.birth_date
    return None if birth is None else on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def enrol(*, actor: User, course: Course, resident: Resident):
    """A place (or a place on the waitlist) in the course: the engine's Registration."""
    if resident.community_id != course.community_id:
        raise CollegeError(_("只能报名本社区的课程。"), code="community")
    if course.status not in (Course.Status.OPEN, Course.Status.RUNNING):
        raise CollegeError(_("这门课已%(s)s，不能报名。") % {"s": course.get_status_display()}, code="closed")
    on = timezone.localdate(offering_of(course).starts_at)
    age = _age(resident, on)
    if (course.age_min is not None or course.age_max is not None) and age is None:
        raise CollegeError(_("这门课有年龄要求，%(name)s的出生日期未登记。") % {"name": resident.name}, code="age")
    if age is not None and (
        (course.age_min is not None and age < course.age_min) or (course.age_max is not None and age > course.age_max)
    ):
        raise CollegeError(
            _("这门课面向%(low)s–%(high)s岁的居民，%(name)s%(age)d岁。")
            % {"low": course.age_min or 0, "high": course.age_max or "", "name": resident.name, "age": age},
            code="age",
        )
    return engine.register(actor=actor, offering=offering_of(course), resident=resident)


def join_deadline(course: Course):
    """Until when a place freed in a running course goes to the first waiting: the start of the last
    session a late joiner may still miss and complete the course (12 sessions at 80 %: two may be
    missed, so until the third begins). None before the sessions are laid out."""
    missable = course.sessions_planned * (100 - course.completion_percent) // 100
    sessions = Session.objects.in_community(course.community_id).filter(course=course, offering__isnull=False)
    held = sessions.exclude(status=Session.Status.CANCELLED).select_related("offering").order_by("number")
    session = next(iter(held[missable : missable + 1]), None)
    return session.offering.starts_at if session is not None and session.offering is not None else None


def cancel(*, actor: User, registration):
    """Cancel a place; returns the registration promoted from the waitlist, if any (also once the
    course has begun, while the one promoted can still complete it: join_deadline)."""
    course = Course.objects.in_community(registration.community_id).filter(offering_id=registration.offering_id).first()
    until = join_deadline(course) if course is not None else None
    promoted = engine.cancel(actor=actor, registration=registration, promote_until=until)
    return promoted[0] if promoted else None


def live_registration(course: Course, resident: Resident):
    rows = engine_reads.registrations_for(offering_of(course), LIVE).filter(resident=resident)
    return rows.select_related("offering").first()


def enrolled_resident_ids(course: Course, include_done: bool = False) -> set[int]:
    """Those with a place (and, with `include_done`, those whose place was used: attended or not)."""
    statuses = (CONFIRMED, "attended", "no_show") if include_done else (CONFIRMED,)
    return set(engine_reads.registrations_for(offering_of(course), statuses).values_list("resident_id", flat=True))


def enrolled_learners(course: Course) -> list[Resident]:
    return sorted(
        (r.resident for r in engine_reads.registrations_for(offering_of(course), (CONFIRMED,))),
        key=lambda r: (r.name, r.pk),
    )


def enrolled_counts(community_id: int, course_ids: list[int]) -> dict[int, tuple[int, int]]:
    """course -> (confirmed, waitlisted), in one grouped read."""
    return engine_reads.live_counts_by_owner(community_id, COURSE, course_ids)


def course_enrolment(course: Course) -> dict:
    rows = list(engine_reads.registrations_for(offering_of(course), LIVE))
    return {
        "confirmed": [r for r in rows if r.status == CONFIRMED],
        "waitlisted": [r for r in rows if r.status != CONFIRMED],
    }


def tell_enrolled(session: Session, kind: str) -> None:
    """Everyone with a place in the course hears of a moved or cancelled session."""
    course = session.course
    rows = engine_reads.registrations_for(offering_of(course), (CONFIRMED,)).filter(resident__user__isnull=False)
    users = list(rows.values_list("resident__user_id", flat=True))
    context = {
        "course": course.title, "number": session.number, "date": session.date.isoformat(),
        "time": session.starts_at.strftime("%H:%M"), "venue": course.venue, "reason": session.note,
    }  # fmt: skip
    code = {"session_moved": "college_session_moved", "session_cancelled": "college_session_cancelled"}[kind]
    if users:
        from linli.messaging.services import notify_many

        transaction.on_commit(lambda: notify_many(users, code, context))
