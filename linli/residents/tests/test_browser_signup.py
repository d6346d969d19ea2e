"""A new resident signs up on a 390-px phone with the code the (locmem) SMS backend received, asks
to be linked to his record, the worker confirms on the desk, and the resident sees his household."""

import re

import pytest
from playwright.sync_api import expect

from linli.core.tests.world import ID_ZHANG
from linli.messaging.backends import locmem
from linli.people.services import household_add_member, household_create

pytestmark = pytest.mark.browser
SHOTS = "/tmp/signup-shots"


def _shot(page, name: str) -> None:
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_new_resident_signs_up_asks_to_be_linked_and_sees_his_household(browser, page_for, live_server, world):
    household = household_create(actor=world.user("secretary"), community=world.a, number="A002",
                                 dwelling_id=world.dwelling2.pk)  # fmt: skip
    household_add_member(actor=world.user("secretary"), household=household, resident=world.zhang, relation="head")
    locmem.outbox.clear()
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(live_server.url + "/residents/signup/")
    _shot(page, "01-signup-390")
    page.fill("#id_phone", "13655556666")
    page.get_by_role("button", name="获取验证码").click()
    page.wait_for_url(re.compile(r".*/residents/signup/verify/$"))
    code = locmem.outbox[-1].params[0]
    assert locmem.outbox[-1].address == "13655556666" and len(code) == 6
    page.fill("#id_code", code)
    _shot(page, "02-code-390")
    page.get_by_role("button", name="注册").click()
    page.wait_for_url(re.compile(r".*/residents/start/$"))
    page.fill("#id_name", "张三")
    page.fill("#id_id_number", ID_ZHANG)
    page.select_option("#id_building", str(world.building2.pk))
    page.fill("#id_room", "502")
    _shot(page, "03-link-form-390")
    page.get_by_role("button", name="提交关联申请").click()
    expect(page.locator("[data-pending]")).to_contain_text("请等待社区工作人员确认")
    _shot(page, "04-pending-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(live_server.url + "/cases/mine/")  # not linked yet: no resident's pages
    expect(page.locator("body")).not_to_contain_text("王芳")

    desk = page_for("worker")
    expect(desk.locator("[data-card=link-requests]")).to_contain_text("1 位居民申请关联")
    _shot(desk, "05-home-card-1280")
    desk.goto(live_server.url + "/residents/requests/")
    card = desk.locator("[data-request]").first
    expect(card).to_contain_text("440524********0014")
    expect(card).not_to_contain_text(ID_ZHANG)
    _shot(desk, "06-requests-1280")
    card.get_by_role("button", name="确认关联").click()
    expect(desk.locator(".alert-success")).to_contain_text("已确认")

    page.goto(live_server.url + "/residents/start/")
    expect(page.locator("[data-household]")).to_contain_text("A002")
    expect(page.locator("[data-household]")).to_contain_text("张三")
    expect(page.locator("[data-unread]").first).to_have_text("1")
    _shot(page, "07-household-390")
    page.goto(live_server.url + "/messages/")
    expect(page.locator("body")).to_contain_text("您的登记信息已关联")
    _shot(page, "08-messages-390")
    phone.close()
