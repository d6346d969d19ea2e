"""The street supervisor's dashboards in headless Chromium: the street, a drill into 仙湖社区 and one
of its compounds, last month for comparison, a chart's table exported to Excel — at 1280, on a
390-px phone and on the service centre's 1920x1080 wall, with axe-core's WCAG 2 A/AA checks on each.
Screenshots in /tmp/dashboards-shots/. (axe-core is injected with the page's CSP bypassed: the test
tool is not part of the page.)"""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from linli.core.tests.axe import violations
from linli.core.tests.world import PASSWORD
from linli.reports.tests.handmade import resident

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/dashboards-shots")


@pytest.fixture
def open_as(browser, live_server, transactional_db, world):
    contexts = []

    def login(username: str, width: int = 1280, height: int = 900):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/$"))
        return page

    yield login
    for context in contexts:
        for page in context.pages:
            page.wait_for_load_state("networkidle")
        context.close()


def _shot(page, name: str, *, full: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def _axe(page) -> None:
    found = violations(page)
    assert found == [], found


def _charts_drawn(page) -> None:
    expect(page.locator('[data-chart="trend"][data-drawn]')).to_have_count(1)


def test_the_supervisor_drills_from_the_street_to_a_compound_compares_and_exports(open_as, live_server, world):
    for i in range(6):
        resident(world.a, f"居民{i}", born=None)
    page = open_as("supervisor")
    page.goto(live_server.url + "/reports/dashboard/")
    expect(page.locator("h1")).to_contain_text(world.a.street.name)
    _charts_drawn(page)
    _axe(page)
    _shot(page, "street-1280")
    page.locator('[data-table="ranking"]').get_by_role("link", name="仙湖社区").click()
    expect(page.locator("h1")).to_contain_text("仙湖社区")
    _charts_drawn(page)
    page.locator('[data-table="ranking"]').get_by_role("link", name=world.compound.name).click()
    expect(page.locator("h1")).to_contain_text(world.compound.name)
    expect(page.locator(".breadcrumb")).to_contain_text("仙湖社区")
    page.locator('[data-month-link="last"]').click()
    expect(page.locator("#month")).to_have_value(re.compile(r"\d{4}-\d{2}"))
    assert "month=" in page.url
    _axe(page)
    _shot(page, "compound-last-month-1280")
    page.locator(".breadcrumb").get_by_role("link", name="仙湖社区").click()
    expect(page.locator("h1")).to_contain_text("仙湖社区")
    page.locator("details.figure-def summary").first.click()  # the definition, one click away
    expect(page.locator("#def-residents")).to_be_visible()
    with page.expect_download() as download:
        page.locator('[data-export="trend"]').click()
    book = CalamineWorkbook.from_filelike(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "月份" and len(rows) == 13
    _shot(page, "xianhu-1280")


def test_the_community_dashboard_on_a_phone(open_as, live_server, world):
    page = open_as("supervisor", width=390)
    page.goto(f"{live_server.url}/reports/dashboard/communities/{world.a.pk}/")
    expect(page.locator("h1")).to_contain_text("仙湖社区")
    _charts_drawn(page)
    _axe(page)
    _shot(page, "xianhu-390-top", full=False)
    _shot(page, "xianhu-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone


def test_the_big_screen_fills_the_wall(open_as, live_server, world):
    page = open_as("supervisor", width=1920, height=1080)
    page.goto(f"{live_server.url}/reports/dashboard/regions/{world.a.street_id}/?screen=wall")
    _charts_drawn(page)
    _axe(page)
    _shot(page, "street-wall-1920", full=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920
