"""The "Done when" path in headless Chromium: a grid worker refers 王芳 from her visit on a 390-px
phone; the social worker takes the case with consent, assesses, plans a goal with a volunteer's
weekly call, records a session (a bad date first: refused, nothing typed is lost) and asks to close;
her supervisor signs the closure from his list; the grid worker gets 404 on the case file. axe-core
checks every page (WCAG 2 A/AA). Screenshots in /tmp/socialwork-shots/."""

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.core.models import AccessLog
from linli.core.tests.axe import violations
from linli.socialwork.models import Case

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/socialwork-shots")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _axe(page) -> None:
    found = violations(page)
    assert found == [], found


def _free_wang(world) -> None:
    """The world's open case of 王芳 came from her own request and was closed long ago, so that the
    visit may refer her afresh (a record refers a person once)."""
    rows = Case.objects.in_community(world.a).filter(pk=world.socialwork.case.pk)
    rows.update(status="closed", source="self", source_id=None)


def test_a_referral_from_a_visit_to_a_signed_closure(page_for, live_server, world):
    _free_wang(world)
    today = timezone.localdate().isoformat()
    grid = page_for("grid1", width=390)
    grid.goto(f"{live_server.url}/care/visits/{world.care.visit.pk}/")  # care's page, socialwork's link
    _axe(grid)
    _shot(grid, "visit-390")
    grid.get_by_role("link", name="转介社工").click()
    grid.wait_for_url(f"**/socialwork/refer/?visit={world.care.visit.pk}")
    expect(grid.locator(f"label[for=client-{world.wang.pk}]")).to_contain_text("王芳")
    grid.fill("#reason", "独居，走访时说晚上睡不好，很少出门")
    _axe(grid)
    _shot(grid, "refer-390")
    width = grid.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the referral form is {width}px wide on a 390-px phone"
    grid.get_by_role("button", name="转介给社工").click()
    expect(grid.locator(".alert-success")).to_contain_text("已转介给社工")
    case = Case.objects.in_community(world.a).get(client=world.wang, status="referred")

    sw = page_for("worker")
    sw.goto(f"{live_server.url}/socialwork/")
    expect(sw.locator("#waiting")).to_contain_text("王芳")
    _axe(sw)
    sw.goto(f"{live_server.url}/socialwork/cases/{case.pk}/")
    sw.fill("#intake_date", today)
    sw.locator("#intake-form").get_by_role("button", name="接案").click()
    expect(sw.locator("#error-intake")).to_contain_text("未记录服务对象的知情同意")  # no consent ticked
    sw.check("#consent-signed")
    sw.locator("#intake-form").get_by_role("button", name="接案").click()
    expect(sw.locator("#status")).to_have_text("服务中")

    for code, text in (("living", "能自理"), ("health", "高血压"), ("economic", "退休金"), ("support", "子女在外地"),
                       ("safety", "独居")):  # fmt: skip
        sw.fill(f"#need_{code}", text)
    sw.fill("#assessed_date", today)
    sw.select_option("#risk", "medium")
    sw.get_by_role("button", name="保存评估").click()
    expect(sw.locator("#assessment")).to_contain_text("子女在外地")

    sw.fill("#goal-text", "每周至少两次与人交流")
    sw.fill("#goal-review", (timezone.localdate() + timezone.timedelta(days=30)).isoformat())
    sw.get_by_role("button", name="添加目标").click()
    expect(sw.locator("#goals")).to_contain_text("每周至少两次与人交流")

    sw.locator("summary", has_text="添加目标或任务").click()  # folded once the plan has a goal
    sw.fill("#task-text", "每周电话问候")
    sw.select_option("#task-goal", label="每周至少两次与人交流")
    sw.select_option("#task-doer", "volunteer")
    sw.select_option("#task-volunteer", str(world.vol.zhang.pk))
    sw.fill("#task-every", "7")
    sw.get_by_role("button", name="安排任务").click()
    expect(sw.locator("#goals")).to_contain_text("每周电话问候 — 志愿者：张三 · 每周")

    sw.fill("#session-content", "电话问候，老人说这周参加了读书会")
    sw.get_by_role("button", name="保存服务记录").click()  # no date: refused, the content stays
    expect(sw.locator("#error-session")).to_contain_text("服务日期")
    expect(sw.locator("#session-content")).to_have_value("电话问候，老人说这周参加了读书会")
    sw.fill("#session_date", today)
    sw.select_option("#session-kind", "phone")
    sw.get_by_role("button", name="保存服务记录").click()
    expect(sw.locator("#notes")).to_contain_text("参加了读书会")
    _axe(sw)
    _shot(sw, "case-1280")

    sw.locator("summary", has_text="申请结案").click()
    sw.fill("#close-reason", "目标达成，老人已融入合唱队")
    sw.locator("#close-form input[value=met]").check()
    sw.get_by_role("button", name="提交督导签字").click()
    expect(sw.locator("#status")).to_have_text("待督导签结")

    boss = page_for("secretary")
    boss.goto(f"{live_server.url}/socialwork/supervision/")
    expect(boss.locator("#supervised")).to_contain_text("待督导签结")
    _axe(boss)
    _shot(boss, "supervision-1280")
    boss.locator("#supervised").get_by_role("link", name="王芳").click()
    boss.locator("#sign-confirm summary").click()  # one more step: signing closes the file
    boss.get_by_role("button", name="确认签字结案").click()
    expect(boss.locator("#status")).to_have_text("已结案")
    _shot(boss, "signed-1280")
    assert Case.objects.in_community(world.a).get(pk=case.pk).closed_by == world.user("secretary")
    sw.goto(f"{live_server.url}/socialwork/")
    sw.locator("#closed summary").click()  # the closed file is still hers to find (and reopen)
    expect(sw.locator("#closed")).to_contain_text(case.number)

    response = grid.goto(f"{live_server.url}/socialwork/cases/{case.pk}/")
    assert response.status == 404
    reads = AccessLog.objects.filter(subject_type="sw_case", subject_id=case.pk, action="read")
    assert set(reads.values_list("actor__username", flat=True)) == {"worker", "secretary"}


