"""Enrolment: a cap and a waitlist in order; a cancellation promotes the first waiting and tells
him; refusals (twice, outside the age rule, another community, another's child) name the problem
and change nothing; under concurrent sign-ups exactly `capacity` are confirmed (both databases)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from linli.college.models import Course, Enrolment, Lecturer, Term
from linli.college.services import enrolment
from linli.core.errors import PermissionDeniedError
from linli.core.tests.world import UserFactory
from linli.people.models import Resident


def _course(world, **changes):
    today = dt.date.today()
    term = Term.objects.create(community=world.a, name="学期", starts_on=today, ends_on=today + dt.timedelta(days=90))
    lecturer = Lecturer.objects.create(community=world.a, name="讲师", subjects=["书法"])
    fields = dict(
        community=world.a, term=term, title="书法班", subject="书法", lecturer=lecturer, venue="活动室", capacity=1,
        weekday=1, starts_at=dt.time(19), ends_at=dt.time(20), sessions_planned=12, first_date=today,
    )  # fmt: skip
    fields.update(changes)
    return Course.objects.create(**fields)


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
    assert all(r.by_staff for r in rows)
    promoted = enrolment.cancel(actor=worker, enrolment=rows[0])
    assert promoted.pk == rows[2].pk
    assert enrolment.enrolled_counts(world.a.pk, [course.pk]) == {course.pk: (2, 1)}


def test_the_promoted_resident_is_told(world, django_capture_on_commit_callbacks):
    from linli.messaging.models import Message

    course = _course(world, capacity=1)
    worker = world.user("worker")
    first = enrolment.enrol(actor=worker, course=course, resident=_residents(world, 1)[0])
    waiting = enrolment.enrol(actor=world.user("resident"), course=course, resident=world.wang)
    assert waiting.status == "waitlisted" and not waiting.by_staff
    with django_capture_on_commit_callbacks(execute=True):
        enrolment.cancel(actor=worker, enrolment=first)
    assert Message.objects.filter(recipient=world.user("resident"), kind="college_promoted").count() == 1


def test_refusals_name_the_problem_and_change_nothing(world):
    course = _course(world, capacity=5, age_min=6, age_max=14)
    with pytest.raises(enrolment.CollegeError, match="6–14岁"):
        enrolment.enrol(actor=world.user("resident"), course=course, resident=world.wang)
    plain = _course(world, capacity=5)
    enrolment.enrol(actor=world.user("resident"), course=plain, resident=world.wang)
    with pytest.raises(enrolment.CollegeError, match="已经报过"):
        enrolment.enrol(actor=world.user("resident"), course=plain, resident=world.wang)
    with pytest.raises(PermissionDeniedError):
        enrolment.enrol(actor=world.user("resident"), course=plain, resident=world.zhang)  # not his child
    with pytest.raises(enrolment.CollegeError, match="本社区"):
        enrolment.enrol(actor=world.user("outsider"), course=plain, resident=world.outsider_resident)
    assert Enrolment.objects.in_community(world.a).count() == 1


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
    statuses = list(Enrolment.objects.in_community(world.a).filter(course=course).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * 3 + ["waitlisted"] * 5
