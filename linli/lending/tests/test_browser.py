"""The reading-room desk in headless Chromium at 1280: find the reader by card, scan, lend, then take
the book back; and the resident's 我的借阅 on a 390-px phone. Screenshots in /tmp/lending-shots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.lending.models import Copy, Loan, Title

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/lending-shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_desk_lends_a_book_by_card_and_takes_it_back(page_for, live_server, world):
    book = Title.objects.create(community=world.a, title="平凡的世界", author="路遥", publisher="北岳文艺出版社")
    Copy.objects.create(community=world.a, title=book, barcode="B000123", shelf_mark="F-02-1")
    page = page_for("worker")
    page.goto(live_server.url + "/lending/")
    page.fill("#who", "A00001")  # the card reader types the number and Enter
    page.press("#who", "Enter")
    expect(page.locator("#reader")).to_contain_text("王芳")
    page.fill("#barcode", "B000123")
    page.press("#barcode", "Enter")
    expect(page.locator(".alert-success")).to_contain_text("已借出：《平凡的世界》")
    expect(page.locator("#reader-loans")).to_contain_text("平凡的世界")
    expect(page.locator("#barcode")).to_be_focused()  # ready for the next book of the same reader
    _shot(page, "desk-lent-1280")
    assert Loan.objects.in_community(world.a).filter(copy__barcode="B000123", returned_at__isnull=True).count() == 1
    page.click("#mode-return")
    page.fill("#barcode", "B000123")
    page.press("#barcode", "Enter")
    expect(page.locator(".alert-success")).to_contain_text("已归还：《平凡的世界》")
    page.fill("#barcode", "B000123")  # scanned twice by mistake: refused, nothing changes
    page.press("#barcode", "Enter")
    expect(page.locator(".alert-danger")).to_contain_text("没有借出")
    _shot(page, "desk-returned-1280")
    assert Copy.objects.in_community(world.a).get(barcode="B000123").status == Copy.Status.AVAILABLE


def test_the_desk_finds_a_reader_by_name_as_one_types(page_for, live_server, world):
    page = page_for("worker")
    page.goto(live_server.url + "/lending/")
    page.fill("#who", "张")
    expect(page.locator("#readers")).to_contain_text("张三")
    page.locator("#readers").get_by_role("link", name=re.compile("张三")).click()
    expect(page.locator("#reader")).to_contain_text("还没有借阅证")


def test_the_resident_sees_what_she_has_out_on_her_phone(page_for, live_server, world):
    import datetime as dt

    from django.utils import timezone

    late = Title.objects.create(community=world.a, title="中老年高血压防治100问", author="李华")
    copy = Copy.objects.create(community=world.a, title=late, barcode="B000200", status="on_loan")
    Loan.objects.create(
        community=world.a,
        copy=copy,
        title=late,
        resident=world.wang,
        due_date=timezone.localdate() - dt.timedelta(days=9),
    )
    page = page_for("resident", width=390)
    page.goto(live_server.url + "/lending/me/")
    expect(page.locator("body")).to_contain_text("红楼梦")
    expect(page.locator("body")).to_contain_text("应还")
    expect(page.locator("body")).to_contain_text("折叠雨伞")  # her hold
    expect(page.locator("[role=alert]")).to_contain_text("已过期")
    expect(page.locator("body")).to_contain_text("逾期 9 天")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390-px phone"
    _shot(page, "me-390")