def test_the_client_sees_her_plan_on_her_phone(page_for, live_server, world):
    page = page_for("resident", width=390)
    page.goto(f"{live_server.url}/socialwork/me/")
    expect(page.locator("body")).to_contain_text("每周至少两次与人交流")
    expect(page.locator("body")).to_contain_text("每周电话问候")
    expect(page.locator("body")).not_to_contain_text("家访，了解日常作息")  # the notes are not hers to read
    _axe(page)
    _shot(page, "me-390")


def test_the_programme_report_prints_from_linked_records(page_for, live_server, world):
    page = page_for("secretary")
    page.goto(f"{live_server.url}/socialwork/programmes/{world.socialwork.programme.pk}/")
    expect(page.locator("#sources")).to_contain_text("1 个个案")
    _axe(page)
    _shot(page, "programme-1280")
    page.goto(f"{live_server.url}/socialwork/programmes/{world.socialwork.programme.pk}/print/")
    page.emulate_media(media="print")
    expect(page.locator("h1")).to_contain_text("独居不孤独")
    expect(page.locator(".toolbar")).to_be_hidden()
    _axe(page)
    _shot(page, "programme-print")


def test_a_group_session_roll_and_closing(page_for, live_server, world):
    group = world.socialwork.group
    page = page_for("worker")
    page.goto(f"{live_server.url}/socialwork/groups/{group.pk}/")
    page.fill("#s-topic", "共读《活着》")
    start = timezone.localtime(timezone.now() - timezone.timedelta(minutes=20))
    page.fill("#s-at", start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="安排活动").click()
    expect(page.locator("#sessions")).to_contain_text("共读《活着》")
    page.locator("#sessions").get_by_role("button", name="登记出席").click()
    expect(page.locator("#sessions")).to_contain_text("出席 1 人")
    page.locator("summary", has_text="结束小组").click()
    page.fill("#evaluation", "组员互相熟悉，愿意继续每周见面")
    page.get_by_role("button", name="结束小组").click()
    expect(page.locator("#error-close")).to_contain_text("后测")  # no post measure: refused, text kept
    expect(page.locator("#evaluation")).to_have_value("组员互相熟悉，愿意继续每周见面")
    page.locator("input[name^=post_]").first.fill("7")
    page.get_by_role("button", name="结束小组").click()
    expect(page.locator("#group-status")).to_have_text("已结束")
    expect(page.locator("body")).to_contain_text("平均变化 4.0 分")
    _axe(page)
    _shot(page, "group-1280")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_roster_the_group_and_the_programme_pages(page_for, live_server, world, width):
    sec = page_for("secretary", width=width)
    sec.goto(f"{live_server.url}/socialwork/roster/")
    sec.locator(f'form[action$="/roster/{world.socialwork.worker.pk}/end/"] button').click()
    expect(sec.locator("#end-error")).to_contain_text("1 个在案个案")
    _axe(sec)
    _shot(sec, f"roster-refused-{width}")
    worker = page_for("worker", width=width)
    worker.goto(f"{live_server.url}/socialwork/groups/{world.socialwork.group.pk}/")
    worker.select_option("#g-programme", label="独居不孤独")
    worker.get_by_role("button", name="保存").first.click()
    expect(worker.locator("#g-programme")).to_have_value(str(world.socialwork.programme.pk))
    _axe(worker)
    _shot(worker, f"group-{width}")
    sec.goto(f"{live_server.url}/socialwork/programmes/{world.socialwork.programme.pk}/")
    expect(sec.locator("#sources")).to_contain_text("1 个小组")
    expect(sec.locator("#served-note")).to_contain_text("只计一人")
    _axe(sec)
    _shot(sec, f"programme-{width}")
