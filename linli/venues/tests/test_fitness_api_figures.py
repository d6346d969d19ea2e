"""The fitness register (an unsafe inspection puts a set out of service for residents to see; a repair
raised as a case reaches cases' inbox), the API's refusals as 409 with the rule's code, the figures."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from linli.venues import selectors
from linli.venues import services as venues
from linli.venues.models import Booking, FitnessSet, Repair
from linli.venues.tests.helpers import at, snapshot


def test_an_unsafe_inspection_puts_the_set_out_of_service_and_residents_see_it(world, client):
    sec, item = world.user("secretary"), world.venues.fitness
    venues.inspection_record(actor=sec, fitness_set=item, inspected_date=timezone.localdate(), result="unsafe",
                             findings="把手断裂")  # fmt: skip
    assert FitnessSet.objects.unscoped().get(pk=item.pk).out_of_service
    client.force_login(world.user("resident"))
    page = client.get(reverse("venues:fitness")).content.decode()
    assert "暂停使用" in page and "把手断裂" in page
    assert client.get(reverse("venues:fitness_detail", kwargs={"pk": item.pk})).status_code == 404


def test_a_repair_raised_as_a_case_files_the_case_and_its_end_brings_the_set_back(world):
    from linli.cases import selectors as cases

    sec, item = world.user("secretary"), world.venues.fitness
    repair = venues.repair_raise(actor=sec, fitness_set=item, problem="链条脱落需要更换", as_case=True)
    case = cases.case_visible_in(actor=sec, community_id=world.a.pk, case_id=repair.case_id)
    assert case is not None and "双人漫步机" in case.title
    venues.repair_done(actor=sec, repair=repair)
    assert not FitnessSet.objects.unscoped().get(pk=item.pk).out_of_service
    with pytest.raises(venues.VenueError, match="已登记修复"):
        venues.repair_done(actor=sec, repair=repair)


def test_a_refused_repair_files_no_case_and_keeps_nothing(world):
    before = Repair.objects.unscoped().count()
    with pytest.raises(venues.VenueError, match="至少4个字"):
        venues.repair_raise(actor=world.user("secretary"), fitness_set=world.venues.fitness, problem="坏", as_case=True)
    assert Repair.objects.unscoped().count() == before


def test_the_api_books_and_refuses_with_the_rules_code(world, client):
    client.force_login(world.user("resident"))
    body = {"thing_id": world.venues.table.pk, "starts_at": at(2, 9).isoformat(), "ends_at": at(2, 10).isoformat()}
    made = client.post("/api/v1/venues/bookings", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["status"] == "confirmed"
    before = snapshot()
    again = client.post("/api/v1/venues/bookings", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "overlap"
    long = {**body, "starts_at": at(3, 9).isoformat(), "ends_at": at(3, 13).isoformat()}
    assert client.post("/api/v1/venues/bookings", long, content_type="application/json").json()["error"]["code"] == (
        "too_long"
    )
    assert snapshot() == before


def test_the_api_lists_only_own_bookings_to_a_resident(world, client):
    venues.booking_create(actor=world.user("worker"), thing=world.venues.table,
                          data=venues.BookingInput(starts_at=at(3, 9), ends_at=at(3, 10)))  # fmt: skip
    client.force_login(world.user("resident"))
    rows = client.get(f"/api/v1/venues/bookings?community_id={world.a.pk}").json()["items"]
    assert [r["id"] for r in rows] == [world.venues.booking.pk]
    client.force_login(world.user("outsider"))
    assert client.get(f"/api/v1/venues/things/{world.venues.table.pk}").status_code == 404


def test_usage_counts_hours_booked_and_used_by_kind(world):
    sec, table = world.user("secretary"), world.venues.table
    booking = world.venues.booking
    venues.booking_check_in(actor=sec, booking=booking, now=booking.starts_at)
    staff = venues.booking_create(actor=sec, thing=table, data=venues.BookingInput(starts_at=at(1, 14),
                                                                                   ends_at=at(1, 16)))  # fmt: skip
    figures = selectors.usage(world.a.pk, timezone.localtime(staff.starts_at).year)
    per_thing = dict((t.pk, f) for t, f in figures["things"])[table.pk]
    assert (per_thing["booked"], per_thing["used"], per_thing["resident"], per_thing["staff"]) == (3.0, 1.0, 1.0, 2.0)


def test_the_month_filter_is_kept_and_its_totals_are_of_that_month(world, client):
    """The loop's month once overwrote the filter: the page's month select jumped to another month
    (0-based, from the last booking read), and the totals stayed the year's whatever month was chosen."""
    starts = timezone.localtime(world.venues.booking.starts_at)
    hours = (world.venues.booking.ends_at - world.venues.booking.starts_at).total_seconds() / 3600
    other = starts.month % 12 + 1
    year = selectors.usage(world.a.pk, starts.year)
    assert year["month"] is None and year["total_booked"] == hours
    this = selectors.usage(world.a.pk, starts.year, starts.month)
    assert (this["month"], this["total_booked"]) == (starts.month, hours)
    empty = selectors.usage(world.a.pk, starts.year, other)
    assert (empty["month"], empty["total_booked"], empty["total_used"]) == (other, 0, 0)
    assert all(not f.get("booked") for _t, f in empty["things"])
    client.force_login(world.user("secretary"))
    body = client.get(reverse("venues:figures") + f"?year={starts.year}&month={other}").content.decode()
    assert f'<option value="{other}" selected>' in body


