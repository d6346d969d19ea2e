"""A grocery order in headless Chromium: the worker raises it for 王芳 at 1280, takes it, records the
100.00 she hands over (a neighbour witnessing), a spend with its receipt photo, the change returned,
sees the ledger balance and marks it done; 王芳 confirms it on a 390-px phone. axe-core's WCAG 2 A/AA
checks on each whole page, the shell included. Screenshots in /tmp/convenience-shots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.convenience.demo import _png
from linli.convenience.models import LedgerEntry, Order
from linli.core.tests.axe import violations
from linli.core.tests.world import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/convenience-shots")


@pytest.fixture
def open_as(browser, live_server, transactional_db, world):
    contexts = []

    def login(username: str, width: int = 1280):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}, bypass_csp=True)
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
        context.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _axe(page) -> None:
    found = violations(page)
    assert found == [], found


def _line(page, kind: str, amount: str, **fields) -> None:
    form = page.locator("[data-ledger-form]")
    form.locator(f"label[for=kind-{kind}]").click()
    form.locator("#amount").fill(amount)
    for name, value in fields.items():
        form.locator(f"#{name}").fill(value)
    form.get_by_role("button", name="记一笔").click()
    expect(page.locator(".alert-success")).to_contain_text("已记账")


def test_staff_keep_a_grocery_ledger_that_the_resident_confirms_on_her_phone(open_as, live_server, world, tmp_path):
    page = open_as("worker")
    page.goto(live_server.url + "/convenience/new/?q=王芳")
    page.locator(f"label[for=resident-{world.wang.pk}]").click()
    page.locator(f"label[for=type-{world.convenience.grocery.pk}]").click()
    page.fill("#note", "买一周的菜：青菜、鸡蛋、挂面")
    _axe(page)
    page.get_by_role("button", name="提出服务").click()
    page.wait_for_url(re.compile(r".*/convenience/orders/\d+/$"))
    order = Order.objects.in_community(world.a).exclude(pk=world.convenience.order.pk).get()
    assert order.raised_as == "staff" and order.handles_money
    page.get_by_role("button", name="派单").click()  # "我来办" is the first choice
    _line(page, "received", "100.00", party="王芳", witness="对门邻居李阿姨")
    photo = tmp_path / "小票.png"
    photo.write_bytes(_png())
    page.locator("[data-ledger-form] #receipt").set_input_files(str(photo))
    _line(page, "spent", "64.5", **{"entry-note": "青菜、鸡蛋、挂面"})
    page.locator("[data-ledger-form] label[for=kind-spent]").click()  # a spend without its receipt: refused
    page.locator("[data-ledger-form] #amount").fill("3")
    page.locator("[data-ledger-form]").get_by_role("button", name="记一笔").click()
    expect(page.locator(".alert-danger")).to_contain_text("小票")
    expect(page.locator("[data-in-hand]")).to_have_text("35.50")
    _line(page, "returned", "35.50", party="王芳")
    expect(page.locator("[data-balance]")).to_contain_text("账目已平")
    page.fill("#done-note", "菜已送到家，当面点清")
    page.get_by_role("button", name="办完了").click()
    expect(page.locator(".alert-success")).to_contain_text("已登记办完")
    _shot(page, "order-balanced-1280")
    _axe(page)
    lines = LedgerEntry.objects.in_community(world.a).filter(order=order)
    assert sorted(lines.values_list("kind", "amount_fen")) == [("received", 10000), ("returned", 3550), ("spent", 6450)]

    phone = open_as("resident", width=390)
    phone.goto(live_server.url + "/convenience/mine/")
    card = phone.locator(f"[data-waiting='{order.pk}']")
    expect(card).to_contain_text("交给办理人 100.00 元，买东西花了 64.50 元，找回 35.50 元。")
    _axe(phone)
    _shot(phone, "mine-to-confirm-390")
    card.locator(f"label[for=star-{order.pk}-5]").click()
    card.get_by_role("button", name="办好了，钱数对").click()
    expect(phone.locator(".alert-success")).to_contain_text("已确认")
    _shot(phone, "mine-confirmed-390")
    order.refresh_from_db()
    assert order.status == "confirmed" and order.confirmed_as == "self" and order.satisfaction == 5
    assert not lines.filter(confirmed_at__isnull=True).exists()


def test_the_lists_pass_axe_at_1280_and_390(open_as, live_server, world):
    for width in (1280, 390):
        page = open_as("secretary", width=width)
        for path in ("/convenience/", "/convenience/certifications/", "/convenience/fittings/",
                     "/convenience/month/", f"/convenience/orders/{world.convenience.order.pk}/"):  # fmt: skip
            page.goto(live_server.url + path)
            _axe(page)
            _shot(page, path.strip("/").replace("/", "-") + f"-{width}")


def test_the_leftover_forms_pass_axe_at_390(open_as, live_server, world):
    """The fitting form (a dwelling's fittings beside it), the order page with its suggested volunteers
    and the correction of an unconfirmed line, and the proxy's own page, on a phone."""
    from linli.convenience import services
    from linli.convenience.models import ServiceType

    repair = ServiceType.objects.in_community(world.a).get(code="repair")
    order = services.order_raise(actor=world.user("worker"), community=world.a, data=services.OrderInput(
        resident_id=world.wang.pk, service_type_id=repair.pk, note="水龙头漏水"))  # fmt: skip
    page = open_as("worker", width=390)
    page.goto(f"{live_server.url}/convenience/fittings/?dwelling={world.dwelling1.pk}#record")
    page.locator("#record-kind").select_option("gas")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("已登记安装的设施")
    _axe(page)
    _shot(page, "fitting-form-390")
    page.goto(f"{live_server.url}/convenience/orders/{order.pk}/")
    expect(page.locator("[data-suggested]")).to_contain_text("技能对口：维修")
    _axe(page)
    _shot(page, "order-suggested-390")
    page.goto(f"{live_server.url}/convenience/orders/{world.convenience.order.pk}/")
    page.locator(f"[data-edit='{world.convenience.spent.pk}'] summary").click()
    page.fill(f"#edit-amount-{world.convenience.spent.pk}", "62.50")
    page.fill(f"#edit-reason-{world.convenience.spent.pk}", "小票实为62.50元")
    page.get_by_role("button", name="改正", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("已改正")
    _axe(page)
    _shot(page, "ledger-corrected-390")
    proxy = open_as("daughter", width=390)
    proxy.goto(live_server.url + "/convenience/mine/")
    expect(proxy.locator("h1")).to_have_text("我的便民服务")
    _axe(proxy)
    _shot(proxy, "proxy-mine-390")
