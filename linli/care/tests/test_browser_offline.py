"""The visit form without a network, in headless Chromium at 390 px: the grid worker goes into a
stairwell with no signal, opens the visit page again from the phone (the service worker's copy),
records two visits, sees "2 条待发送"; back in signal, the page sends them and each is recorded once.
A visit the server refuses stays on the phone with its reason until the worker deletes it."""

import contextlib
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from linli.care.models import Visit
from linli.core.tests.axe import violations
from linli.people.services import household_create
from linli.places.models import Dwelling

SHOTS = Path("/tmp/careoffline-shots")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
KEPT = "() => caches.open('linli-care-pages').then((c) => c.keys()).then((k) => k.map((r) => r.url))"
STORES = "async () => ({dbs: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys()})"

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
    expect(page.locator("[data-visit-queued-text]")).to_have_text("已保存在手机上，联网后自动发送。")
    expect(page.locator("form[data-visit-form]")).to_be_hidden()


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
    expect(page.locator("[data-visit-queued-message]")).to_be_hidden()  # no longer "waiting on the phone"
    expect(page.get_by_role("link", name="再记一户")).to_be_visible()
    page.screenshot(path=str(tmp_path / "refused-390.png"), full_page=True)
    assert violations(page) == []
    refused.get_by_role("button", name="删除").click()
    expect(refused).to_have_count(0)
    expect(page.locator("[data-queue-refused-title]")).to_be_hidden()
    page.reload()
    expect(page.locator("[data-queue-refused] li")).to_have_count(0)
    assert not Visit.objects.in_community(world.a).exclude(pk=world.care.visit.pk).exists()


def _shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _second_household(world):
    """Room 302 next door to 王芳's 301 (same building and unit, grid 1)."""
    d = Dwelling.objects.create(community=world.a, building=world.building1, unit=world.dwelling1.unit, room="302")
    return household_create(actor=world.user("secretary"), community=world.a, number="A002", dwelling_id=d.pk)


def _kept(page, *paths):
    """Wait until the service worker has kept these pages for offline (it keeps them one by one)."""
    for _ in range(100):
        urls = page.evaluate(KEPT)
        if all(any(u.endswith(p) for u in urls) for p in paths):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"not kept: {paths} in {urls}")


def _answer_dialogs(page, answers):
    """Answer the page's dialogs in turn ("accept" / "dismiss"); the messages seen, in order."""
    seen = []
    page.on("dialog", lambda d: (seen.append(d.message), getattr(d, answers[len(seen) - 1])()))
    return seen


