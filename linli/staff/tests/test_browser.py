"""Staff certificates in headless Chromium: the secretary sees 持证社工 9/11（82%） on the roster at
1280, records a certificate for a grid worker (dates the wrong way round first: the message, the
typed number kept), reveals its number with a reason; the roster and a member's page at 390 px.
axe-core's WCAG 2 A/AA checks on each whole page. Screenshots in /tmp/staff-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.core.tests.axe import violations
from linli.staff.tests.test_certificates import certify_nine

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/staff-shots")


def _check(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    found = violations(page)
    assert found == [], found


def test_the_secretary_records_a_certificate_and_sees_the_share(page_for, live_server, world):
    staff = certify_nine(world)
    page = page_for("secretary")
    page.goto(live_server.url + "/staff/")
    expect(page.locator("#certified-share")).to_contain_text("9/11（82%）")
    _check(page, "roster-1280")

    page.goto(live_server.url + f"/staff/{staff[10].pk}/certificates/")
    page.select_option("#id_kind", "assistant")
    page.fill("#id_number", "2024140300999")
    page.fill("#id_issued_on", "2024-06-01")
    page.fill("#id_valid_until", "2024-05-01")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("#id_valid_until_error")).to_contain_text("须晚于发证日期")
    expect(page.locator("#id_number")).to_have_value("2024140300999")
    _check(page, "member-error-1280")
    page.fill("#id_valid_until", "2099-05-01")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("已登记证书")
    expect(page.get_by_text("20*******0999")).to_be_visible()
    page.get_by_placeholder("查看原因，如：报送持证人员名单").fill("报送持证人员名单")
    page.get_by_role("button", name="查看完整编号").click()
    expect(page.get_by_text("2024140300999")).to_be_visible()
    _check(page, "member-1280")

    page.goto(live_server.url + "/staff/")
    expect(page.locator("#certified-share")).to_contain_text("10/11（91%）")


def test_the_roster_and_a_members_page_on_a_phone(page_for, live_server, world):
    staff = certify_nine(world)
    page = page_for("secretary", width=390)
    page.goto(live_server.url + "/staff/")
    expect(page.locator("#certified-share")).to_contain_text("9/11（82%）")
    _check(page, "roster-390")
    page.goto(live_server.url + f"/staff/{staff[0].pk}/certificates/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("的证书")
    _check(page, "member-390")
