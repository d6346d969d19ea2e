"""A course given in one of venues' rooms takes it at every session: the week view shows the
sessions, a booking over one is refused, a course whose sessions would fall on a booking is refused
with the clash named and nothing saved, the form's preview lists the clashes, and a session moved
or cancelled frees its old time."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.college import services
from linli.college.models import Course, Lecturer, Session, Term
from linli.participation.models import Offering
from linli.venues import selectors as venue_selectors
from linli.venues import services as venues
from linli.venues.tests.helpers import at


@pytest.fixture
def course_data(world):
    today = timezone.localdate()
    term = Term.objects.create(community=world.a, name="冬季学期", starts_on=today, ends_on=today + dt.timedelta(120))
    lecturer = Lecturer.objects.create(community=world.a, name="冯淑贞", subjects=["乒乓球"])
    first = today + dt.timedelta(days=2)

    def make(**changes):
        data = dict(
            term_id=term.pk, title="乒乓球提高班", subject="乒乓球", lecturer_id=lecturer.pk, venue="",
            capacity=8, weekday=first.weekday(), starts_at=dt.time(15), ends_at=dt.time(16, 30), sessions_planned=4,
            first_date=first, room_id=world.venues.table.pk,
        )  # fmt: skip
        data.update(changes)
        return services.CourseInput(**data)

    return make


def _book(world, starts_at, ends_at):
    return venues.booking_create(actor=world.user("resident"), thing=world.venues.table,
                                 data=venues.BookingInput(starts_at=starts_at, ends_at=ends_at))  # fmt: skip


def test_the_sessions_take_the_table_in_the_week_and_a_booking_over_one_is_refused(world, course_data):
    course = services.create_course(actor=world.user("worker"), community_id=world.a.pk, data=course_data())
    assert course.room_id == world.venues.table.pk and course.venue == "文体俱乐部 · 乒乓球台1"
    days = venue_selectors.week(actor=world.user("resident"), community_id=world.a.pk, things=[world.venues.table],
                                monday=venue_selectors.monday_of(at(2, 0).date()))  # fmt: skip
    labels = [i.label for d in days for i in d.items]
    assert "课程：乒乓球提高班（第1次）" in labels
    before = Offering.objects.unscoped().count(), list(venue_selectors.visible_bookings(world.user("resident")))
    with pytest.raises(venues.VenueError, match="乒乓球提高班") as refused:
        _book(world, at(2, 16), at(2, 17))
    assert refused.value.code == "overlap"
    assert (
        Offering.objects.unscoped().count(),
        list(venue_selectors.visible_bookings(world.user("resident"))),
    ) == before
    assert at(2, 15) not in venue_selectors.free_slots(world.venues.table, at(2, 0).date(), 60)
    assert _book(world, at(2, 17), at(2, 18)).pk  # after the class the table is free


def test_a_course_over_a_booking_is_refused_with_the_booking_named_and_nothing_saved(world, course_data):
    _book(world, at(9, 15, 30), at(9, 16, 30))  # the second session's day
    data = course_data()
    with pytest.raises(services.CollegeError) as refused:
        services.create_course(actor=world.user("worker"), community_id=world.a.pk, data=data)
    assert refused.value.field == "room" and "已有预约" in str(refused.value.message)
    assert timezone.localtime(at(9, 15, 30)).strftime("%m-%d 15:30") in str(refused.value.message)
    assert not Course.objects.in_community(world.a).exists() and not Session.objects.in_community(world.a).exists()


def test_a_room_of_another_community_is_refused(world, course_data):
    with pytest.raises(services.CollegeError) as refused:
        services.create_course(actor=world.user("outsider"), community_id=world.b.pk, data=course_data(
            term_id=Term.objects.create(community=world.b, name="b", starts_on=at(0, 0).date(),
                                        ends_on=at(90, 0).date()).pk,
            lecturer_id=Lecturer.objects.create(community=world.b, name="李老师", subjects=["乒乓球"]).pk))  # fmt: skip
    assert refused.value.field == "room"
    assert not Course.objects.unscoped().exists()


def test_the_preview_lists_the_clashes_before_saving(world, course_data, client):
    _book(world, at(9, 15, 30), at(9, 16, 30))
    data = course_data()
    client.force_login(world.user("worker"))
    response = client.post(reverse("college:course_create"), {
        "preview": "1", "term": data.term_id, "title": data.title, "subject": data.subject,
        "lecturer": data.lecturer_id, "room": data.room_id, "capacity": 8, "weekday": data.weekday,
        "starts_at": "15:00", "ends_at": "16:30", "sessions_planned": 4, "first_date": data.first_date.isoformat(),
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and 'id="preview-clashes"' in page and "已有预约" in page
    assert not Course.objects.in_community(world.a).exists()


def test_a_moved_session_frees_its_old_time_and_cannot_land_on_a_booking(world, course_data):
    course = services.create_course(actor=world.user("worker"), community_id=world.a.pk, data=course_data())
    first = Session.objects.in_community(world.a).get(course=course, number=1)
    _book(world, at(3, 15), at(3, 16))
    with pytest.raises(services.CollegeError) as refused:
        services.move_session(actor=world.user("worker"), session=first, date=at(3, 0).date(),
                              starts_at=dt.time(15), ends_at=dt.time(16, 30))  # fmt: skip
    assert refused.value.field == "room"
    first.refresh_from_db()
    assert first.date == at(2, 0).date() and first.moved_from is None
    # onto its own time, half an hour later: it does not clash with itself
    services.move_session(actor=world.user("worker"), session=first, date=at(2, 0).date(),
                          starts_at=dt.time(15, 30), ends_at=dt.time(17))  # fmt: skip
    assert _book(world, at(2, 14), at(2, 15)).pk  # the half hour it left is free again
    second = Session.objects.in_community(world.a).get(course=course, number=2)
    services.cancel_session(actor=world.user("worker"), session=second, reason="讲师出差")
    assert _book(world, at(9, 15), at(9, 16)).pk  # a cancelled session holds nothing


def test_the_course_form_offers_rooms_not_tables(world, client):
    client.force_login(world.user("worker"))
    page = client.get(reverse("college:course_create")).content.decode()
    assert "多功能厅" in page
    assert "乒乓球台1" not in page  # a ping-pong table is no classroom


def test_a_rule_running_past_the_term_is_refused_naming_the_last_date(world, course_data):
    data = course_data()
    data.sessions_planned = 30  # 30 weeks do not fit a 120-day term
    before = Course.objects.in_community(world.a).count()
    with pytest.raises(services.CollegeError, match="超出了冬季学期") as exc:
        services.create_course(actor=world.user("worker"), community_id=world.a.pk, data=data)
    assert exc.value.field == "sessions_planned"
    assert Course.objects.in_community(world.a).count() == before
