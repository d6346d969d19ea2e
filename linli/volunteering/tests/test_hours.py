"""Service hours: logging, verification, star levels, the time bank, moving communities, and the bad
input the issue names (negative or overlapping hours, more than 24 hours a day, verified twice,
overspending). No verified hour is ever lost or counted twice."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import forget_scope
from linli.volunteering import services as v
from linli.volunteering.models import PointEntry, ServiceRecord, Volunteer, star_for
from linli.volunteering.selectors import person_totals
from linli.volunteering.totals import recompute_totals


def _at(days_ago: int, hour: int) -> dt.datetime:
    day = timezone.localtime() - dt.timedelta(days=days_ago)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _fresh(volunteer) -> Volunteer:
    return Volunteer.objects.unscoped().get(pk=volunteer.pk)


def _log(actor, volunteer, start, hours, title="清扫楼道", **extra):
    return v.record_add(actor=actor, volunteer=volunteer, data=v.RecordInput(
        title=title, started_at=start, ended_at=start + dt.timedelta(hours=hours), **extra))  # fmt: skip


def test_own_hours_wait_for_verification_then_count_once_with_points(world):
    wang, record = world.vol.wang, world.vol.record
    assert record.status == "pending" and _fresh(wang).verified_minutes == 0
    leader = world.vol.zhang
    leader.user = world.user("grid2")  # the team leader has an account
    leader.save(update_fields=["user"])
    forget_scope(world.user("grid2"))
    v.record_verify(actor=world.user("grid2"), record=record)
    wang = _fresh(wang)
    assert (wang.verified_minutes, wang.points_balance) == (120, 20)  # 10 points an hour by default
    with pytest.raises(ConflictError, match="不能重复核实"):
        v.record_verify(actor=world.user("secretary"), record=record)
    wang = _fresh(wang)
    assert (wang.verified_minutes, wang.points_balance) == (120, 20)
    assert PointEntry.objects.unscoped().filter(record=record).count() == 1
    totals = person_totals(wang)
    assert (totals["year_hours"], totals["pending_count"], totals["points"]) == (2.0, 0, 20)


def test_who_may_verify_and_log(world):
    record = world.vol.record
    with pytest.raises(PermissionDeniedError):
        v.record_verify(actor=world.user("resident"), record=record)  # not her own
    with pytest.raises(PermissionDeniedError):
        v.record_verify(actor=world.user("grid1"), record=record)  # grid workers see, do not verify
    with pytest.raises(PermissionDeniedError, match="自己"):
        _log(world.user("resident"), world.vol.zhang, _at(2, 9), 1)
    with pytest.raises(DomainError, match="不在所选的队伍"):
        _log(world.user("resident"), world.vol.wang, _at(2, 9), 1, team_id=world.vol.team.pk + 999)


@pytest.mark.parametrize(
    ("start", "hours", "message"),
    [
        (_at(2, 9), -1, "结束时间要晚于开始时间"),
        (_at(2, 9), 0, "结束时间要晚于开始时间"),
        (_at(3, 0), 25, "不能超过24小时"),
        (_at(-2, 9), 1, "还没到的时间"),
        (_at(120, 9), 1, "90天内"),
    ],
)
def test_bad_times_are_refused_by_name(world, start, hours, message):
    before = ServiceRecord.objects.unscoped().count()
    with pytest.raises(DomainError, match=message):
        _log(world.user("resident"), world.vol.wang, start, hours)
    assert ServiceRecord.objects.unscoped().count() == before


def test_overlapping_hours_and_more_than_a_day_are_refused(world):
    sec, wang = world.user("secretary"), world.vol.wang
    with pytest.raises(DomainError, match="时间不能重叠"):
        _log(sec, wang, world.vol.record.started_at + dt.timedelta(hours=1), 2)  # overlaps her pending record
    day = _at(5, 0)
    _log(sec, wang, day, 20)
    with pytest.raises(DomainError, match="超过了一天24小时"):
        _log(sec, wang, day + dt.timedelta(hours=20), 5)  # 20 + 5 > 24, no overlap
    assert _fresh(wang).verified_minutes == 20 * 60


def test_group_logging_is_all_or_nothing_and_names_who_is_in_the_way(world):
    sec, vol = world.user("secretary"), world.vol
    data = v.RecordInput(title="重阳节义剪", started_at=vol.record.started_at, ended_at=vol.record.ended_at)
    with pytest.raises(DomainError, match="王芳.*重叠"):
        v.group_log(actor=sec, community=world.a, volunteer_ids=[vol.wang.pk, vol.zhang.pk, vol.guest.pk], data=data)
    assert ServiceRecord.objects.unscoped().filter(title="重阳节义剪").count() == 0
    assert _fresh(vol.zhang).verified_minutes == 0
    made = v.group_log(actor=sec, community=world.a, volunteer_ids=[vol.zhang.pk, vol.guest.pk], data=data)
    assert {r.status for r in made} == {"verified"} and _fresh(vol.guest).verified_minutes == 120
    with pytest.raises(DomainError, match="不在本社区"):
        v.group_log(actor=sec, community=world.a, volunteer_ids=[vol.zhang.pk, 999999], data=data)


def test_star_levels_follow_verified_hours():
    assert [star_for(h * 60) for h in (0, 99, 100, 299, 300, 600, 999, 1000, 1499, 1500, 5000)] == [
        0, 0, 1, 1, 2, 3, 3, 4, 4, 5, 5,
    ]  # fmt: skip


def test_points_spend_never_below_zero_and_rates_are_configurable(world):
    sec, guest = world.user("secretary"), world.vol.guest
    v.bank_rate_save(actor=sec, community=world.a, points_per_hour=15)
    _log(sec, guest, _at(3, 9), 2)  # staff-logged: verified, 30 points
    assert _fresh(guest).points_balance == 30
    v.points_spend(actor=sec, volunteer=guest, reward=world.vol.reward)  # 30
    with pytest.raises(ConflictError, match="积分不够.*现有0分"):
        v.points_spend(actor=sec, volunteer=guest, reward=world.vol.reward)
    assert _fresh(guest).points_balance == 0
    with pytest.raises(DomainError, match="1到1000"):
        v.bank_rate_save(actor=sec, community=world.a, points_per_hour="-5")
    with pytest.raises(PermissionDeniedError):
        v.points_spend(actor=world.user("resident"), volunteer=world.vol.wang, reward=world.vol.reward)


@pytest.mark.django_db(transaction=True)
def test_two_spends_at_once_cannot_both_take_the_last_points():
    from linli.core.tests.world import build_world

    world = build_world()
    sec, guest = world.user("secretary"), world.vol.guest
    _log(sec, guest, _at(3, 9), 3)  # 30 points: one haircut
    barrier, outcomes = threading.Barrier(2), []

    def spend():
        try:
            barrier.wait(timeout=10)
            v.points_spend(actor=sec, volunteer=guest, reward=world.vol.reward)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=spend) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["ok", "refused"]
    assert _fresh(guest).points_balance == 0


@pytest.mark.django_db(transaction=True)
def test_the_same_record_verified_twice_at_once_counts_once():
    from linli.core.tests.world import build_world

    world = build_world()
    record = world.vol.record
    barrier, outcomes = threading.Barrier(2), []

    def verify(user):
        try:
            barrier.wait(timeout=10)
            v.record_verify(actor=user, record=record)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=verify, args=(world.user(u),)) for u in ("secretary", "worker")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["already", "ok"]
    wang = _fresh(world.vol.wang)
    assert (wang.verified_minutes, wang.points_balance) == (120, 20)


def test_a_volunteer_who_moves_keeps_hours_star_and_points(world):
    sec, resident = world.user("secretary"), world.user("resident")
    wang = world.vol.wang
    _log(sec, wang, _at(10, 8), 10)
    Volunteer.objects.unscoped().filter(pk=wang.pk).update(carried_minutes=95 * 60)  # served elsewhere before
    recompute_totals([world.a.pk])
    with pytest.raises(DomainError, match="没有代码为“nowhere”的社区"):
        v.volunteer_move(actor=resident, volunteer=_fresh(wang), community_code="nowhere")
    new = v.volunteer_move(actor=resident, volunteer=_fresh(wang), community_code=world.b.code)
    old = _fresh(wang)
    assert old.status == "moved" and old.points_balance == 0
    assert (new.community_id, new.total_minutes, new.star, new.points_balance) == (world.b.pk, 105 * 60, 1, 100)
    # Her pending record from the old community is verified after the move: it follows her.
    v.record_verify(actor=sec, record=world.vol.record)
    new = _fresh(new)
    assert (new.total_minutes, new.points_balance) == (107 * 60, 120)
    assert _fresh(wang).points_balance == 0
    # The ledger and the records agree with the running totals.
    recompute_totals()
    again = _fresh(new)
    assert (again.total_minutes, again.points_balance, again.star) == (new.total_minutes, 120, 1)


def test_recompute_repairs_totals_from_the_rows(world):
    sec, guest = world.user("secretary"), world.vol.guest
    _log(sec, guest, _at(4, 9), 2)
    Volunteer.objects.unscoped().filter(pk=guest.pk).update(verified_minutes=99999, star=5, points_balance=7)
    assert recompute_totals() == Volunteer.objects.unscoped().count()
    guest = _fresh(guest)
    assert (guest.verified_minutes, guest.star, guest.points_balance) == (120, 0, 20)


def test_a_team_leader_verifies_his_members_but_not_himself(world):
    vol, leader_user = world.vol, world.user("grid2")
    Volunteer.objects.unscoped().filter(pk=vol.zhang.pk).update(user=leader_user)
    forget_scope(leader_user)
    own = _log(world.user("secretary"), vol.zhang, _at(6, 9), 1)  # staff-logged: verified already
    ServiceRecord.objects.unscoped().filter(pk=own.pk).update(status="pending", team=vol.team)
    own.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        v.record_verify(actor=leader_user, record=own)
    v.record_verify(actor=leader_user, record=vol.record)  # 王芳's, served with his team
    assert ServiceRecord.objects.unscoped().get(pk=vol.record.pk).status == "verified"
