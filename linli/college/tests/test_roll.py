"""The roll: a tap marks a learner present once however often it is tapped, unmarks him, refuses
someone not enrolled (a walk-in is added as such), a session before its day, and anyone but the
lecturer and staff; the roll page's queries do not grow with the learners."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.college import engine, services
from linli.college.models import Course, Lecturer, Session, Term
from linli.college.services import enrolment
from linli.core.errors import DomainError, PermissionDeniedError
from linli.participation import selectors as participation_selectors
from linli.people.models import Resident


def _session(world, when=None, capacity=50):
    today = timezone.localdate()
    when = when or today
    term = Term.objects.create(community=world.a, name="学期", starts_on=today - dt.timedelta(days=60),
                               ends_on=today + dt.timedelta(days=60))  # fmt: skip
    lecturer = Lecturer.objects.create(community=world.a, name="讲师", subjects=["太极拳"], user=world.user("building"))
    start, end = dt.time(0, 1), dt.time(23, 59)  # staff may still sign people up while it runs
    course = Course.objects.create(
        community=world.a, term=term, title="太极拳", subject="太极拳", lecturer=lecturer, venue="广场",
        capacity=capacity, weekday=when.weekday(), starts_at=start, ends_at=end, sessions_planned=1, first_date=when,
    )  # fmt: skip
    session = Session.objects.create(community=world.a, course=course, number=1, date=when, starts_at=start,
                                     ends_at=end)  # fmt: skip
    engine.make_offerings(actor=None, course=course, sessions=[session])
    return session


def _present(session) -> set[int]:
    return participation_selectors.present_resident_ids(session.offering)


def _learners(world, session, n):
    people = [Resident.objects.create(community=world.a, name=f"学员{i}", dwelling=world.dwelling1) for i in range(n)]
    for person in people:
        enrolment.enrol(actor=world.user("worker"), course=session.course, resident=person)
    return people


def test_a_double_tap_counts_once_and_a_second_tap_unmarks(world):
    session = _session(world)
    person = _learners(world, session, 1)[0]
    lecturer = world.user("building")  # the course's lecturer is this account
    for _ in range(2):
        services.mark(actor=lecturer, session=session, resident_id=person.pk, present=True)
    assert _present(session) == {person.pk}
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    services.mark(actor=lecturer, session=session, resident_id=person.pk, present=False)
    assert _present(session) == set()


def test_the_roll_refuses_the_unenrolled_a_day_to_come_and_other_people(world):
    session = _session(world)
    with pytest.raises(DomainError, match="现场加入"):  # the engine's refusals
        services.mark(actor=world.user("worker"), session=session, resident_id=world.zhang.pk, present=True)
    services.mark(actor=world.user("worker"), session=session, resident_id=world.zhang.pk, present=True, walk_in=True)
    later = _session(world, when=timezone.localdate() + dt.timedelta(days=7))
    person = _learners(world, later, 1)[0]
    with pytest.raises(DomainError, match="还没到"):
        services.mark(actor=world.user("worker"), session=later, resident_id=person.pk, present=True)
    with pytest.raises(PermissionDeniedError):
        services.mark(actor=world.user("grid1"), session=session, resident_id=world.zhang.pk, present=True)
    assert _present(session) == {world.zhang.pk} and _present(later) == set()


def test_the_roll_page_queries_do_not_grow_with_the_learners(world, client):
    client.force_login(world.user("building"))
    counts = []
    for n in (5, 40):
        session = _session(world)
        _learners(world, session, n)
        url = reverse("college:roll", args=[session.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and response.content.decode().count('name="resident"') == n
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12, counts


def test_the_year_figures_count_person_times_learners_and_subjects(world):
    from linli.college import selectors

    session = _session(world)
    people = _learners(world, session, 3)
    for person in people[:2]:
        services.mark(actor=world.user("worker"), session=session, resident_id=person.pk, present=True)
    figures = selectors.year_figures([world.a.pk], session.date.year)
    assert (figures["sessions"], figures["person_times"], figures["learners"]) == (1, 2, 2)
    assert figures["by_subject"] == [{"subject": "太极拳", "sessions": 1, "times": 2, "learners": 2}]


def _registration(session, person):
    return session.course.offering.registrations.get(resident=person)


def test_a_learners_code_scanned_at_the_door_marks_him_present_once(world, client):
    session = _session(world)
    person = _learners(world, session, 1)[0]
    code = participation_selectors.code_of(_registration(session, person))
    lecturer = world.user("building")
    assert services.check_in_code(actor=lecturer, session=session, code=code) == (person.name, True)
    assert services.check_in_code(actor=lecturer, session=session, code=f" {code} ") == (person.name, False)
    assert _present(session) == {person.pk}
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    client.force_login(lecturer)
    page = client.get(reverse("college:roll", args=[session.pk]))
    assert 'id="scan-start"' in page.content.decode() and "camera=(self)" in page["Permissions-Policy"]


def test_a_code_of_another_course_or_from_someone_not_running_the_roll_is_refused_and_writes_nothing(world, client):
    session, other = _session(world), _session(world)
    person = _learners(world, other, 1)[0]
    code = participation_selectors.code_of(_registration(other, person))
    with pytest.raises(DomainError, match="太极拳"):
        services.check_in_code(actor=world.user("building"), session=session, code=code)
    with pytest.raises(DomainError, match="不是邻里的签到码"):
        services.check_in_code(actor=world.user("building"), session=session, code="abc")
    with pytest.raises(PermissionDeniedError):
        services.check_in_code(actor=world.user("grid1"), session=other, code=code)
    assert _present(session) == set() and _present(other) == set()
    client.force_login(world.user("building"))
    answer = client.post(reverse("college:roll_check_in", args=[session.pk]), {"code": code}, follow=True)
    assert "太极拳" in answer.content.decode() and _present(session) == set()
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED


def test_the_learner_sees_his_own_code_and_nobody_elses(world, client):
    session = _session(world)
    enrolment.enrol(actor=world.user("worker"), course=session.course, resident=world.wang)
    mine = _registration(session, world.wang)
    other = _registration(session, _learners(world, session, 1)[0])
    client.force_login(world.user("resident"))
    page = client.get(reverse("college:my_code", args=[mine.pk]))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert participation_selectors.code_of(mine) in page.content.decode()
    assert client.get(reverse("college:my_code", args=[other.pk])).status_code == 404
    link = reverse("college:my_code", args=[mine.pk])
    assert f'href="{link}"' in client.get(reverse("college:my_courses")).content.decode()
