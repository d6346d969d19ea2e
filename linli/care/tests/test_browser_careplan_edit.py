"""The care plan's schedule edited at 390 px (a grid office phone) and 1280 px: a refused interval
says so and keeps the schedule; the call given to a volunteer; the call logged from the plan page
with its minutes becomes the volunteer's hours. No horizontal scroll, no axe violations."""

import re

import pytest
from playwright.sync_api import expect

from linli.care.models import CareSchedule
from linli.core.tests.axe import violations
from linli.volunteering.models import ServiceRecord

pytestmark = pytest.mark.browser


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [390, 1280])
def test_staff_give_the_call_to_a_volunteer_and_log_it(page_for, live_server, world, width, tmp_path):
    page = page_for("secretary", width=width)
    plan, schedule = world.care.plan, world.care.schedule
    page.goto(live_server.url + f"/care/care/{plan.pk}/")
    page.locator(f"a[href='/care/care/schedules/{schedule.pk}/']").click()
    page.wait_for_url(re.compile(rf".*/care/care/schedules/{schedule.pk}/$"))
    page.fill("#every-days", "400")
    page.evaluate("document.querySelector('#every-days').removeAttribute('max')")  # past the browser's check
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("间隔天数须在1到365之间")
    assert CareSchedule.objects.in_community(world.a).get(pk=schedule.pk).every_days == 7
    _no_sideways_scroll(page)
    assert violations(page) == []
    page.fill("#every-days", "14")
    page.check("#who-volunteer")
    page.select_option("#responsible-volunteer", str(world.vol.guest.pk))
    page.screenshot(path=str(tmp_path / f"schedule-{width}.png"), full_page=True)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(rf".*/care/care/{plan.pk}/$"))
    expect(page.locator("body")).to_contain_text("赵敏")
    page.fill("#contact-minutes", "20")
    page.get_by_role("button", name="联系上了").click()
    expect(page.locator("body")).to_contain_text("已为志愿者登记服务时长 20 分钟")
    _no_sideways_scroll(page)
    assert violations(page) == []
    assert ServiceRecord.objects.in_community(world.a).filter(volunteer=world.vol.guest).get().minutes == 20
