"""A resident signs up on a 390-px phone and shows her code; the organiser checks her in from his
phone by the code (typed in, as the scanner would post it)."""

import pytest

from linli.participation.models import Attendance, Registration

SHOTS = "/tmp/engine-shots"


@pytest.mark.django_db(transaction=True)
def test_resident_signs_up_and_is_checked_in_by_code(page_for, world):
    import os

    from linli.participation.services import cancel

    os.makedirs(SHOTS, exist_ok=True)
    cancel(actor=world.user("resident"), registration=world.activity_registration)
    resident = page_for("resident", width=390)
    resident.goto(resident.url.rstrip("/") + f"/activities/join/{world.activity.pk}/")
    resident.get_by_role("button", name="报名").click()
    resident.get_by_text("报名成功").wait_for()
    resident.screenshot(path=f"{SHOTS}/event-390.png", full_page=True)
    resident.get_by_role("link", name="签到码").first.click()
    resident.locator("#qr svg").wait_for()
    resident.screenshot(path=f"{SHOTS}/code-390.png", full_page=True)
    code = resident.locator("#code-text").text_content().strip()

    organiser = page_for("worker", width=390)
    organiser.goto(organiser.url.rstrip("/") + f"/activities/{world.activity.pk}/roll/")
    organiser.fill("#code-input", code)
    organiser.locator("#code-form button").click()
    organiser.get_by_text("王芳签到成功").wait_for()
    organiser.screenshot(path=f"{SHOTS}/roll-390.png", full_page=True)
    assert Attendance.objects.unscoped().filter(offering=world.activity.offering).count() == 1
    assert Registration.objects.unscoped().get(offering=world.activity.offering, status="attended")


@pytest.mark.django_db(transaction=True)
def test_the_week_and_the_month_pass_axe_at_1280_and_390(page_for, world):
    from django.utils import timezone

    from linli.core.tests.axe import violations

    day = timezone.localdate(world.activity.starts_at).isoformat()
    for width in (1280, 390):
        page = page_for("worker", width=width)
        page.goto(page.url.rstrip("/") + f"/activities/?view=week&day={day}")
        page.locator("#week").get_by_text(world.activity.title).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert violations(page) == []
        page.screenshot(path=f"{SHOTS}/week-{width}.png", full_page=True)
        page.goto(page.url.split("?")[0] + "?view=month")
        assert violations(page) == []
