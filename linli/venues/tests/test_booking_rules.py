"""Each refusal names its problem and changes nothing; a booking that keeps the rules is made."""

import datetime as dt

import pytest

from linli.core.errors import PermissionDeniedError
from linli.venues import services as venues
from linli.venues.models import Booking, Closure
from linli.venues.tests.helpers import at, snapshot


def _book(world, start, end, *, user="resident", thing=None, **extra):
    thing = thing or world.venues.table
    data = venues.BookingInput(starts_at=start, ends_at=end, purpose="打球", **extra)
    return venues.booking_create(actor=world.user(user), thing=thing, data=data)


def _refused(world, code, match, start, end, **kwargs):
    before = snapshot()
    with pytest.raises(venues.VenueError, match=match) as caught:
        _book(world, start, end, **kwargs)
    assert caught.value.code == code
    assert snapshot() == before


def test_a_booking_within_the_rules_is_confirmed_with_the_buffer(world):
    booking = _book(world, at(2, 14), at(2, 15))
    assert (booking.status, booking.kind, booking.resident_id) == ("confirmed", "resident", world.wang.pk)
    assert booking.blocks_until == at(2, 15, 10)


def test_outside_opening_hours_is_refused_naming_the_hours(world):
    _refused(world, "outside_hours", "不在开放时间内（当天开放08:00–21:00）", at(2, 20), at(2, 22))


def test_a_closure_day_is_refused_with_its_reason(world):
    day = at(3, 9).date()
    Closure.objects.create(community=world.a, venue=world.venues.club, date=day, reason="国庆节闭馆")
    _refused(world, "closed", "国庆节闭馆", at(3, 9), at(3, 10))


def test_longer_than_allowed_is_refused(world):
    _refused(world, "too_long", "每次最长120分钟，这次预约了180分钟", at(2, 9), at(2, 12))


def test_over_the_weekly_limit_is_refused(world):
    table = world.venues.table
    table.weekly_limit = 1
    table.save()
    _refused(world, "weekly_limit", "每周最多预约1次", at(1, 15), at(1, 16))


def test_overlapping_is_refused_also_within_the_buffer(world):
    _refused(world, "overlap", "已被预约，时间重叠", at(1, 10, 30), at(1, 11, 30), user="worker")
    _refused(world, "overlap", "间隔10分钟", at(1, 11, 5), at(1, 12), user="worker")
    assert _book(world, at(1, 11, 10), at(1, 12), user="worker").status == "confirmed"


def test_in_the_past_is_refused(world):
    _refused(world, "in_past", "已经过去", at(-1, 10), at(-1, 11))


def test_out_of_service_is_refused_with_the_reason(world):
    venues.thing_set_service(actor=world.user("secretary"), thing=world.venues.table, out_of_service=True,
                             note="球网损坏")  # fmt: skip
    _refused(world, "out_of_service", "暂停使用（球网损坏）", at(2, 9), at(2, 10))


def test_a_teams_only_room_refuses_a_resident(world):
    _refused(world, "teams_only", "只接受团队预约", at(2, 9), at(2, 10), thing=world.venues.room)


def test_lead_time_is_kept(world):
    table = world.venues.table
    table.lead_hours = 72
    table.save()
    _refused(world, "lead_time", "至少提前72小时", at(2, 9), at(2, 10))


def test_the_supervisor_and_the_outsider_cannot_book(world):
    for user in ("supervisor", "outsider", "property"):
        before = snapshot()
        with pytest.raises(PermissionDeniedError):
            _book(world, at(2, 9), at(2, 10), user=user)
        assert snapshot() == before


def test_a_team_booking_needs_its_leader_and_approval(world):
    team = world.vol.team
    with pytest.raises(PermissionDeniedError):
        _book(world, at(2, 9), at(2, 10), thing=world.venues.room, team_id=team.pk)
    booking = _book(world, at(2, 9), at(2, 10), user="worker", thing=world.venues.room, team_id=team.pk)
    assert (booking.kind, booking.status) == ("team", "pending")  # staff booking for a team: the team's rule
    venues.booking_decide(actor=world.user("secretary"), booking=booking, approve=True)
    assert Booking.objects.unscoped().get(pk=booking.pk).status == "confirmed"


def test_staff_are_not_held_to_the_length_and_weekly_rules(world):
    booking = _book(world, at(2, 9), at(2, 13), user="worker")
    assert (booking.kind, booking.hours) == ("staff", 4.0)


def test_a_booking_ending_at_midnight_counts_as_the_same_day(world):
    with pytest.raises(venues.VenueError, match="不在开放时间内"):
        _book(world, at(2, 23), at(2, 23) + dt.timedelta(hours=1), user="worker")
