"""Enrolment in a course: a cap and a waitlist in order of asking. Places are never oversold: the
course row is locked while its places are counted (SELECT … FOR UPDATE on PostgreSQL; SQLite's
IMMEDIATE transactions serialise writers), so under concurrent requests exactly `capacity` are
confirmed. A cancellation promotes the first on the waitlist and tells him (messaging.notify)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.college.models import Course, Enrolment, Session
from linli.college.permissions import MANAGE_COLLEGE
from linli.college.services.common import CollegeError
from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.people.models import HouseholdMember, Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LIVE = (Enrolment.Status.CONFIRMED, Enrolment.Status.WAITLISTED)


def _age(resident: Resident, on) -> int | None:
    birth = resident.birth_date
    return None if birth is None else on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _may_enrol_for(actor: User, resident: Resident) -> bool:
    """Staff of the community; the resident himself; the head of his household for a minor."""
    if scope_for(actor).has(MANAGE_COLLEGE, resident.community_id) or resident.user_id == actor.pk:
        return True
    heads = HouseholdMember.objects.in_community(resident.community_id).filter(
        resident__user_id=actor.pk, left_date__isnull=True, relation="head"
    )  # fmt: skip
    age = _age(resident, timezone.localdate())
    return (
        age is not None
        and age < 18
        and HouseholdMember.objects.in_community(resident.community_id)
        .filter(resident=resident, left_date__isnull=True, household_id__in=heads.values("household_id"))
        .exists()
    )


def enrol(*, actor: User, course: Course, resident: Resident) -> Enrolment:
    if resident.community_id != course.community_id:
        raise CollegeError(_("只能报名本社区的课程。"), code="community")
    if not _may_enrol_for(actor, resident):
        raise PermissionDeniedError(_("只能为自己或家中未成年的孩子报名。"))
    if course.status not in (Course.Status.OPEN, Course.Status.RUNNING):
        raise CollegeError(_("这门课已%(s)s，不能报名。") % {"s": course.get_status_display()}, code="closed")
    age = _age(resident, timezone.localdate())
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
    by_staff = resident.user_id != actor.pk and scope_for(actor).has(MANAGE_COLLEGE, course.community_id)
    with transaction.atomic():
        locked = Course.objects.in_community(course.community_id).select_for_update().get(pk=course.pk)
        rows = Enrolment.objects.in_community(course.community_id).filter(course=locked)
        if rows.filter(resident=resident, status__in=LIVE).exists():
            raise CollegeError(_("%(name)s已经报过这门课了。") % {"name": resident.name}, code="twice")
        confirmed = rows.filter(status=Enrolment.Status.CONFIRMED).count()
        status = Enrolment.Status.CONFIRMED if confirmed < locked.capacity else Enrolment.Status.WAITLISTED
        try:
            with transaction.atomic():
                return Enrolment.objects.create(
                    community_id=course.community_id, course=locked, resident=resident, status=status, by=actor,
                    by_staff=by_staff,
                )  # fmt: skip
        except IntegrityError as error:
            raise CollegeError(_("%(name)s已经报过这门课了。") % {"name": resident.name}, code="twice") from error


def cancel(*, actor: User, enrolment: Enrolment) -> Enrolment | None:
    """Cancel a place; returns the enrolment promoted from the waitlist, if any."""
    if not _may_enrol_for(actor, enrolment.resident):
        raise PermissionDeniedError(_("只能取消自己或家中孩子的报名。"))
    with transaction.atomic():
        course = Course.objects.in_community(enrolment.community_id).select_for_update().get(pk=enrolment.course_id)
        row = Enrolment.objects.in_community(enrolment.community_id).select_for_update().get(pk=enrolment.pk)
        if row.status == Enrolment.Status.CANCELLED:
            raise CollegeError(_("这个报名已经取消了。"), code="cancelled")
        was_confirmed = row.status == Enrolment.Status.CONFIRMED
        row.status, row.cancelled_at = Enrolment.Status.CANCELLED, timezone.now()
        row.save(update_fields=["status", "cancelled_at"])
        if not was_confirmed:
            return None
        first = (
            Enrolment.objects.in_community(course.community_id)
            .filter(course=course, status=Enrolment.Status.WAITLISTED)
            .order_by("asked_at", "pk")
            .select_related("resident")
            .first()
        )
        if first is None:
            return None
        first.status = Enrolment.Status.CONFIRMED
        first.save(update_fields=["status"])
        _tell(first.resident.user, "college_promoted", {"course": course.title})
        return first


def _tell(user, kind: str, context: dict) -> None:
    if user is None:
        return
    from linli.messaging.services import notify

    transaction.on_commit(lambda: notify(user, kind, context))


def enrolled_resident_ids(course: Course, include_done: bool = False) -> set[int]:
    statuses = [Enrolment.Status.CONFIRMED]
    return set(
        Enrolment.objects.in_community(course.community_id)
        .filter(course=course, status__in=statuses)
        .values_list("resident_id", flat=True)
    )


def enrolled_learners(course: Course) -> list[Resident]:
    ids = Enrolment.objects.in_community(course.community_id).filter(course=course, status=Enrolment.Status.CONFIRMED)
    return list(
        Resident.objects.in_community(course.community_id)
        .filter(pk__in=ids.values("resident_id"))
        .only("pk", "name", "community_id")
        .order_by("name", "pk")
    )


def enrolled_counts(community_id: int, course_ids: list[int]) -> dict[int, tuple[int, int]]:
    """course -> (confirmed, waitlisted), in one grouped read."""
    out: dict[int, tuple[int, int]] = {}
    rows = (
        Enrolment.objects.in_community(community_id)
        .filter(course_id__in=course_ids, status__in=LIVE)
        .values("course_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Enrolment.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Enrolment.Status.WAITLISTED)),
        )
    )
    for row in rows:
        out[row["course_id"]] = (row["confirmed"], row["waiting"])
    return out


def course_enrolment(course: Course) -> dict:
    rows = list(
        Enrolment.objects.in_community(course.community_id)
        .filter(course=course, status__in=LIVE)
        .select_related("resident")
        .order_by("asked_at", "pk")
    )
    return {
        "confirmed": [r for r in rows if r.status == Enrolment.Status.CONFIRMED],
        "waitlisted": [r for r in rows if r.status == Enrolment.Status.WAITLISTED],
    }


def attendance_counts(course: Course, sessions) -> dict[int, int]:
    from linli.college.selectors import session_counts

    return session_counts(course)


def tell_enrolled(session: Session, kind: str) -> None:
    """Everyone with a place in the course hears of a moved or cancelled session."""
    from django.contrib.auth import get_user_model

    course = session.course
    users = list(
        get_user_model().objects.filter(
            pk__in=Enrolment.objects.in_community(course.community_id)
            .filter(course=course, status=Enrolment.Status.CONFIRMED, resident__user__isnull=False)
            .values("resident__user_id")
        )
    )
    context = {
        "course": course.title, "number": session.number, "date": session.date.isoformat(),
        "time": session.starts_at.strftime("%H:%M"), "venue": course.venue, "reason": session.note,
    }  # fmt: skip
    code = {"session_moved": "college_session_moved", "session_cancelled": "college_session_cancelled"}[kind]
    if users:
        from linli.messaging.services import notify_many

        transaction.on_commit(lambda: notify_many(users, code, context))


def seed_enrolment(course: Course, resident_ids: list[int], *, by) -> None:
    """The demo's enrolments, in bulk: the first `capacity` confirmed, the rest waitlisted."""
    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                community_id=course.community_id,
                course=course,
                resident_id=rid,
                by=by,
                by_staff=True,
                asked_at=now,
                status=Enrolment.Status.CONFIRMED if i < course.capacity else Enrolment.Status.WAITLISTED,
            )  # fmt: skip
            for i, rid in enumerate(resident_ids)
        ]
    )
