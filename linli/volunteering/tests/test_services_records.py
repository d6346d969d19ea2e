"""Service records: logging, verification by staff and team leaders, the bad input the issue names
(negative or overlapping hours, more than 24 hours a day, verified twice). No verified hour is ever
lost or counted twice."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.core.scoping import forget_scope
from linli.volunteering import services as v
from linli.volunteering.models import PointEntry, ServiceRecord, Volunteer
from linli.volunteering.selectors import person_totals


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


def _events(subject_type: str, pk: int) -> list[str]:
    rows = Event.objects.filter(module="volunteering", subject_type=subject_type, subject_id=pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_logging_verifying_and_rejecting_leave_rows_on_the_volunteers_timeline(world):
    sec, wang = world.user("secretary"), world.vol.wang
    v.record_verify(actor=sec, record=world.vol.record)
    other = _log(world.user("resident"), wang, _at(3, 9), 1, title="陪老人散步")
    v.record_reject(actor=sec, record=other, reason="当天没有这项活动")
    kinds = _events("volunteer", wang.pk)
    assert kinds[:2] == ["volunteer_registered", "record_logged"]  # the world: registered, logged on the phone
    assert kinds[-3:] == ["record_verified", "record_logged", "record_rejected"]


def test_a_refused_rejection_changes_nothing(world):
    record = world.vol.record
    with pytest.raises(PermissionDeniedError):
        v.record_reject(actor=world.user("outsider"), record=record, reason="不对")
    record.refresh_from_db()
    assert record.status == "pending" and "record_rejected" not in _events("volunteer", world.vol.wang.pk)
