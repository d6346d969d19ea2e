"""Enrolment: a cap and a waitlist in order; a cancellation promotes the first waiting and tells
him; refusals (twice, outside the age rule, another community, another's child) name the problem
and change nothing; under concurrent sign-ups exactly `capacity` are confirmed (both databases)."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from linli.college import services
from linli.college.models import Lecturer, Term
from linli.college.services import enrolment
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.tests.world import UserFactory
from linli.participation import selectors as participation_selectors
from linli.people.models import Resident


def _course(world, **changes):
    """A course made as the desk makes it (its offering and sessions on the engine), starting tomorrow."""
    today = timezone.localdate()
    term = Term.objects.create(community=world.a, name="学期", starts_on=today, ends_on=today + dt.timedelta(days=120))
    lecturer = Lecturer.objects.create(community=world.a, name="讲师", subjects=["书法"])
    day = today + dt.timedelta(days=1)
    data = services.CourseInput(
        term_id=term.pk, title="书法班", subject="书法", lecturer_id=lecturer.pk, venue="活动室", capacity=1,
        weekday=day.weekday(), starts_at=dt.time(19), ends_at=dt.time(20), sessions_planned=12, first_date=day,
    )  # fmt: skip
    for name, value in changes.items():
        setattr(data, name, value)
    return services.create_course(actor=world.user("secretary"), community_id=world.a.pk, data=data)


def _registrations(course):
    return participation_selectors.registrations_for(course.offering)


def _residents(world, n):
    dwelling = world.dwelling1
    return [
        Resident.objects.create(community=world.a, name=f"学员{i}", dwelling=dwelling, birth_date=dt.date(1960, 1, 1))
        for i in range(n)
    ]


def test_the_cap_then_the_waitlist_in_order_and_a_cancellation_promotes_the_first(world):
    course = _course(world, capacity=2)
    worker = world.user("worker")
    rows = [enrolment.enrol(actor=worker, course=course, resident=r) for r in _residents(world, 4)]
    assert [r.status for r in rows] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert all(r.on_behalf for r in rows)
    promoted = enrolment.cancel(actor=worker, registration=rows[0])
    assert promoted.pk == rows[2].pk
    assert enrolment.enrolled_counts(world.a.pk, [course.pk]) == {course.pk: (2, 1)}


def test_the_promoted_resident_is_told(world, django_capture_on_commit_callbacks):
    from linli.messaging.models import Message

    course = _course(world, capacity=1)
    worker = world.user("worker")
    first = enrolment.enrol(actor=worker, course=course, resident=_residents(world, 1)[0])
    waiting = enrolment.enrol(actor=world.user("resident"), course=course, resident=world.wang)
    assert waiting.status == "waitlisted" and not waiting.on_behalf
    with django_capture_on_commit_callbacks(execute=True):
        enrolment.cancel(actor=worker, registration=first)
    assert Message.objects.filter(recipient=world.user("resident"), kind="participation_promoted").count() == 1


def test_refusals_name_the_problem_and_change_nothing(world):
    course = _course(world, capacity=5, age_min=6, age_max=14)
    with pytest.raises(enrolment.CollegeError, match="6–14岁"):
        enrolment.enrol(actor=world.user("resident"), course=course, resident=world.wang)
    plain = _course(world, capacity=5)
    enrolment.enrol(actor=world.user("resident"), course=plain, resident=world.wang)
    with pytest.raises(DomainError, match="已经报过"):  # the engine's refusal
        enrolment.enrol(actor=world.user("resident"), course=plain, resident=world.wang)
    with pytest.raises(PermissionDeniedError):
        enrolment.enrol(actor=world.user("resident"), course=plain, resident=world.zhang)  # not his child
    with pytest.raises(enrolment.CollegeError, match="本社区"):
        enrolment.enrol(actor=world.user("outsider"), course=plain, resident=world.outsider_resident)
    assert _registrations(plain).count() == 1 and not _registrations(course).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_confirm_exactly_the_capacity():
    from linli.core.tests.world import build_world

    world = build_world()
    course = _course(world, capacity=3)
    people = _residents(world, 8)
    users = []
    for person in people:
        person.user = UserFactory(username=f"learner{person.pk}")
        person.save(update_fields=["user"])
        users.append(person.user)
    barrier = threading.Barrier(len(people))
    errors = []

    def sign_up(user, person):
        try:
            barrier.wait(timeout=20)
            enrolment.enrol(actor=user, course=course, resident=person)
        except Exception as exc:  # noqa: BLE001 - the test reports any failure below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=pair) for pair in zip(users, people, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    statuses = list(_registrations(course).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * 3 + ["waitlisted"] * 5


def _begun(course, sessions_past: int) -> None:
    """Move the course's start and its first `sessions_past` sessions into the past (a running course)."""
    from linli.college.models import Session
    from linli.participation.models import Offering

    past = timezone.now() - dt.timedelta(days=1)
    Offering.objects.unscoped().filter(pk=course.offering_id).update(starts_at=past)
    sessions = Session.objects.unscoped().filter(course=course).order_by("number")
    ids = [s.offering_id for s in sessions[:sessions_past]]
    Offering.objects.unscoped().filter(pk__in=ids).update(starts_at=past, ends_at=past + dt.timedelta(hours=1))


def test_a_place_freed_in_a_running_course_is_filled_while_the_next_can_still_complete_it(world):
    """12 sessions at 80 %: two may be missed, so a place freed before the third session goes to the
    first waiting; freed after the third has begun, nobody is promoted and the waitlist stays."""
    course = _course(world, capacity=1)
    worker = world.user("worker")
    rows = [enrolment.enrol(actor=worker, course=course, resident=r) for r in _residents(world, 3)]
    _begun(course, sessions_past=2)
    assert enrolment.join_deadline(course) > timezone.now()
    promoted = enrolment.cancel(actor=worker, registration=rows[0])
    assert promoted is not None and promoted.pk == rows[1].pk
    _begun(course, sessions_past=3)
    assert enrolment.join_deadline(course) < timezone.now()
    assert enrolment.cancel(actor=worker, registration=promoted) is None
    statuses = [r.status for r in _registrations(course)]
    assert statuses == ["cancelled", "cancelled", "waitlisted"]
    assert enrolment.enrolled_counts(world.a.pk, [course.pk]) == {course.pk: (0, 1)}
