"""The college's part of the role walk (linli/console/tests/test_role_walk.py): who may use each
page, and the objects its pages are walked with (made once per test world, in community A)."""

import datetime as dt

from django.utils import timezone

from linli.core.tests.walk_roles import EVERYONE, FULL

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "college:home": ("get", FULL),
    "college:course_create": ("get", FULL),
    "college:course_detail": ("get", FULL),
    "college:course_enrol": ("post", FULL | {"resident"}),
    "college:certificate": ("get", FULL),
    "college:session_move": ("post", FULL),
    "college:session_cancel": ("post", FULL),
    "college:roll": ("get", FULL),
    "college:roll_mark": ("post", FULL),
    "college:roll_walk_in": ("post", FULL),
    "college:roll_check_in": ("post", FULL),
    "college:term_create": ("post", FULL),
    "college:lecturer_list": ("get", FULL),
    "college:lecturer_create": ("get", FULL),
    "college:lecturer_edit": ("get", FULL),
    "college:resource_list": ("get", FULL),
    "college:figures": ("get", FULL),
    "college:my_courses": ("get", EVERYONE),
    "college:my_code": ("get", FULL | {"resident"}),
}


def _college(world):
    """A term, a lecturer and a course of community A with a session today, made once per world."""
    made = getattr(world, "_college", None)
    if made is not None:
        return made
    from linli.college.models import Course, Lecturer, Session, Term

    today = timezone.localdate()
    term = Term.objects.create(
        community=world.a, name="学期", starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=60)
    )
    lecturer = Lecturer.objects.create(community=world.a, name="讲师", subjects=["书法"])
    course = Course.objects.create(
        community=world.a, term=term, title="书法班", subject="书法", lecturer=lecturer, venue="活动室", capacity=20,
        weekday=today.weekday(), starts_at=dt.time(9), ends_at=dt.time(10), sessions_planned=1, first_date=today,
    )  # fmt: skip
    session = Session.objects.create(
        community=world.a, course=course, number=1, date=today, starts_at=dt.time(9), ends_at=dt.time(10)
    )
    from linli.college import engine
    from linli.participation import bulk

    engine.make_offerings(actor=None, course=course, sessions=[session])
    bulk.registrations_bulk(offering=course.offering, resident_ids=[world.wang.pk], by=None)
    from linli.participation.models import Registration

    registration = Registration.objects.in_community(world.a).get(offering=course.offering, resident=world.wang).pk
    world._college = made = {"course": course, "session": session, "lecturer": lecturer, "registration": registration}
    return made


def objects(world) -> dict:
    college = _college(world)
    course, session = college["course"].pk, college["session"].pk
    return {
        "college:course_detail": {"pk": course},
        "college:course_enrol": {"pk": course},
        "college:certificate": {"pk": course, "resident_id": world.wang.pk},
        "college:session_move": {"pk": session},
        "college:session_cancel": {"pk": session},
        "college:roll": {"pk": session},
        "college:roll_mark": {"pk": session},
        "college:roll_walk_in": {"pk": session},
        "college:roll_check_in": {"pk": session},
        "college:my_code": {"pk": college["registration"]},
        "college:lecturer_edit": {"pk": college["lecturer"].pk},
    }
