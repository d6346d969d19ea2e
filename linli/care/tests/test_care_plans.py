"""Care plans: a missed contact escalates to the grid's worker the day it is found and to the
secretary the next; a contact that reaches the person settles it; health notes only for the
granted; emergency numbers kept encrypted and shown masked."""

import datetime as dt

import pytest
from django.test import Client

from linli.care import services
from linli.care.models import CareContact, CareEscalation, CarePlan
from linli.core.errors import DomainError


def _open(world):
    return CareEscalation.objects.in_community(world.a).filter(resolved_at__isnull=True)


def test_an_overdue_contact_escalates_once_then_to_the_secretary(world, today):
    assert list(_open(world).values_list("level", "reason")) == [(1, "overdue")]
    services.sweep_care_contacts(today=today)  # again the same day: nothing new
    assert _open(world).count() == 1 and _open(world).get().level == 1
    counts = services.sweep_care_contacts(today=today + dt.timedelta(days=1))
    assert counts["to_secretary"] == 1 and _open(world).get().level == 2


def test_a_contact_that_reaches_the_person_settles_the_escalation(world, today):
    plan = world.care.plan
    services.care_contact_log(
        actor=world.user("grid1"), plan=plan, kind="phone", reached=True, schedule=world.care.schedule
    )
    assert _open(world).count() == 0
    schedule = plan.schedules.get()
    assert schedule.next_due_date == today + dt.timedelta(days=7)


def test_a_call_not_answered_escalates_the_same_day(world, today):
    services.care_contact_log(actor=world.user("grid1"), plan=world.care.plan, kind="phone", reached=True)
    services.care_contact_log(actor=world.user("grid1"), plan=world.care.plan, kind="phone", reached=False)
    services.sweep_care_contacts(today=today)
    assert list(_open(world).values_list("reason", "level")) == [("not_reached", 1)]


def test_a_repeated_key_logs_one_contact(world):
    key = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    for _ in range(2):
        services.care_contact_log(actor=world.user("grid1"), plan=world.care.plan, kind="visit", reached=True, key=key)
    assert CareContact.objects.in_community(world.a).filter(key=key).count() == 1


def test_health_notes_only_for_the_granted(world):
    assert services.health_notes_read(actor=world.user("secretary"), plan=world.care.plan) == "高血压，每天服药"
    with pytest.raises(DomainError):
        services.health_notes_read(actor=world.user("grid1"), plan=world.care.plan)


def test_a_refused_plan_changes_nothing(world):
    before = CarePlan.objects.in_community(world.a).count()
    with pytest.raises(DomainError):  # grid workers log contacts, they do not set up plans
        services.care_plan_save(
            actor=world.user("grid1"),
            community=world.a,
            data=services.CarePlanInput(resident_id=world.zhang.pk, reason="独居老人"),
        )
    with pytest.raises(DomainError):  # one active plan per person
        services.care_plan_save(
            actor=world.user("secretary"),
            community=world.a,
            data=services.CarePlanInput(resident_id=world.wang.pk, reason="独居老人"),
        )
    assert CarePlan.objects.in_community(world.a).count() == before


def test_the_plan_page_masks_the_emergency_number(world):
    client = Client()
    client.force_login(world.user("secretary"))
    body = client.get(f"/care/care/{world.care.plan.pk}/").content.decode()
    assert "139****2222" in body and "13911112222" not in body and "高血压" not in body
