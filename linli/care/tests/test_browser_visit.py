"""The visit form in headless Chromium at 390 px, as a grid worker in a stairwell: building →
unit → room in three taps, a few chips, a need filed as a case, a phone number seen at the door,
a photo; submitted as one JSON POST and recorded once, even when the tap is repeated."""

import re

import pytest
from playwright.sync_api import expect

from linli.care.models import RegistryProposal, Visit
from linli.cases.models import Case
from linli.core.tests.world import PNG

pytestmark = pytest.mark.browser


def test_grid_worker_records_a_visit_in_three_taps(page_for, live_server, world, tmp_path):
    page = page_for("grid1", width=390)
    page.goto(live_server.url + "/care/")
    page.get_by_role("link", name=re.compile("1栋")).click()  # tap 1: the building
    page.get_by_role("link", name="1单元").click()  # tap 2: the unit
    page.get_by_role("link", name=re.compile("301")).click()  # tap 3: the room
    page.locator(f"label[for=seen-{world.wang.pk}]").click()
    page.locator("label[for=purpose-key_group]").click()
    page.locator("label[for=finding-health]").click()
    page.fill("#need-0", "想申请每周一次上门助浴服务")
    page.select_option("select[name=need_category]", str(world.cases.env.pk))
    page.check("#need-case-0")
    page.locator("details summary").click()
    page.fill(f"#phone-{world.wang.pk}", "13700001234")
    photo = tmp_path / "door.png"
    photo.write_bytes(PNG)
    page.set_input_files("#visit-photo", str(photo))
    page.screenshot(path=str(tmp_path / "form.png"), full_page=True)
    page.get_by_role("button", name="提交走访").click()
    page.wait_for_url(re.compile(r".*/care/visits/\d+/$"))
    expect(page.locator("body")).to_contain_text("重点人群")
    expect(page.locator("body")).to_contain_text("已转为诉求")
    visit = Visit.objects.in_community(world.a).exclude(pk=world.care.visit.pk).get()
    assert visit.findings == ["health"] and visit.seen == [world.wang.pk] and visit.photo
    assert Case.objects.in_community(world.a).get(pk=visit.needs.get().case_id).channel == "grid"
    assert RegistryProposal.objects.in_community(world.a).filter(visit=visit, kind="phone").count() == 1
    page.get_by_role("button", name="确认更新登记").click()
    expect(page.locator("body")).to_contain_text("登记已更新")


def test_a_repeated_submit_records_once(page_for, live_server, world):
    page = page_for("grid1", width=390)
    page.goto(live_server.url + f"/care/households/{world.household.pk}/visit/")
    key = page.locator("input[name=key]").input_value()
    # The first answer never reaches the phone (the stairwell): the worker taps again.
    page.route("**/api/v1/care/visits", lambda route: (route.fetch(), route.abort())[1], times=1)
    page.get_by_role("button", name="提交走访").click()
    expect(page.locator("[data-visit-queued-text]")).to_have_text("已保存在手机上，联网后自动发送。")
    # The queue sends it again (same key) a moment later: answered as the visit already recorded.
    expect(page.locator("[data-care-queue]")).to_contain_text("已发送 1 条走访", timeout=15000)
    expect(page.locator("[data-queue-count]")).to_have_text("")
    assert Visit.objects.in_community(world.a).filter(key=key).count() == 1
