"""Teams in headless Chromium: the resident on a 390-px phone finds the choir, sees its award and asks
to join (his request already pending in the world: he is told so), the secretary at 1280 sees the
request, accepts it, records an award (the date missing first: the message, the title kept) and the
team's page lists its members and awards. axe-core's WCAG 2 A/AA checks on each whole page.
Screenshots in /tmp/orgs-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.core.tests.axe import violations
from linli.orgs.models import Member

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/orgs-shots")


def _check(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    found = violations(page)
    assert found == [], found


def test_a_resident_sees_the_choir_and_the_secretary_takes_him_in(page_for, live_server, world):
    phone = page_for("resident", 390)
    phone.goto(live_server.url + "/orgs/")
    _check(phone, "list-390")
    phone.get_by_role("link", name="仙湖合唱团").click()
    expect(phone.locator("main")).to_contain_text("区合唱展演 二等奖")
    expect(phone.locator("main")).to_contain_text("您的申请已提交")
    expect(phone.locator("main")).not_to_contain_text("张三")
    _check(phone, "team-390-resident")

    desk = page_for("secretary")
    desk.goto(live_server.url + f"/orgs/{world.orgs.choir.pk}/")
    expect(desk.locator("main")).to_contain_text("我会唱歌")
    _check(desk, "team-1280-secretary")
    desk.get_by_role("button", name="同意加入").click()
    expect(desk.locator("main")).to_contain_text("已同意加入")
    assert Member.objects.unscoped().filter(org=world.orgs.choir, resident=world.wang, left_on__isnull=True).exists()

    desk.fill("#id_title", "市合唱节 金奖")
    desk.select_option("#id_level", "city")
    desk.locator("#award-h").locator("xpath=..").get_by_role("button", name="记录").click()
    expect(desk.locator("main")).to_contain_text("这个字段是必填项")
    expect(desk.locator("#id_title")).to_have_value("市合唱节 金奖")
    desk.fill("#id_on", "2026-10-01")
    desk.locator("#award-h").locator("xpath=..").get_by_role("button", name="记录").click()
    expect(desk.locator("main")).to_contain_text("市合唱节 金奖")
    expect(desk.locator("main")).to_contain_text("王芳")
    _check(desk, "team-1280-after")

    phone.reload()
    expect(phone.locator("main")).to_contain_text("您是这支队伍的成员")
    _check(phone, "team-390-member")


def test_the_secretary_books_the_choirs_weekly_time_past_a_clash_and_stops_it(page_for, live_server, world):
    """The team page's 预约固定活动时间 card at 1280: the preview lists the date that clashes with the
    world's booking, the rest are booked, the time shows on the page until it is stopped."""
    from django.utils import timezone

    from linli.venues.models import Booking

    clash_day = timezone.localtime(world.venues.booking.starts_at).weekday()  # the world's booking, 10:00
    sec = page_for("secretary")
    sec.goto(f"{live_server.url}/orgs/{world.orgs.choir.pk}/")
    sec.select_option("#id_thing", str(world.venues.table.pk))
    sec.select_option("#id_weekday", str(clash_day))
    sec.fill("#id_weeks", "3")
    sec.fill("#id_starts_time", "10:00")
    sec.fill("#id_ends_time", "11:00")
    sec.get_by_role("button", name="查看可预约的日期").click()
    expect(sec.locator("#meeting [role=status]")).to_contain_text("有 1 次冲突")
    _check(sec, "meeting-preview-1280")
    sec.get_by_role("button", name="跳过冲突的日期，预约其余的").click()
    expect(sec.locator(".alert-success")).to_contain_text("共2次")
    expect(sec.locator("#meetings")).to_contain_text("10:00–11:00")
    _check(sec, "meeting-booked-1280")
    sec.locator("#meetings summary", has_text="停止").click()
    sec.get_by_role("button", name="取消以后的预约").click()
    expect(sec.locator(".alert-success")).to_contain_text("取消了以后的2次预约")
    expect(sec.locator("#meetings")).to_have_count(0)
    booked = Booking.objects.in_community(world.a).filter(series__isnull=False)
    assert set(booked.values_list("status", flat=True)) == {"cancelled"}
