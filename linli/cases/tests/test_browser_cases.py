"""Cases in headless Chromium: a grid worker files from the phone with a photo, the property
company takes and resolves a resident's case on the phone, the resident confirms it."""

import re

import pytest
from playwright.sync_api import expect

from linli.cases.models import Case, Status
from linli.core.tests.world import PNG

pytestmark = pytest.mark.browser


def test_grid_worker_files_a_case_from_the_phone_with_a_photo(page_for, live_server, world, tmp_path):
    page = page_for("grid1", width=390)
    page.goto(live_server.url + "/cases/new/")
    page.fill("#id_description", "1栋电梯停在半层，困过人，老人不敢坐")
    hint = page.locator("#hints")
    expect(hint).to_contain_text("设施维修")
    hint.get_by_role("button", name="用这个类别").click()
    expect(page.locator("#id_category")).to_have_value(str(world.cases.repair.pk))
    page.select_option("#pick-building", str(world.building1.pk))
    expect(page.locator("#id_channel")).to_have_value("grid")
    photo = tmp_path / "电梯.png"
    photo.write_bytes(PNG)
    page.set_input_files("#id_files", str(photo))
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    expect(page.locator("body")).to_contain_text("已派单")  # staff filing is accepted and routed at once
    case = Case.objects.in_community(world.a).get(title__startswith="1栋电梯")
    assert case.channel == "grid" and case.handler_org == world.cases.property_org and case.attachments.count() == 1
    expect(page.locator("img.case-photo")).to_have_count(1)


def test_a_bad_photo_is_refused_and_the_text_is_kept(page_for, live_server, world, tmp_path):
    page = page_for("worker")
    page.goto(live_server.url + "/cases/new/")
    page.fill("#id_description", "北门垃圾桶满了没人清")
    expect(page.locator("#hints")).to_contain_text("环境卫生")  # the delayed htmx request has finished
    page.select_option("#id_category", str(world.cases.env.pk))
    page.select_option("#pick-building", str(world.building1.pk))
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"MZ this is not a photo")
    page.set_input_files("#id_files", str(fake))
    page.get_by_role("button", name="提交").click()
    expect(page.locator("body")).to_contain_text("不是照片或PDF文件")
    expect(page.locator("#id_description")).to_have_value("北门垃圾桶满了没人清")
    assert not Case.objects.in_community(world.a).filter(description__startswith="北门垃圾桶").exists()


def test_property_resolves_on_the_phone_and_the_resident_confirms(page_for, live_server, world):
    leak = world.cases.leak
    page = page_for("property", width=390)
    page.get_by_role("link", name=re.compile(leak.title[:8])).click()
    page.get_by_role("button", name="接单").click()
    expect(page.locator("body")).to_contain_text("已接单")
    page.fill("textarea[name=note]", "已重做楼顶防水层，雨天复查不再渗水")
    page.get_by_role("button", name="办理完成，请居民确认").click()
    expect(page.locator("body")).to_contain_text("等待反映人确认")
    resident = page_for("resident", width=390)
    resident.goto(live_server.url + "/cases/mine/")
    resident.get_by_role("link", name=re.compile(leak.title[:8])).first.click()
    resident.locator("label[for=s4]").click()
    resident.fill("input[name=comment]", "修得挺好")
    resident.get_by_role("button", name="确认办结").click()
    expect(resident.locator("body")).to_contain_text("诉求办结")
    leak.refresh_from_db()
    assert leak.status == Status.CLOSED and leak.satisfaction == 4
