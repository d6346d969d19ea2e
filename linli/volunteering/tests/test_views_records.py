"""The records pages: group logging names who clashes, verifying twice by form."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from linli.volunteering.models import ServiceRecord, Volunteer


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_group_logging_page_names_who_clashes_and_saves_nothing(world):
    client = _client(world, "worker")
    record = world.vol.record
    local = timezone.localtime(record.started_at)
    data = {"title": "社区义诊", "day": local.date().isoformat(), "start": local.strftime("%H:%M"),
            "end": (local + dt.timedelta(hours=1)).strftime("%H:%M"),
            "volunteers": [world.vol.wang.pk, world.vol.guest.pk]}  # fmt: skip
    page = client.post("/volunteering/records/group/", data)
    body = page.content.decode()
    assert page.status_code == 200 and "整批没有登记" in body and "王芳" in body
    assert not ServiceRecord.objects.unscoped().filter(title="社区义诊").exists()
    page = client.post("/volunteering/records/group/", {**data, "volunteers": ["abc", "99999999999999999999"]})
    assert "请至少选择一位志愿者" in page.content.decode()


def test_verifying_twice_by_form_says_so(world):
    client = _client(world, "secretary")
    client.post("/volunteering/records/verify/", {"records": [world.vol.record.pk]})
    page = client.post("/volunteering/records/verify/", {"records": [world.vol.record.pk]}, follow=True)
    assert "不能重复核实" in page.content.decode()
    assert Volunteer.objects.unscoped().get(pk=world.vol.wang.pk).verified_minutes == 120