def _until(page, condition):
    for _ in range(100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("timed out")


def test_two_households_in_a_stairwell_without_signal_each_recorded_once(page_for, live_server, world):
    second = _second_household(world)
    page = page_for("grid1", width=390)
    rooms = f"/care/buildings/{world.building1.pk}/units/{world.dwelling1.unit_id}/"
    _controlled(page, live_server.url + rooms)  # the rooms page keeps both rooms' forms ahead
    first_form, second_form = (f"/care/households/{h.pk}/visit/" for h in (world.household, second))
    _kept(page, rooms, first_form, second_form)
    before = set(Visit.objects.in_community(world.a).values_list("pk", flat=True))

    page.context.set_offline(True)
    page.get_by_role("link", name=re.compile("301")).click()
    _record(page, "health")
    expect(page.locator("[data-visit-queued-message]")).to_be_focused()
    _shot(page, "1-queued-offline")
    assert violations(page) == []
    page.get_by_role("link", name="再记一户").click()  # back to the stairwell's rooms, from the phone
    expect(page).to_have_url(re.compile(re.escape(rooms) + "$"))
    expect(page.locator("[data-queue-count]")).to_have_text("1 条待发送")
    page.get_by_role("link", name=re.compile("302")).click()
    expect(page.locator("h1")).to_contain_text("302")
    _record(page, "fine")
    expect(page.locator("[data-queue-count]")).to_have_text("2 条待发送")
    _shot(page, "2-second-household-queued")
    assert set(Visit.objects.in_community(world.a).values_list("pk", flat=True)) == before

    page.context.set_offline(False)
    expect(page.locator("[data-visit-queued-text]")).to_have_text("这次走访已发出。", timeout=15000)
    expect(page.locator("[data-care-queue]")).to_contain_text("已发送 2 条走访")
    _shot(page, "3-sent")
    assert violations(page) == []
    new = Visit.objects.in_community(world.a).exclude(pk__in=before)
    assert sorted((v.household_id, v.findings[0]) for v in new) == [(world.household.pk, "health"), (second.pk, "fine")]


def _logout(page):
    page.get_by_role("button", name="菜单").click()
    page.get_by_role("button", name="退出登录").click()


def test_logout_clears_the_phone_after_sending_what_waits(page_for, live_server, world):
    page = page_for("grid1", width=390)
    url = live_server.url + f"/care/households/{world.household.pk}/visit/"
    _controlled(page, url)
    dialogs = _answer_dialogs(page, ["dismiss"])
    page.context.set_offline(True)
    _record(page, "health")
    page.route("**/api/v1/care/visits/sync", lambda route: route.abort())  # back in signal, sending fails
    page.context.set_offline(False)
    assert "linli-care" in page.evaluate(STORES)["dbs"] and page.evaluate(KEPT)
    page.unroute("**/api/v1/care/visits/sync")
    _logout(page)  # the waiting visit goes first: nothing to ask
    page.wait_for_url(re.compile(r".*/accounts/login/"))
    assert dialogs == []
    assert Visit.objects.in_community(world.a).exclude(pk=world.care.visit.pk).get().findings == ["health"]
    assert page.evaluate(STORES) == {"dbs": [], "caches": []}


def _one_visit_unsent(page_for, live_server, world):
    """grid1's phone holds one visit that could not be sent (its sync requests still fail)."""
    page = page_for("grid1", width=390)
    page.goto(live_server.url + f"/care/households/{world.household.pk}/visit/")
    page.route("**/api/v1/care/visits/sync", lambda route: route.abort())  # the signal comes and goes
    page.context.set_offline(True)
    _record(page, "health")
    page.context.set_offline(False)
    return page


def test_logout_with_a_visit_that_cannot_be_sent_asks_first(page_for, live_server, world):
    page = _one_visit_unsent(page_for, live_server, world)
    asked = _answer_dialogs(page, ["dismiss", "accept"])
    _logout(page)
    _until(page, lambda: asked)
    assert asked == ["还有 1 条走访没有发出，退出后会从手机上清除。确定退出吗？"]
    expect(page.locator("[data-queue-count]")).to_have_text("1 条待发送")  # "cancel": still here, still queued
    assert "/care/households/" in page.url and "linli-care" in page.evaluate(STORES)["dbs"]
    page.locator("form[action='/accounts/logout/'] button").click()  # the menu is still open: "OK" this time
    page.wait_for_url(re.compile(r".*/accounts/login/"))
    assert len(asked) == 2 and page.evaluate(STORES) == {"dbs": [], "caches": []}
    assert not Visit.objects.in_community(world.a).exclude(pk=world.care.visit.pk).exists()


def test_kept_pages_older_than_three_days_are_dropped_not_shown(page_for, live_server, world):
    second = _second_household(world)
    page = page_for("grid1", width=390)
    url = live_server.url + f"/care/households/{world.household.pk}/visit/"
    stale_url = live_server.url + f"/care/households/{second.pk}/visit/"
    _controlled(page, url)
    page.evaluate("""(url) => caches.open('linli-care-pages').then((c) => c.put(url, new Response(
        '<!doctype html><title>old</title><p>四天前的名单</p>',
        {headers: {'content-type': 'text/html', 'x-linli-kept-at': String(Date.now() - 4 * 86400000)}})))""",
                  stale_url)  # fmt: skip
    page.context.set_offline(True)
    page.goto(url)  # a fresh copy is used
    expect(page.locator("h1")).to_contain_text("301")
    assert not any(u == stale_url for u in page.evaluate(KEPT))  # and the stale one is gone
    with contextlib.suppress(PlaywrightError):  # nothing kept for it: the browser's "no network" page
        page.goto(stale_url)
    expect(page.locator("body")).not_to_contain_text("四天前的名单")


def test_without_crypto_random_uuid_each_opening_still_gets_a_new_v4_key(page_for, live_server, world):
    page = page_for("grid1", width=390)
    page.add_init_script("Object.defineProperty(Crypto.prototype, 'randomUUID', {value: undefined})")
    url = live_server.url + f"/care/households/{world.household.pk}/visit/"
    _controlled(page, url)
    assert page.evaluate("typeof crypto.randomUUID") == "undefined"
    page.context.set_offline(True)  # the same kept page (one key in its HTML) opened twice
    keys = []
    for _ in range(2):
        page.goto(url)
        keys.append(page.locator("input[name=key]").input_value())
    assert all(UUID4.match(k) for k in keys) and keys[0] != keys[1]


def test_logout_from_another_page_keeps_what_waits_and_offers_to_send_it(page_for, live_server, world):
    page = _one_visit_unsent(page_for, live_server, world)
    page.goto(live_server.url + "/volunteering/")  # a page without the queue's own script
    page.unroute("**/api/v1/care/visits/sync")  # the signal is back (nothing here would send)
    asked = _answer_dialogs(page, ["dismiss", "accept"])
    _logout(page)
    _until(page, lambda: asked)
    assert asked == ["这台手机上还有 1 条没有发出的记录（如离线登记的走访），退出登录会把它们清除。"
                     "点“确定”去发送，点“取消”留在本页。"]  # fmt: skip
    assert "/volunteering/" in page.url and "linli-care" in page.evaluate(STORES)["dbs"]  # "cancel": nothing lost
    page.locator("form[action='/accounts/logout/'] button").click()  # "OK": to the visits, which send it
    page.wait_for_url(re.compile(r".*/care/$"))
    expect(page.locator("[data-care-queue]")).to_contain_text("已发送 1 条走访", timeout=15000)
    assert Visit.objects.in_community(world.a).exclude(pk=world.care.visit.pk).get().findings == ["health"]


def test_logout_with_nothing_waiting_logs_out_at_once_and_creates_no_store(page_for, live_server):
    page = page_for("worker")
    page.locator("form[action='/accounts/logout/'] button").click()
    page.wait_for_url(re.compile(r".*/accounts/login/"))
    assert page.evaluate(STORES)["dbs"] == []
