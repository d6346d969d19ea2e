"""The paths a community worker takes, in headless Chromium (Debian's, driven by Playwright)."""

import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.core.tests.world import PASSWORD
from linli.people.models import Resident

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Debian's chromium is not installed (make browser installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server, transactional_db, world):
    contexts = []

    def login(username: str, width: int = 1280):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)  # generous: CI machines may be busy
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/$"))
        return page

    yield login
    for context in contexts:
        # The live server shares one SQLite connection between its threads: let every request of
        # this test finish (htmx fires delayed ones) before the database is flushed for the next.
        for page in context.pages:
            page.wait_for_load_state("networkidle")
        context.close()


def test_worker_logs_in_and_finds_a_resident_by_pinyin_initials(page_for, live_server):
    page = page_for("worker")
    page.get_by_role("link", name="居民").first.click()
    page.fill("#q", "zs")
    page.get_by_role("button", name="搜索").click()
    rows = page.locator("#rows tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("张三")
    expect(rows.first).to_contain_text("139****1111")
    assert "zs" not in page.url  # the query was posted, not put in the URL


def test_editing_with_an_invalid_id_number_shows_the_error(page_for, live_server, world):
    page = page_for("worker")
    page.goto(f"{live_server.url}/people/residents/{world.zhang.pk}/edit/")
    page.fill("#id_id_number", "440524188001010015")
    page.get_by_role("button", name="保存").click()
    error = page.locator("#id_id_number_error")
    error.wait_for()
    assert "校验位" in error.inner_text()
    assert Resident.objects.unscoped().get(pk=world.zhang.pk).version == 1


def test_grid_worker_moves_a_resident_out_on_a_phone(page_for, live_server, world):
    page = page_for("grid1", width=390)
    page.goto(f"{live_server.url}/people/residents/{world.wang.pk}/")
    page.get_by_role("button", name="办理迁出").click()
    page.fill("#id_place", "广州市天河区")
    page.get_by_role("button", name="确认迁出").click()
    page.get_by_text("已办理迁出").wait_for()
    wang = Resident.objects.unscoped().get(pk=world.wang.pk)
    assert (wang.status, wang.moved_out_date) == ("moved_out", timezone.localdate())


def test_revealing_a_phone_number_asks_for_a_reason(page_for, live_server, world):
    page = page_for("secretary")
    page.goto(f"{live_server.url}/people/residents/{world.wang.pk}/")
    page.locator("[data-bs-target='#reveal-phone']").click()
    form = page.locator("#reveal-phone form")
    form.locator("input[name=reason]").fill("电话回访")
    form.get_by_role("button", name="查看").click()
    page.locator("[data-revealed=phone]").wait_for()
    assert page.locator("[data-revealed=phone]").inner_text() == "13812345678"


def test_the_navigation_opens_on_a_phone(page_for):
    page = page_for("grid1", width=390)
    assert not page.get_by_role("link", name="网格").is_visible()
    page.get_by_role("button", name="菜单").click()
    page.get_by_role("link", name="网格").wait_for(state="visible")
