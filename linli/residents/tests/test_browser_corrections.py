"""A linked resident on a 390-px phone asks from 我的信息 for a new phone number; the worker at the
desk sees it masked, reveals it with a reason, accepts it; the resident sees the outcome and the
message. Every page passes axe (WCAG 2 A/AA)."""

import os

import pytest
from playwright.sync_api import expect

from linli.core.models import AccessLog
from linli.core.tests.axe import violations
from linli.people.models import Resident

pytestmark = pytest.mark.browser
SHOTS = "/tmp/correction-shots"
PHONE = "13611112222"


def _shot(page, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_resident_corrects_his_phone_and_the_worker_accepts_it_masked(page_for, live_server, world):
    phone = page_for("resident", width=390)
    phone.goto(live_server.url + "/me/")
    link = phone.locator("[data-correction-link]")
    expect(link).to_be_visible()
    assert violations(phone) == []
    _shot(phone, "01-me-390")
    link.click()
    phone.select_option("#id_field", "phone")
    phone.fill("#id_proposed", PHONE)
    phone.fill("#id_note", "原来的号码不用了")
    _shot(phone, "02-form-390")
    phone.get_by_role("button", name="提交申请").click()
    expect(phone.locator(".alert-success")).to_contain_text("已提交更正申请")
    row = phone.locator("[data-correction]").first
    expect(row).to_contain_text(PHONE)  # his own number, in full
    expect(row).to_contain_text("待处理")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(phone) == []
    _shot(phone, "03-pending-390")

    desk = page_for("worker")
    desk.goto(live_server.url + "/residents/corrections/")
    card = desk.locator("[data-correction]").first
    expect(card.locator("[data-proposed]")).to_have_text("136****2222")
    expect(card).not_to_contain_text(PHONE)
    assert violations(desk) == []
    _shot(desk, "04-queue-masked-1280")
    card.get_by_role("button", name="查看完整").click()
    card.get_by_placeholder("查看原因（将记入访问日志）").fill("核对新号码")
    card.get_by_role("button", name="查看", exact=True).click()
    expect(card.locator("[data-revealed]")).to_have_text(PHONE)
    assert AccessLog.objects.filter(action="reveal", fields="proposed_phone", reason="核对新号码").count() == 1
    assert violations(desk) == []
    _shot(desk, "05-queue-revealed-1280")
    card.get_by_role("button", name="同意更正").click()
    expect(desk.locator(".alert-success")).to_contain_text("已更正登记信息")
    expect(desk.locator("[data-correction]")).to_have_count(0)
    assert violations(desk) == []
    _shot(desk, "06-queue-done-1280")

    phone.goto(live_server.url + "/residents/me/corrections/")
    row = phone.locator("[data-correction]").first
    expect(row).to_contain_text("已更正")
    expect(row).to_contain_text("*******2222")  # decided: the number is no longer kept here
    assert violations(phone) == []
    _shot(phone, "07-outcome-390")
    phone.goto(live_server.url + "/messages/")
    expect(phone.locator("body")).to_contain_text("您的登记信息已更正")
    assert violations(phone) == []
    _shot(phone, "08-message-390")
    assert Resident.objects.unscoped().get(pk=world.wang.pk).phone_last4 == "2222"
