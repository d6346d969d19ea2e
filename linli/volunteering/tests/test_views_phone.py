"""The volunteer's phone pages: logging his own hours, the whole path in a browser; reporting in."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from linli.party.models import ReportIn
from linli.volunteering.models import DutySignup, Invitation, ServiceRecord, Volunteer


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_phone_form_refuses_hours_ending_before_they_start_and_keeps_the_text(world):
    client = _client(world, "resident")
    before = ServiceRecord.objects.unscoped().count()
    day = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    page = client.post("/volunteering/me/log/", {"title": "陪李奶奶就医", "day": day, "start": "10:00", "end": "09:00"})
    body = page.content.decode()
    assert page.status_code == 200 and "结束时间要晚于开始时间" in body and "陪李奶奶就医" in body
    page = client.post("/volunteering/me/log/", {"title": "陪李奶奶就医", "day": "2026-02-31", "start": "x", "end": ""})
    assert "请填写服务的开始时间和结束时间" in page.content.decode()
    assert ServiceRecord.objects.unscoped().count() == before


@pytest.mark.browser
def test_a_volunteer_accepts_on_the_phone_logs_hours_and_staff_verify(page_for, live_server, world):
    DutySignup.objects.unscoped().filter(pk=world.vol.signup.pk).delete()  # the invitation signs her up
    type(world.vol.duty).objects.unscoped().filter(pk=world.vol.duty.pk).update(signed=0)
    phone = page_for("resident", width=390)
    phone.goto(live_server.url + "/volunteering/me/")
    expect(phone.locator("body")).to_contain_text("社区邀请您")
    phone.get_by_role("button", name="接受").click()
    expect(phone.locator("body")).to_contain_text("已接受")
    assert Invitation.objects.unscoped().get(pk=world.vol.invitation.pk).status == "accepted"
    assert DutySignup.objects.unscoped().filter(duty=world.vol.duty, volunteer=world.vol.wang).exists()
    phone.get_by_role("link", name="登记时长").click()
    phone.fill("#f-title", "帮独居老人代购")
    phone.fill("#f-day", (timezone.localdate() - dt.timedelta(days=3)).isoformat())
    phone.fill("#f-start", "09:00")
    phone.fill("#f-end", "11:30")
    phone.get_by_role("button", name="提交").click()
    expect(phone.locator("body")).to_contain_text("已登记")
    record = ServiceRecord.objects.unscoped().get(title="帮独居老人代购")
    assert (record.status, record.minutes) == ("pending", 150)
    desk = page_for("worker")
    desk.goto(live_server.url + "/volunteering/records/")
    desk.locator(f"input[name=records][value='{record.pk}']:visible").check()
    desk.get_by_role("button", name="核实所选记录").first.click()
    expect(desk.locator("body")).to_contain_text("已核实1条记录")
    assert Volunteer.objects.unscoped().get(pk=world.vol.wang.pk).verified_minutes == 150
    phone.goto(live_server.url + "/volunteering/me/")
    expect(phone.locator("body")).to_contain_text(re.compile(r"2\.5\s*累计小时"))


def test_reporting_to_a_community_that_does_not_exist(world):
    client = _client(world, "resident")
    form = {"community": "no-such-place", "name": "周明", "workplace": "区税务局", "own_org": "第二党支部",
            "commitment_hours": "12"}  # fmt: skip
    page = client.post("/party/report-in/", form)
    assert "没有代码为“no-such-place”的社区" in page.content.decode()
    api = client.post("/api/v1/party/report-ins", {"community_code": "nowhere", "name": "周明", "workplace": "x",
                                                   "own_org": "y"}, content_type="application/json")  # fmt: skip
    assert api.status_code == 400 and api.json()["error"]["code"] == "unknown_community"
    assert ReportIn.objects.unscoped().filter(name="周明", user=world.user("resident")).count() == 0
