"""The college's own enrolments and roll (before migration 0004) come onto the participation engine
whole: a course's waitlist keeps its order, every roll tick becomes one attendance, walk-ins stay
walk-ins, and nothing is left behind (both databases)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("college", "0003_engine")]
AFTER = None  # the newest migrations (0004 and 0005 move the rows; later ones must find the models current)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_enrolments_and_ticks_become_the_engines_rows():
    from linli.core.tests.world import build_world
    from linli.people.models import Resident

    world = build_world()
    walker = Resident.objects.create(community=world.a, name="李四", dwelling=world.dwelling1)
    apps = _migrate(BEFORE)
    try:
        course_model, session_model = apps.get_model("college", "Course"), apps.get_model("college", "Session")
        term = apps.get_model("college", "Term")._base_manager.create(
            community_id=world.a.pk, name="秋季", starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 12, 31)
        )
        lecturer = apps.get_model("college", "Lecturer")._base_manager.create(community_id=world.a.pk, name="梁老师")
        course = course_model._base_manager.create(
            community_id=world.a.pk, term=term, title="书法班", subject="书法", lecturer=lecturer, venue="活动室",
            capacity=1, weekday=1, starts_at=dt.time(19), ends_at=dt.time(20), sessions_planned=2,
            first_date=dt.date(2026, 9, 1),
        )  # fmt: skip
        sessions = [
            session_model._base_manager.create(
                community_id=world.a.pk,
                course=course,
                number=n,
                date=day,
                starts_at=dt.time(19),
                ends_at=dt.time(20),
                status="held",
            )  # fmt: skip
            for n, day in ((1, dt.date(2026, 9, 1)), (2, dt.date(2026, 9, 8)))
        ]
        enrolment = apps.get_model("college", "Enrolment")._base_manager
        now = timezone.now()
        enrolment.create(community_id=world.a.pk, course=course, resident_id=world.wang.pk, status="confirmed",
                         asked_at=now - dt.timedelta(days=2))  # fmt: skip
        enrolment.create(community_id=world.a.pk, course=course, resident_id=world.zhang.pk, status="waitlisted",
                         asked_at=now - dt.timedelta(days=1))  # fmt: skip
        tick = apps.get_model("college", "Attendance")._base_manager
        for session in sessions:
            tick.create(community_id=world.a.pk, session=session, course=course, day=session.date,
                        resident_id=world.wang.pk)  # fmt: skip
        tick.create(community_id=world.a.pk, session=sessions[1], course=course, day=sessions[1].date,
                    resident_id=walker.pk, walk_in=True)  # fmt: skip
    finally:
        _migrate(AFTER)

    from linli.college.models import Course, Session
    from linli.participation import selectors as engine_reads

    moved = Course.objects.in_community(world.a).get(title="书法班")
    offering = moved.offering
    assert (offering.owner_type, offering.owner_id, offering.capacity, offering.confirmed) == (
        "college.course", moved.pk, 1, 1,
    )  # fmt: skip
    rows = list(engine_reads.registrations_for(offering).values_list("resident_id", "status", "seq"))
    assert rows == [(world.wang.pk, "confirmed", 1), (world.zhang.pk, "waitlisted", 2)]
    first, second = Session.objects.in_community(world.a).filter(course=moved).order_by("number")
    assert first.offering.parent_id == second.offering.parent_id == offering.pk
    assert engine_reads.present_resident_ids(first.offering) == {world.wang.pk}
    assert engine_reads.present_resident_ids(second.offering) == {world.wang.pk, walker.pk}
    walk_ins = engine_reads.walk_ins(second.offering)
    assert [a.resident_id for a in walk_ins] == [walker.pk]
    assert [(a.month, a.name) for a in walk_ins] == [(dt.date(2026, 9, 1), walker.name)]
