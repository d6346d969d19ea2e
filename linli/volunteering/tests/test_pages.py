"""The pages and the API: bad input answered with the reason and nothing saved; the volunteer's
phone flow in headless Chromium (accept an invitation, log hours), staff verify and log a group."""

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


def test_api_claims_stop_at_the_cap_and_totals_are_read(world):
    client = _client(world, "secretary")
    url = f"/api/v1/volunteering/projects/{world.vol.project.pk}/claims"
    assert client.post(url, {"volunteer_id": world.vol.guest.pk}, content_type="application/json").status_code == 201
    full = client.post(url, {"volunteer_id": world.vol.zhang.pk}, content_type="application/json")
    assert full.status_code == 409 and full.json()["error"]["code"] == "full"
    one = client.get(f"/api/v1/volunteering/volunteers/{world.vol.wang.pk}").json()
    assert one["totals"]["pending_count"] == 1 and one["star"] == 0 and one["skills"] == ["理发", "电脑"]
    resident = _client(world, "resident")
    projects = resident.get(f"/api/v1/volunteering/projects?community_id={world.a.pk}").json()["items"]
    assert projects[0]["claim_count"] == 2 and projects[0]["claimants"] == []  # names only for staff


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


def test_api_takes_times_without_a_zone_as_local_and_refuses_ids_out_of_range(world):
    client = _client(world, "secretary")
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = {"volunteer_id": world.vol.guest.pk, "title": "义诊协助", "started_at": f"{day}T10:00:00",
            "ended_at": f"{day}T11:30:00"}  # fmt: skip
    made = client.post("/api/v1/volunteering/records", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["started_at"].endswith("+08:00") and made.json()["minutes"] == 90
    far = client.post("/api/v1/volunteering/records", {**body, "started_at": f"{day}T12:00:00",
                      "ended_at": f"{day}T13:00:00", "team_id": 10**20}, content_type="application/json")  # fmt: skip
    assert far.status_code == 400 and "team_id" in far.json()["error"]["fields"]  # ids are bounded by the schema
    listed = client.get(f"/api/v1/volunteering/records?community_id={10**20}")
    assert listed.status_code == 400 and "community_id" in listed.json()["error"]["fields"]
    one = client.get(f"/api/v1/volunteering/volunteers/{10**20}")
    assert one.status_code == 400 and "volunteer_id" in one.json()["error"]["fields"]


def test_who_is_an_in_service_party_member_is_shown_only_to_party_staff(world):
    member = world.vol.confirmed.volunteer  # 周明, in-service, of 区教育局
    grid = _client(world, "grid1")  # sees volunteers, not the party
    page = grid.get("/volunteering/volunteers/").content.decode()
    assert "周明" in page and "在职党员" not in page
    assert "在职党员" not in grid.get(f"/volunteering/volunteers/{member.pk}/").content.decode()
    assert grid.get("/volunteering/volunteers/?q=区教育局").content.decode().count("周明") == 0
    api = grid.get(f"/api/v1/volunteering/volunteers/{member.pk}").json()
    assert (api["in_service"], api["workplace"]) == (False, "")
    listed = grid.get(f"/api/v1/volunteering/volunteers?community_id={world.a.pk}&in_service=true").json()["items"]
    assert all(not v["in_service"] and not v["workplace"] for v in listed)
    secretary = _client(world, "secretary")
    assert "在职党员" in secretary.get(f"/volunteering/volunteers/{member.pk}/").content.decode()
    assert secretary.get(f"/api/v1/volunteering/volunteers/{member.pk}").json()["workplace"] == "区教育局"
