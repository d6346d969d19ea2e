"""Pension certifications (yearly, the due list) and safety fittings (due dates, a due list per grid)."""

import datetime as dt

import pytest

from linli.convenience import services
from linli.convenience.models import Certification, Fitting
from linli.core.errors import DomainError


def test_a_certification_in_the_future_or_twice_a_day_is_refused(world, today):
    before = Certification.objects.in_community(world.a).count()
    with pytest.raises(DomainError):
        services.certification_record(actor=world.user("worker"), community=world.a, resident_id=world.wang.pk,
                                      certified_on=today + dt.timedelta(days=1))  # fmt: skip
    services.certification_record(actor=world.user("worker"), community=world.a, resident_id=world.wang.pk)
    with pytest.raises(DomainError):
        services.certification_record(actor=world.user("worker"), community=world.a, resident_id=world.wang.pk)
    assert Certification.objects.in_community(world.a).count() == before + 1


def test_a_grid_worker_fits_only_in_his_grid(world):
    before = Fitting.objects.in_community(world.a).count()
    with pytest.raises(DomainError):
        services.fitting_record(actor=world.user("grid1"), community=world.a, dwelling_id=world.dwelling2.pk,
                                kind="handrail")  # fmt: skip
    assert Fitting.objects.in_community(world.a).count() == before


def test_a_check_moves_the_due_dates_on(world, cw, today):
    row = services.fitting_check(actor=world.user("grid1"), fitting=cw.fitting, battery_changed=True)
    assert row.last_checked_on == today and row.battery_due_date == today + dt.timedelta(days=365)


def _due(world) -> set[int]:
    from linli.convenience import selectors
    from linli.core.scoping import scope_for

    rows = selectors.certification_due(scope=scope_for(world.user("worker")), community_id=world.a.pk)
    return set(rows.values_list("pk", flat=True))


def _elder(world, name: str, born: dt.date):
    from linli.people.models import Resident

    return Resident.objects.create(community=world.a, name=name, birth_date=born, dwelling=world.dwelling1)


def test_the_due_list_holds_elders_never_certified_and_those_a_year_ago(world, cw, today):
    never = _elder(world, "从没认证", dt.date(today.year - 75, 1, 1))
    recent = _elder(world, "刚认证过", dt.date(today.year - 70, 1, 1))
    young = _elder(world, "五十九岁", dt.date(today.year - 59, 1, 1))
    services.certification_record(actor=world.user("worker"), community=world.a, resident_id=recent.pk,
                                  certified_on=today - dt.timedelta(days=100))  # fmt: skip
    due = _due(world)
    assert never.pk in due and recent.pk not in due and young.pk not in due
    assert world.wang.pk in due  # certified 370 days ago (the world's)
