"""The visit form without a network, in headless Chromium at 390 px: the grid worker goes into a
stairwell with no signal, opens the visit page again from the phone (the service worker's copy),
records two visits, sees "2 条待发送"; back in signal, the page sends them and each is recorded once.
A visit the server refuses stays on the phone with its reason until the worker deletes it."""

import json

import pytest
from playwright.sync_api import expect

from linli.care.models import Visit
from linli.core.tests.axe import violations

pytestmark = pytest.mark.browser


def _controlled(page, url):
    """Open `url` until the care service worker controls it (its first load installs the worker;
    the load after that goes through it, so the page is kept for offline)."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")


def _record(page, finding):
    page.locator(f"label[for=finding-{finding}]").click()
    page.get_by_role("button", name="提交走访").click()
    expect(page.locator("[data-visit-status]")).to_contain_text("已存在手机上")


def test_two_visits_typed_offline_are_sent_once_when_the_network_returns(page_for, live_server, world, tmp_path):
    page = page_for("grid1", width=390)
    console = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    url = live_server.url + f"/care/households/{world.household.pk}/visit/"
    _controlled(page, url)
    before = set(Visit.objects.in_community(world.a).values_list("pk", flat=True))

    page.context.set_offline(True)
    _record(page, "health")
    page.goto(url)  # the stairwell: the page comes from the phone, the visit typed there is still waiting
    expect(page.locator("[data-queue-count]")).to_have_text("1 条待发送")
    _record(page, "fine")
    expect(page.locator("[data-queue-count]")).to_have_text("2 条待发送")
    page.screenshot(path=str(tmp_path / "offline-390.png"), full_page=True)
    assert violations(page) == []
    assert set(Visit.objects.in_community(world.a).values_list("pk", flat=True)) == before

    page.context.set_offline(False)
    expect(page.locator("[data-queue-count]")).to_have_text("", timeout=15000)
    expect(page.locator("[data-care-queue]")).to_contain_text("已发送 2 条走访")
    new = Visit.objects.in_community(world.a).exclude(pk__in=before)
    assert sorted(v.findings[0] for v in new) == ["fine", "health"], console
    assert len({v.key for v in new}) == 2
    page.evaluate("window.linliCareQueue.flush()")  # sent again: nothing more
    assert Visit.objects.in_community(world.a).exclude(pk__in=before).count() == 2


def test_a_refused_visit_stays_with_its_reason_until_deleted(page_for, live_server, world, tmp_path):
    page = page_for("grid1", width=390)
    url = live_server.url + f"/care/households/{world.household.pk}/visit/"
    page.goto(url)
    reason = "这一户不在您负责的网格内（或已注销），不能登记走访。"

    def refuse(route):
        items = json.loads(route.request.post_data)["items"]
        results = [{"key": i["key"], "status": "refused", "code": "not_yours", "message": reason,
                    "field": "household", "created": False, "id": None, "url": ""} for i in items]  # fmt: skip
        route.fulfill(json={"results": results, "recorded": 0, "refused": len(results)})

    page.route("**/api/v1/care/visits/sync", refuse)
    page.context.set_offline(True)
    _record(page, "health")
    expect(page.locator("[data-queue-count]")).to_have_text("1 条待发送")
    page.context.set_offline(False)
    refused = page.locator("[data-queue-refused] li")
    expect(refused).to_have_count(1, timeout=15000)
    expect(refused).to_contain_text(reason)
    expect(page.locator("[data-queue-count]")).to_have_text("")
    expect(page.locator("[data-queue-refused-title]")).to_be_visible()
    expect(page.locator("[data-visit-status]")).to_have_text("")  # no longer "waiting on the phone"
    page.screenshot(path=str(tmp_path / "refused-390.png"), full_page=True)
    assert violations(page) == []
    refused.get_by_role("button", name="删除").click()
    expect(refused).to_have_count(0)
    expect(page.locator("[data-queue-refused-title]")).to_be_hidden()
    page.reload()
    expect(page.locator("[data-queue-refused] li")).to_have_count(0)
    assert not Visit.objects.in_community(world.a).exclude(pk=world.care.visit.pk).exists()
