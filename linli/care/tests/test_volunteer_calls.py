"""A volunteer's call on a care plan: logged by staff, its minutes become the volunteer's verified
service hours through volunteering's service, once (a repeated key records nothing more); bad
minutes are refused before anything is written; a grid worker's log keeps the contact and says
why the hours wait."""

import datetime as dt
import uuid

import pytest
from django.test import Client

from linli.care import services
from linli.care.models import CareContact
from linli.core.errors import DomainError
from linli.volunteering.models import ServiceRecord, Volunteer


@pytest.fixture
def call(world, today):
    """The world's weekly call given to 赵敏, a volunteer."""
    return services.schedule_change(actor=world.user("secretary"), schedule=world.care.schedule, data=(
        services.ScheduleChange(kind="volunteer", every_days=7, responsible="volunteer", next_due_date=today,
                                responsible_volunteer_id=world.vol.guest.pk)))  # fmt: skip


def _records(world):
    return ServiceRecord.objects.in_community(world.a).filter(volunteer=world.vol.guest)


def _minutes(world):
    return Volunteer.objects.in_community(world.a).get(pk=world.vol.guest.pk).verified_minutes


def test_a_volunteer_call_records_his_hours_once(world, call):
    sec, key = world.user("secretary"), str(uuid.uuid4())
    start = _minutes(world)
    for _ in range(2):  # the tap repeated
        contact = services.care_contact_log(actor=sec, plan=world.care.plan, kind="volunteer", reached=True,
                                            schedule=call, key=key, minutes=25)  # fmt: skip
    record = _records(world).get()
    assert (record.minutes, record.status, record.title) == (25, "verified", "关爱电话")
    assert contact.service_record_id == record.pk and contact.minutes == 25
    assert _minutes(world) == start + 25
    assert CareContact.objects.in_community(world.a).filter(key=key).count() == 1


def test_the_default_is_fifteen_minutes_and_other_schedules_record_none(world, call):
    sec = world.user("secretary")
    services.care_contact_log(actor=sec, plan=world.care.plan, kind="volunteer", reached=False, schedule=call)
    assert list(_records(world).values_list("minutes", flat=True)) == [15]
    before = ServiceRecord.objects.in_community(world.a).count()
    services.care_contact_log(actor=sec, plan=world.care.plan, kind="phone", reached=True, minutes=30)
    assert ServiceRecord.objects.in_community(world.a).count() == before


@pytest.mark.parametrize("minutes", [0, 241, -1])
def test_bad_minutes_are_refused_and_nothing_is_written(world, call, minutes):
    before = (CareContact.objects.in_community(world.a).count(), _records(world).count(), _minutes(world))
    with pytest.raises(DomainError, match="1到240分钟"):
        services.care_contact_log(actor=world.user("secretary"), plan=world.care.plan, kind="volunteer",
                                  reached=True, schedule=call, minutes=minutes)  # fmt: skip
    assert (CareContact.objects.in_community(world.a).count(), _records(world).count(), _minutes(world)) == before


def test_a_grid_workers_log_keeps_the_contact_and_says_the_hours_wait(world, call):
    contact = services.care_contact_log(actor=world.user("grid1"), plan=world.care.plan, kind="volunteer",
                                        reached=True, schedule=call)  # fmt: skip
    assert contact.pk and contact.service_record_id is None and "工作人员" in contact.hours_problem
    assert not _records(world).exists()


def test_an_overlapping_call_keeps_the_contact_without_hours(world, call):
    sec, now = world.user("secretary"), dt.datetime.now().astimezone()
    services.care_contact_log(actor=sec, plan=world.care.plan, kind="volunteer", reached=True, schedule=call,
                              contacted_at=now, minutes=30)  # fmt: skip
    second = services.care_contact_log(actor=sec, plan=world.care.plan, kind="volunteer", reached=True,
                                       schedule=call, contacted_at=now - dt.timedelta(minutes=10))  # fmt: skip
    assert second.pk and second.service_record_id is None and "重叠" in second.hours_problem
    assert _records(world).count() == 1


def test_the_form_logs_the_call_and_the_volunteer_page_shows_it(world, call):
    client = Client()
    client.force_login(world.user("secretary"))
    plan = world.care.plan
    key = str(uuid.uuid4())
    body = {"schedule": call.pk, "kind": "volunteer", "reached": "1", "minutes": "20", "key": key}
    for _ in range(2):
        r = client.post(f"/care/care/{plan.pk}/contact/", body, follow=True)
    assert "已为志愿者登记服务时长 20 分钟" in r.content.decode()
    assert _records(world).get().minutes == 20
    r = client.post(f"/care/care/{plan.pk}/contact/", {**body, "key": str(uuid.uuid4()), "minutes": "abc"},
                    follow=True)  # fmt: skip
    assert "1到240分钟" in r.content.decode() and _records(world).count() == 1
    page = client.get(f"/volunteering/volunteers/{world.vol.guest.pk}/").content.decode()
    assert "关爱电话" in page


def test_the_api_logs_a_call_on_its_schedule_with_its_minutes_and_names_a_wrong_schedule(world, call):
    client = Client()
    client.force_login(world.user("secretary"))
    url, plan = "/api/v1/care/contacts", world.care.plan
    body = {"plan_id": plan.pk, "kind": "volunteer", "schedule_id": call.pk, "minutes": 30}
    contacts = CareContact.objects.in_community(world.a)
    before = contacts.count()
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201, made.content
    record = _records(world).get()
    assert made.json() | {"id": 0, "contacted_at": ""} == {
        "id": 0, "plan_id": plan.pk, "schedule_id": call.pk, "kind": "volunteer", "reached": True, "note": "",
        "contacted_at": "", "by_id": world.user("secretary").pk, "minutes": 30, "service_record_id": record.pk,
    }  # fmt: skip
    services.schedule_stop(actor=world.user("secretary"), schedule=call)
    refused = client.post(url, body | {"minutes": 20}, content_type="application/json")
    assert refused.status_code == 400 and "schedule_id" in refused.json()["error"]["fields"]
    assert _records(world).count() == 1 and contacts.count() == before + 1
