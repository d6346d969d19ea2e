"""A worker writes a notice to a building; it reaches more than the community's threshold, so the
secretary approves it; the resident on a 390-px phone finds it in her list and opens it; the worker
sees the read count and who has not read it. axe checks every page; screenshots in /tmp/notices-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.core.tests.axe import violations
from linli.notices.models import Notice
from linli.people.services import ResidentInput, resident_create

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/notices-shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _accessible(page) -> None:
    found = violations(page)
    assert found == [], "\n".join(found)


def test_a_building_notice_goes_round_from_worker_to_resident_and_back(page_for, live_server, world):
    resident_create(actor=world.user("secretary"), community=world.a,
                    data=ResidentInput(name="李秀英", dwelling_id=world.dwelling1.pk))  # fmt: skip
    worker = page_for("worker")
    worker.goto(live_server.url + "/notices/new/")
    worker.fill("#id_title", "1栋电梯检修通知")
    worker.fill("#id_body", "本周四9:00-12:00，1栋电梯停运检修，请走楼梯，注意安全。")
    worker.get_by_label("仙湖花园 1栋").check()
    _accessible(worker)
    _shot(worker, "form-1280")
    worker.get_by_role("button", name="发布").click()
    expect(worker.locator(".alert-success")).to_contain_text("已提交书记审批")
    notice = Notice.objects.in_community(world.a).get(title="1栋电梯检修通知")
    assert (notice.status, notice.reach) == ("pending", 2)

    secretary = page_for("secretary")
    secretary.goto(live_server.url + "/")
    secretary.locator("[data-card=notices-pending] a").click()
    secretary.get_by_role("link", name="1栋电梯检修通知").click()
    _accessible(secretary)
    secretary.locator("[data-approve]").click()
    expect(secretary.locator("[data-status]")).to_have_text("已发布")

    resident = page_for("resident", width=390)
    resident.goto(live_server.url + "/")
    expect(resident.locator("[data-card=notices]")).to_contain_text("1栋电梯检修通知")
    resident.locator("[data-card=notices] a").click()
    expect(resident.locator("h1")).to_have_text("社区通知")
    _accessible(resident)
    _shot(resident, "mine-390")
    resident.get_by_role("link", name="1栋电梯检修通知").click()
    expect(resident.locator("article")).to_contain_text("请走楼梯")
    width = resident.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390-px phone"
    _accessible(resident)
    _shot(resident, "read-390")

    worker.goto(live_server.url + f"/notices/{notice.pk}/")
    expect(worker.locator("[data-read-total]")).to_contain_text("1 / 2")
    expect(worker.locator("[data-unread-list]")).to_contain_text("李**")
    expect(worker.locator("[data-unread-list]")).to_contain_text("301")
    expect(worker.locator("[data-unread-list]")).not_to_contain_text("李秀英")
    _accessible(worker)
    _shot(worker, "detail-1280")


def test_a_notice_to_nobody_is_refused_on_the_page(page_for, live_server, world):
    worker = page_for("worker")
    worker.goto(live_server.url + "/notices/new/")
    worker.fill("#id_title", "没有选范围")
    worker.fill("#id_body", "正文")
    worker.get_by_role("button", name="发布").click()
    expect(worker.locator(".alert-danger").first).to_contain_text("请选择发给谁")
    assert not Notice.objects.in_community(world.a).filter(title="没有选范围").exists()
    _accessible(worker)
    _shot(worker, "nobody-1280")
