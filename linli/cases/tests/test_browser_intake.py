"""Intake in headless Chromium: the desk takes a phone call (the caller found by initials or a
phone's last four, taken with one click, the place filled in), a compound narrows the buildings,
and a resident files a first need on the phone with the place from his record."""

import re

import pytest
from playwright.sync_api import expect

from linli.cases.models import Case, Channel
from linli.people.services import ResidentInput, resident_create
from linli.places.models import Building, Compound

pytestmark = pytest.mark.browser


def test_the_desk_takes_a_phone_call_from_a_caller_found_in_one_box(page_for, live_server, world):
    data = ResidentInput(name="吕俊", phone="13912341075", dwelling_id=world.dwelling1.pk)
    lv = resident_create(actor=world.user("secretary"), community=world.a, data=data)
    page = page_for("worker")
    page.goto(live_server.url + "/cases/new/")
    page.select_option("#id_channel", Channel.PHONE)
    page.fill("#caller-q", "1075")
    found = page.locator("#caller-results li", has_text="吕俊")
    expect(found).to_contain_text("139****1075")
    found.get_by_role("button", name="选为反映人").click()
    expect(page.locator("#pick-reporter")).to_have_value(str(lv.pk))
    expect(page.locator("#pick-dwelling")).to_have_value(str(world.dwelling1.pk))
    expect(page.locator("#pick-building")).to_have_value(str(world.building1.pk))
    expect(page.locator("#id_channel")).to_have_value(Channel.PHONE)  # what was chosen stays
    page.fill("#id_description", "来电：1栋楼道灯坏了一个星期")
    page.select_option("#id_category", str(world.cases.env.pk))
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    case = Case.objects.in_community(world.a).get(description="来电：1栋楼道灯坏了一个星期")
    assert (case.channel, case.reporter, case.dwelling_id) == (Channel.PHONE, lv, world.dwelling1.pk)
    expect(page.locator("body")).to_contain_text("139****1075")


def test_choosing_a_compound_narrows_the_buildings(page_for, live_server, world):
    other = Compound.objects.create(community=world.a, name="湖景苑")
    Building.objects.create(community=world.a, compound=other, name="1栋")
    page = page_for("worker")
    page.goto(live_server.url + "/cases/new/")
    expect(page.locator("#pick-building optgroup")).to_have_count(2)
    page.select_option("#pick-compound", str(other.pk))
    expect(page.locator("#pick-building option")).to_have_count(2)  # the prompt and its one 1栋
    expect(page.locator("#pick-building optgroup")).to_have_count(0)


def test_a_resident_files_a_first_need_on_the_phone_with_the_place_from_his_record(page_for, live_server, world):
    page = page_for("resident", width=390)
    page.goto(live_server.url + "/cases/mine/")
    page.get_by_role("link", name="我要反映").last.click()
    expect(page.locator("h1")).to_have_text("我要反映")
    expect(page.locator("#pick-building")).to_have_value(str(world.building1.pk))
    page.fill("#id_description", "楼下路灯坏了好几天，晚上看不清路")
    page.select_option("#id_category", str(world.cases.env.pk))
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    case = Case.objects.in_community(world.a).get(description="楼下路灯坏了好几天，晚上看不清路")
    assert case.building_id == world.building1.pk and case.reporter == world.wang
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
