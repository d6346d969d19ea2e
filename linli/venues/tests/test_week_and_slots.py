"""The week views (constant queries however many bookings), the occupancy registry (another module's
use of a room shows in the week and blocks bookings), free slots, and the weekly series."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.venues import selectors
from linli.venues import services as venues
from linli.venues.models import Booking
from linli.venues.tests.helpers import at, next_weekday, snapshot


def _fill(world):
    """Five bookings on each day of the week shown (around the world's booking at 10:00 tomorrow)."""
    monday = selectors.monday_of(at(1, 0).date())
    rows = []
    for d in range(7):
        for hour in (8, 12, 14, 16, 18):
            start = timezone.make_aware(dt.datetime.combine(monday + dt.timedelta(days=d), dt.time(hour)))
            end = start + dt.timedelta(hours=1)
            rows.append(Booking(community=world.a, thing=world.venues.table, starts_at=start, ends_at=end,
                                blocks_until=end))  # fmt: skip
    Booking.objects.bulk_create(rows)


@pytest.mark.parametrize("name", ["venues:thing_week", "venues:venue_week"])
def test_week_views_take_the_same_queries_for_many_bookings(world, client, django_assert_num_queries, name):
    client.force_login(world.user("worker"))
    pk = world.venues.table.pk if name == "venues:thing_week" else world.venues.club.pk
    url = reverse(name, kwargs={"pk": pk}) + f"?week={at(1, 0).date().isoformat()}"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200  # the session's scope is built on the first request
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    assert len(few.captured_queries) <= 12
    _fill(world)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("vw-item") >= 35


def test_another_modules_use_shows_in_the_week_and_blocks_a_booking(world):
    table = world.venues.table

    def college(community_id, thing_ids, start, end):
        return [venues.Occupancy(table.pk, at(2, 15), at(2, 17), "老年大学乒乓球课", "college", key=7)]

    venues.register_occupancy_source(college)
    try:
        days = selectors.week(actor=world.user("resident"), community_id=world.a.pk, things=[table],
                              monday=selectors.monday_of(at(2, 0).date()))  # fmt: skip
        assert "老年大学乒乓球课" in [i.label for d in days for i in d.items]
        before = snapshot()
        with pytest.raises(venues.VenueError, match="已安排“老年大学乒乓球课”") as caught:
            venues.booking_create(actor=world.user("resident"), thing=table,
                                  data=venues.BookingInput(starts_at=at(2, 16), ends_at=at(2, 17)))  # fmt: skip
        assert caught.value.code == "overlap" and snapshot() == before
        assert at(2, 15) not in selectors.free_slots(table, at(2, 0).date(), 60)
        venues.slot_check(community_id=world.a.pk, thing_id=table.pk, starts_at=at(2, 15), ends_at=at(2, 17),
                          exclude=("college", 7))  # fmt: skip
    finally:
        venues.unregister_occupancy_source(college)


def test_slot_check_refuses_a_session_over_a_booking(world):
    b = world.venues.booking
    with pytest.raises(venues.VenueError, match="已有安排：.*已有预约"):
        venues.slot_check(community_id=world.a.pk, thing_id=b.thing_id, starts_at=b.starts_at, ends_at=b.ends_at)


def test_free_slots_leave_out_the_booking_and_its_buffer(world):
    slots = selectors.free_slots(world.venues.table, at(1, 0).date(), 60)
    times = {s.strftime("%H:%M") for s in [s.astimezone(at(1, 0).tzinfo) for s in slots]}
    assert "08:00" in times and "09:00" not in times and "10:30" not in times and "11:30" in times


def test_a_weekly_series_lists_its_clashes_before_saving(world):
    sec, room = world.user("secretary"), world.venues.room
    wednesday = next_weekday(2)
    second = (wednesday - at(0, 0).date()).days + 7
    venues.booking_create(actor=sec, thing=room, data=venues.BookingInput(starts_at=at(second, 19),
                                                                          ends_at=at(second, 20)))  # fmt: skip
    data = venues.SeriesInput(first_date=wednesday, weeks=4, starts_time=dt.time(19), ends_time=dt.time(21),
                              purpose="合唱团排练", team_id=world.vol.team.pk)  # fmt: skip
    preview = venues.series_preview(actor=sec, thing=room, data=data)
    assert [bool(o.problem) for o in preview] == [False, True, False, False]
    before = snapshot()
    with pytest.raises(venues.VenueError, match="有1次与开放时间或已有预约冲突") as caught:
        venues.series_create(actor=sec, thing=room, data=data)
    assert caught.value.code == "clashes" and snapshot() == before
    series = venues.series_create(actor=sec, thing=room, data=data, skip_clashes=True)
    assert series.bookings.count() == 3 and set(series.bookings.values_list("status", flat=True)) == {"pending"}


def test_check_in_and_no_show_at_the_door(world):
    sec, booking = world.user("secretary"), world.venues.booking
    with pytest.raises(venues.VenueError, match="开始前30分钟"):
        venues.booking_check_in(actor=sec, booking=booking)
    done = venues.booking_check_in(actor=sec, booking=booking, now=booking.starts_at - dt.timedelta(minutes=10))
    assert done.status == "checked_in"
    with pytest.raises(venues.VenueError, match="未签到"):
        venues.booking_no_show(actor=sec, booking=done, now=booking.ends_at)


def test_the_resident_cancels_her_booking_and_the_slot_is_free_again(world):
    booking = venues.booking_cancel(actor=world.user("resident"), booking=world.venues.booking)
    assert booking.status == "cancelled"
    data = venues.BookingInput(starts_at=booking.starts_at, ends_at=booking.ends_at)
    again = venues.booking_create(actor=world.user("worker"), thing=world.venues.table, data=data)
    assert again.status == "confirmed"
    with pytest.raises(venues.VenueError, match="不能再取消"):
        venues.booking_cancel(actor=world.user("resident"), booking=booking)


def test_another_resident_cannot_cancel_someone_elses_booking(client, world):
    client.force_login(world.user("grid1"))
    url = reverse("venues:booking_action", kwargs={"pk": world.venues.booking.pk, "what": "cancel"})
    assert client.post(url).status_code == 404
    assert Booking.objects.unscoped().get(pk=world.venues.booking.pk).status == "confirmed"
