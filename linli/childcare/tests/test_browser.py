"""The day-care class in headless Chromium: the teacher at the door on a 390-px phone signs a child
in, a wrong code is refused and the child stays, the mother with the code takes him; the desk at
1280 applies for a child, registers a pickup person and reveals a number with a reason. axe on each
page. Screenshots in /tmp/childcare-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.childcare import services
from linli.childcare.models import DayRecord, Enrolment, PickupPerson
from linli.childcare.tests.helpers import children, programme
from linli.core.models import AccessLog
from linli.core.tests.axe import violations

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/childcare-shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_door_on_a_phone_signs_in_refuses_a_wrong_code_and_hands_over(page_for, live_server, world):
    p = programme(world, capacity=5)
    (kid,) = children(world, 1)
    e = services.apply(actor=world.user("worker"), programme=p, child=kid)
    mother = services.pickup_person_add(actor=world.user("worker"), enrolment=e, name="李秀兰", relation="mother",
                                        phone="13566667777")  # fmt: skip
    page = page_for("worker", 390)
    page.goto(f"{live_server.url}/childcare/{p.pk}/")
    assert violations(page) == []
    page.get_by_role("button", name=f"签到 {kid.name}").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{kid.name}已签到")
    expect(page.locator("#counts")).to_contain_text("在班 1 人")
    page.get_by_role("link", name=f"接走 {kid.name}").click()
    page.select_option("#pickup-person", str(mother.pk))
    page.fill("#pickup-code", "000000" if e.pickup_code != "000000" else "111111")
    page.get_by_role("button", name="核对并接走").click()
    expect(page.locator(".alert-danger")).to_contain_text("接送码不对")
    assert DayRecord.objects.in_community(world.a).get(enrolment=e).left_at is None
    _shot(page, "refused-390")
    assert violations(page) == []
    page.select_option("#pickup-person", str(mother.pk))
    page.fill("#pickup-code", e.pickup_code)
    page.get_by_role("button", name="核对并接走").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{kid.name}已被接走")
    expect(page.get_by_text("由李秀兰接走").first).to_be_visible()
    _shot(page, "picked-up-390")
    assert violations(page) == []
    page.goto(f"{live_server.url}/childcare/{p.pk}/")
    expect(page.locator("#refused")).to_contain_text("李秀兰")


def test_the_desk_applies_registers_a_pickup_person_and_reveals_a_number(page_for, live_server, world):
    p = programme(world, capacity=5)
    (kid,) = children(world, 1)
    page = page_for("worker", 1280)
    page.goto(live_server.url + "/childcare/")
    assert violations(page) == []
    page.get_by_role("link", name=p.title).click()
    page.select_option("#apply-child", str(kid.pk))
    page.get_by_role("button", name="报名").click()
    expect(page.locator(".alert-success")).to_contain_text("已报名")
    e = Enrolment.objects.in_community(world.a).get(programme=p, child=kid)
    page.get_by_role("link", name=kid.name).first.click()
    page.fill("#p-name", "张爷爷")
    page.select_option("#p-rel", "grandparent")
    page.fill("#p-phone", "1356666")  # too short: refused, what was typed stays
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("[role=alert]").first).to_be_visible()
    expect(page.locator("#p-name")).to_have_value("张爷爷")
    assert not PickupPerson.objects.in_community(world.a).filter(enrolment=e).exists()
    page.fill("#p-phone", "13566668888")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("#persons")).to_contain_text("*******8888")
    expect(page.locator("#persons")).not_to_contain_text("13566668888")
    assert violations(page) == []
    page.get_by_text("查看完整电话").click()
    page.get_by_label("查看原因").fill("联系家长确认接送时间")
    page.get_by_role("button", name="查看", exact=True).click()
    expect(page.locator("#persons")).to_contain_text("13566668888")
    _shot(page, "revealed-1280")
    assert violations(page) == []
    assert AccessLog.objects.filter(subject_type="childcare_pickupperson", reason="联系家长确认接送时间").count() == 1


def test_the_parent_applies_on_her_phone_and_sees_the_pickup_code(page_for, live_server, world):
    from linli.people.services import household_add_member

    p = programme(world, capacity=5)
    (kid,) = children(world, 1)
    household_add_member(actor=world.user("secretary"), household=world.household, resident=kid, relation="son")
    page = page_for("resident", 390)
    page.goto(live_server.url + "/childcare/mine/")
    assert violations(page) == []
    page.get_by_role("button", name=f"报名 {p.title} {kid.name}").click()
    expect(page.locator(".alert-success")).to_contain_text(f"已为{kid.name}报名")
    e = Enrolment.objects.in_community(world.a).get(programme=p, child=kid)
    expect(page.get_by_text(e.pickup_code)).to_be_visible()
    _shot(page, "parent-390")
    assert violations(page) == []


def test_the_parent_on_her_phone_adds_a_pickup_person_renews_the_code_and_withdraws(page_for, live_server, world):
    from linli.people.services import household_add_member

    p = programme(world, capacity=1)
    kid, other = children(world, 2)
    household_add_member(actor=world.user("secretary"), household=world.household, resident=kid, relation="son")
    e = services.apply(actor=world.user("resident"), programme=p, child=kid)
    waiting = services.apply(actor=world.user("worker"), programme=p, child=other)
    page = page_for("resident", 390)
    page.goto(live_server.url + "/childcare/mine/")
    assert violations(page) == []
    page.get_by_text("添加接送人").click()
    page.fill(f"#pp-name-{e.pk}", "张爷爷")
    page.select_option(f"#pp-rel-{e.pk}", "grandparent")
    page.fill(f"#pp-phone-{e.pk}", "1356666")  # too short: refused, what was typed stays
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("[role=alert]").first).to_contain_text("手机")
    expect(page.locator(f"#pp-name-{e.pk}")).to_have_value("张爷爷")
    assert not PickupPerson.objects.in_community(world.a).filter(enrolment=e).exists()
    _shot(page, "parent-person-refused-390")
    assert violations(page) == []
    page.fill(f"#pp-phone-{e.pk}", "13566668888")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(f"#persons-{e.pk}")).to_contain_text("*******8888")
    assert PickupPerson.objects.in_community(world.a).get(enrolment=e).added_by_parent
    old = e.pickup_code
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=f"更换接送码 {kid.name}").click()
    expect(page.locator(".alert-success")).to_contain_text("已更换接送码")
    e.refresh_from_db()
    assert e.pickup_code != old
    expect(page.get_by_text(e.pickup_code)).to_be_visible()
    _shot(page, "parent-person-added-390")
    assert violations(page) == []
    page.once("dialog", lambda d: d.dismiss())  # asked first: cancelling sends nothing
    page.get_by_role("button", name=f"退出托管班 {kid.name}").click()
    e.registration.refresh_from_db()
    assert e.registration.status == "confirmed"
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=f"退出托管班 {kid.name}").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{kid.name}已退出")
    e.registration.refresh_from_db()
    waiting.registration.refresh_from_db()
    assert (e.registration.status, waiting.registration.status) == ("cancelled", "confirmed")
    _shot(page, "parent-withdrawn-390")
    assert violations(page) == []