def test_the_supervisor_sees_the_figures_of_a_community_below_only(world, client):
    client.force_login(world.user("supervisor"))
    assert client.get(reverse("venues:figures") + f"?community={world.a.pk}").status_code == 200
    assert client.get(reverse("venues:figures") + f"?community={world.b.pk}").status_code == 404
    assert client.get(reverse("venues:home")).status_code == 404


def test_hours_this_month_for_the_streets_overview(world):
    counts = selectors.hours_booked_this_month({world.a.pk, world.b.pk})
    this_month = world.venues.booking.starts_at.month == timezone.localdate().month
    assert counts == {world.a.pk: 1 if this_month else 0, world.b.pk: 0}
    assert Booking.objects.unscoped().count() == 1 and dt.timedelta(hours=1) == world.venues.booking.ends_at - (
        world.venues.booking.starts_at
    )


def test_a_booking_made_for_next_month_is_not_this_months(world):
    booking = world.venues.booking
    first = timezone.localdate().replace(day=1)
    next_month = timezone.make_aware(dt.datetime.combine((first + dt.timedelta(days=40)).replace(day=1), dt.time(9)))
    Booking.objects.unscoped().filter(pk=booking.pk).update(
        starts_at=next_month,
        ends_at=next_month + dt.timedelta(hours=2),
        blocks_until=next_month + dt.timedelta(hours=2),
    )
    assert selectors.hours_booked_this_month({world.a.pk}) == {world.a.pk: 0}
    this_month = timezone.make_aware(dt.datetime.combine(first, dt.time(9)))
    Booking.objects.unscoped().filter(pk=booking.pk).update(
        starts_at=this_month,
        ends_at=this_month + dt.timedelta(hours=2),
        blocks_until=this_month + dt.timedelta(hours=2),
    )
    assert selectors.hours_booked_this_month({world.a.pk}) == {world.a.pk: 2}


def test_the_streets_overview_has_a_venues_column(world):
    from linli.reports import selectors as reports

    this_month = timezone.make_aware(dt.datetime.combine(timezone.localdate().replace(day=1), dt.time(9)))
    Booking.objects.unscoped().filter(pk=world.venues.booking.pk).update(
        starts_at=this_month,
        ends_at=this_month + dt.timedelta(hours=3),
        blocks_until=this_month + dt.timedelta(hours=3),
    )
    rows = reports.region_overview(actor=world.user("supervisor"))
    assert rows[0].counts["venue_hours"] == 3
    client = Client()
    client.force_login(world.user("supervisor"))
    assert "本月场地预约小时" in client.get("/reports/").content.decode()
