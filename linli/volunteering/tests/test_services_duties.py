"""Duties: signing up, checking in and out into a pending record, a full duty."""

import datetime as dt

import pytest
from django.utils import timezone

from linli.core.errors import ConflictError, DomainError
from linli.core.models import Event
from linli.volunteering import services as v
from linli.volunteering.models import Duty


def test_a_duty_signs_up_checks_in_and_out_into_a_pending_record(world):
    vol, resident = world.vol, world.user("resident")
    duty, signup = vol.duty, vol.signup  # tomorrow 09:00–12:00, 3 places; she signed up
    with pytest.raises(ConflictError, match="已经报名"):
        v.duty_signup(actor=resident, duty=duty, volunteer=vol.wang)
    with pytest.raises(DomainError, match="1小时内才能签到"):
        v.duty_check_in(actor=resident, signup=signup)
    Duty.objects.unscoped().filter(pk=duty.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2), ends_at=timezone.now() + dt.timedelta(hours=1)
    )
    signup.duty.refresh_from_db()
    with pytest.raises(DomainError, match="还没有签到"):
        v.duty_check_out(actor=resident, signup=signup)
    v.duty_check_in(actor=resident, signup=signup)
    signup.checked_in_at = timezone.now() - dt.timedelta(minutes=90)  # she has been there an hour and a half
    type(signup).objects.unscoped().filter(pk=signup.pk).update(checked_in_at=signup.checked_in_at)
    record = v.duty_check_out(actor=resident, signup=signup)
    assert (record.status, record.source, record.minutes, record.duty_id) == ("pending", "duty", 90, duty.pk)
    with pytest.raises(ConflictError, match="签退过"):
        v.duty_check_out(actor=resident, signup=signup)


def test_a_full_duty_refuses_the_next_one(world):
    sec, vol = world.user("secretary"), world.vol
    Duty.objects.unscoped().filter(pk=vol.duty.pk).update(slots=2)  # 王芳 has one of them
    v.duty_signup(actor=sec, duty=Duty.objects.unscoped().get(pk=vol.duty.pk), volunteer=vol.zhang)
    with pytest.raises(ConflictError, match="人数已满"):
        v.duty_signup(actor=sec, duty=Duty.objects.unscoped().get(pk=vol.duty.pk), volunteer=vol.guest)


def _events(subject_type: str, pk: int) -> list[str]:
    rows = Event.objects.filter(module="volunteering", subject_type=subject_type, subject_id=pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_signing_up_and_cancelling_leave_rows_on_the_duty(world):
    duty, guest, sec = world.vol.duty, world.vol.guest, world.user("secretary")
    signup = v.duty_signup(actor=sec, duty=duty, volunteer=guest)
    v.duty_cancel(actor=sec, signup=signup)
    assert _events("volunteer_duty", duty.pk)[-2:] == ["duty_signed_up", "duty_signup_cancelled"]
    assert Duty.objects.unscoped().get(pk=duty.pk).signed == 1  # 王芳 still signed up
