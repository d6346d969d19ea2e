"""The time bank: star levels, points earned and spent (never below zero), totals rebuilt from the rows."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.volunteering import services as v
from linli.volunteering.models import Volunteer, star_for
from linli.volunteering.totals import recompute_totals


def _at(days_ago: int, hour: int) -> dt.datetime:
    day = timezone.localtime() - dt.timedelta(days=days_ago)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _fresh(volunteer) -> Volunteer:
    return Volunteer.objects.unscoped().get(pk=volunteer.pk)


def _log(actor, volunteer, start, hours, title="清扫楼道", **extra):
    return v.record_add(actor=actor, volunteer=volunteer, data=v.RecordInput(
        title=title, started_at=start, ended_at=start + dt.timedelta(hours=hours), **extra))  # fmt: skip


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


def test_recompute_repairs_totals_from_the_rows(world):
    sec, guest = world.user("secretary"), world.vol.guest
    _log(sec, guest, _at(4, 9), 2)
    Volunteer.objects.unscoped().filter(pk=guest.pk).update(verified_minutes=99999, star=5, points_balance=7)
    assert recompute_totals() == Volunteer.objects.unscoped().count()
    guest = _fresh(guest)
    assert (guest.verified_minutes, guest.star, guest.points_balance) == (120, 0, 20)


def _events(subject_type: str, pk: int) -> list[str]:
    rows = Event.objects.filter(module="volunteering", subject_type=subject_type, subject_id=pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_spending_points_leaves_a_row_and_a_refused_spend_none(world):
    sec, wang = world.user("secretary"), world.vol.wang
    with pytest.raises(ConflictError):
        v.points_spend(actor=sec, volunteer=wang, reward=world.vol.reward)  # no points yet
    assert "points_spent" not in _events("volunteer", wang.pk)
    Volunteer.objects.unscoped().filter(pk=wang.pk).update(points_balance=40)
    v.points_spend(actor=sec, volunteer=_fresh(wang), reward=world.vol.reward)
    assert _events("volunteer", wang.pk)[-1] == "points_spent" and _fresh(wang).points_balance == 10
