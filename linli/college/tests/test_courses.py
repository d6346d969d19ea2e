"""Courses on China's calendar: the weekly rule skips 国庆 and keeps its count, bad rules are refused
with a message that names the problem, a session is never moved onto a holiday or onto another
session of the same lecturer or room, and a refused change changes nothing."""

import datetime as dt

import pytest

from linli.college import services
from linli.college.models import Course, Lecturer, Session, Term
from linli.core.errors import PermissionDeniedError


@pytest.fixture
def term(world):
    return Term.objects.create(
        community=world.a, name="2026年秋季学期", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 12, 31)
    )


@pytest.fixture
def lecturer(world):
    return Lecturer.objects.create(community=world.a, name="冯淑贞", subjects=["太极拳"])


def _input(term, lecturer, **changes):
    data = dict(
        term_id=term.pk, title="太极拳入门", subject="太极拳", lecturer_id=lecturer.pk, venue="社区广场",
        capacity=30, weekday=1, starts_at=dt.time(19), ends_at=dt.time(20, 30), sessions_planned=12,
        first_date=dt.date(2026, 9, 1),
    )  # fmt: skip
    data.update(changes)
    return services.CourseInput(**data)


def test_a_term_course_on_tuesdays_skips_national_day_and_keeps_twelve_sessions(world, term, lecturer):
    course = services.create_course(actor=world.user("worker"), community_id=world.a.pk, data=_input(term, lecturer))
    dates = list(Session.objects.in_community(world.a).filter(course=course).values_list("date", flat=True))
    assert len(dates) == 12 and dt.date(2026, 10, 6) not in dates
    assert dates[-1] == dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"sessions_planned": 0}, "sessions_planned", "0周"),
        ({"ends_at": dt.time(18)}, "ends_at", "下课时间"),
        ({"first_date": dt.date(2027, 1, 5)}, "first_date", "不在"),
        ({"capacity": 0}, "capacity", "名额"),
        ({"weekday": None}, "weekday", "每周"),
        ({"age_min": 70, "age_max": 60}, "age_max", "年龄"),
    ],
)
def test_bad_rules_are_refused_with_the_problem_named_and_nothing_saved(world, term, lecturer, changes, field, words):
    with pytest.raises(services.CollegeError) as refused:
        services.create_course(
            actor=world.user("worker"), community_id=world.a.pk, data=_input(term, lecturer, **changes)
        )
    assert refused.value.field == field and words in str(refused.value.message)
    assert not Course.objects.in_community(world.a).exists() and not Session.objects.in_community(world.a).exists()


def test_only_staff_open_courses(world, term, lecturer):
    with pytest.raises(PermissionDeniedError):
        services.create_course(actor=world.user("resident"), community_id=world.a.pk, data=_input(term, lecturer))
    assert not Course.objects.in_community(world.a).exists()


def _course(world, term, lecturer, **changes):
    return services.create_course(
        actor=world.user("worker"), community_id=world.a.pk, data=_input(term, lecturer, **changes)
    )


def test_a_session_is_not_moved_onto_a_holiday_nor_onto_its_lecturers_other_session(world, term, lecturer):
    tuesday = _course(world, term, lecturer)
    _course(world, term, lecturer, title="太极拳提高", weekday=3, venue="活动室")  # Thursdays, same lecturer
    first = Session.objects.in_community(world.a).get(course=tuesday, number=1)
    worker = world.user("worker")
    with pytest.raises(services.CollegeError) as holiday:
        services.move_session(actor=worker, session=first, date=dt.date(2026, 10, 2), starts_at=dt.time(19),
                              ends_at=dt.time(20))  # fmt: skip
    assert holiday.value.code == "holiday"
    with pytest.raises(services.CollegeError) as clash:
        services.move_session(actor=worker, session=first, date=dt.date(2026, 9, 3), starts_at=dt.time(19, 30),
                              ends_at=dt.time(20, 30))  # fmt: skip
    assert clash.value.code == "clash" and "太极拳提高" in str(clash.value.message)
    first.refresh_from_db()
    assert first.date == dt.date(2026, 9, 1) and first.moved_from is None
    moved = services.move_session(actor=worker, session=first, date=dt.date(2026, 9, 2), starts_at=dt.time(19),
                                  ends_at=dt.time(20, 30))  # fmt: skip
    assert moved.date == dt.date(2026, 9, 2) and moved.moved_from == dt.date(2026, 9, 1)


def test_a_cancelled_session_needs_its_reason(world, term, lecturer):
    session = Session.objects.in_community(world.a).get(course=_course(world, term, lecturer), number=2)
    with pytest.raises(services.CollegeError):
        services.cancel_session(actor=world.user("worker"), session=session, reason=" ")
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED
    services.cancel_session(actor=world.user("worker"), session=session, reason="讲师生病")
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED and session.note == "讲师生病"


def test_the_course_list_stays_within_its_budget_however_many_courses(world, term, lecturer, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    worker = world.user("worker")
    services.create_course(actor=worker, community_id=world.a.pk, data=_input(term, lecturer))
    client.force_login(worker)
    client.get("/college/")  # the session and the caches warm
    with CaptureQueriesContext(connection) as one:
        page = client.get("/college/").content.decode()
    for day in (2, 3, 4):  # Wednesday to Friday, each with a lecturer of its own
        other = Lecturer.objects.create(community=world.a, name=f"讲师{day}", subjects=["书法"])
        data = _input(term, other, title=f"书法{day}班", subject="书法", weekday=day, first_date=dt.date(2026, 9, day))
        services.create_course(actor=worker, community_id=world.a.pk, data=data)
    with CaptureQueriesContext(connection) as four:
        more = client.get("/college/").content.decode()
    assert "太极拳入门" in page and all(f"书法{day}班" in more for day in (2, 3, 4))
    assert len(four) == len(one) <= 8, [q["sql"][:120] for q in four.captured_queries]
