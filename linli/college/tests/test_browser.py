"""The college in Chromium: a worker creates a course for the term and sees its sessions skip 国庆;
the lecturer takes the roll on a 390-px phone (a tap, and a learner's code as the scanner posts it);
every page passes axe at 1280 and 390 px."""

import datetime as dt

import pytest
from django.utils import timezone

from linli.college import engine
from linli.college.models import Course, Lecturer, Session, Term
from linli.college.services import enrolment
from linli.core.tests.axe import violations
from linli.participation import selectors as participation_selectors
from linli.people.models import Resident

pytestmark = pytest.mark.browser
SHOTS = "/tmp/college-shots"


@pytest.fixture
def shots():
    import os

    os.makedirs(SHOTS, exist_ok=True)
    return SHOTS


def test_worker_creates_a_course_whose_sessions_skip_national_day(page_for, world, shots):
    # 2026-10-01 is a Thursday and 国庆 (the holiday table knows 2026): a Thursday course from
    # 24 September skips it and still has its eight sessions.
    Term.objects.create(community=world.a, name="2026年秋季学期", starts_on=dt.date(2026, 9, 1),
                        ends_on=dt.date(2027, 1, 31))  # fmt: skip
    Lecturer.objects.create(community=world.a, name="李老师", subjects=["书法"])
    page = page_for("worker")
    page.goto(page.url.rstrip("/") + "/college/courses/new/")
    page.fill("#f-title", "书法入门班")
    page.select_option("#f-subject", "书法")
    page.select_option("#f-lecturer", label="李老师（书法）")
    page.fill("#f-venue", "党群服务中心二楼")
    page.select_option("#f-weekday", "3")  # Thursday
    page.fill("#f-count", "8")
    page.fill("#f-first", "2026-09-24")
    page.get_by_role("button", name="预览课次").click()
    page.locator("#preview-dates").wait_for()
    assert "2026-10-01" in page.get_by_text("跳过的法定节假日").inner_text()
    dates = page.locator("#preview-dates li").all_inner_texts()
    assert len(dates) == 8 and "2026-10-01" not in " ".join(dates) and dates[1].startswith("2026-10-08")
    assert violations(page) == []
    page.screenshot(path=f"{shots}/course-preview-1280.png", full_page=True)
    page.get_by_role("button", name="保存并排课").click()
    page.wait_for_url("**/college/courses/*/")
    course = Course.objects.in_community(world.a).get(title="书法入门班")
    days = list(Session.objects.in_community(world.a).filter(course=course).values_list("date", flat=True))
    assert len(days) == 8 and dt.date(2026, 10, 1) not in days and dt.date(2026, 10, 8) in days
    assert violations(page) == []
    page.screenshot(path=f"{shots}/course-1280.png", full_page=True)


def _today_session(world) -> Session:
    today = timezone.localdate()
    term = Term.objects.create(community=world.a, name="本学期", starts_on=today - dt.timedelta(days=30),
                               ends_on=today + dt.timedelta(days=60))  # fmt: skip
    lecturer = Lecturer.objects.create(
        community=world.a, name="赵老师", subjects=["太极拳"], user=world.user("building")
    )
    start, end = dt.time(0, 1), dt.time(23, 59)
    course = Course.objects.create(
        community=world.a, term=term, title="太极拳", subject="太极拳", lecturer=lecturer, venue="广场",
        capacity=30, weekday=today.weekday(), starts_at=start, ends_at=end, sessions_planned=1, first_date=today,
    )  # fmt: skip
    session = Session.objects.create(community=world.a, course=course, number=1, date=today, starts_at=start,
                                     ends_at=end)  # fmt: skip
    engine.make_offerings(actor=None, course=course, sessions=[session])
    return session


def test_lecturer_takes_the_roll_on_a_phone_by_a_tap_and_by_a_code(page_for, world, shots):
    session = _today_session(world)
    learners = [Resident.objects.create(community=world.a, name=name, dwelling=world.dwelling1)
                for name in ("陈阿姨", "刘伯伯")]  # fmt: skip
    worker = world.user("worker")
    registrations = [enrolment.enrol(actor=worker, course=session.course, resident=r) for r in learners]
    code = participation_selectors.code_of(registrations[1])

    page = page_for("building", width=390)  # the lecturer's account
    page.goto(page.url.rstrip("/") + f"/college/sessions/{session.pk}/roll/")
    chen = page.locator("#roll button", has_text="陈阿姨")
    chen.click()
    page.locator("#roll button[aria-pressed=true]", has_text="陈阿姨").wait_for()
    page.locator("#roll button[aria-pressed=true]", has_text="陈阿姨").click()  # a second tap unmarks
    page.locator("#roll button[aria-pressed=false]", has_text="陈阿姨").wait_for()
    page.locator("#roll button", has_text="陈阿姨").click()
    page.locator("#roll button[aria-pressed=true]", has_text="陈阿姨").wait_for()
    page.fill("#code-input", code)
    page.locator("#code-form button").click()
    page.get_by_text("刘伯伯签到成功").wait_for()
    page.fill("#code-input", code)  # shown twice at the door: counted once
    page.locator("#code-form button").click()
    page.get_by_text("刘伯伯已经签到过了").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(page) == []
    page.screenshot(path=f"{shots}/roll-390.png", full_page=True)
    offering = Session.objects.in_community(world.a).get(pk=session.pk).offering
    assert participation_selectors.present_resident_ids(offering) == {r.pk for r in learners}


def test_the_college_pages_pass_axe_at_1280_and_390(page_for, world, shots):
    session = _today_session(world)
    for width in (1280, 390):
        page = page_for("worker", width=width)
        base = page.url.rstrip("/")
        for path in ("/college/", f"/college/courses/{session.course_id}/", "/college/lecturers/",
                     "/college/figures/", "/college/courses/new/"):  # fmt: skip
            page.goto(base + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert violations(page) == [], path
        page.screenshot(path=f"{shots}/course-form-{width}.png", full_page=True)
