"""The design competition in headless Chromium: the secretary opens a call with its criteria,
registers a team's proposal and puts the worker on the panel; the worker scores on a 390-px phone
(a mark above the criterion's maximum first: refused, what he typed still there); publishing is
refused while the secretary has not scored, then the results are published and the winner becomes a
programme; the grid worker gets 404. axe-core checks each page; screenshots in /tmp/competition-shots/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from linli.core.tests.axe import violations
from linli.socialwork.models import Competition, Programme, Score

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/competition-shots")


def _look(page, name: str) -> None:
    found = violations(page)
    assert found == [], found
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_call_from_opening_to_the_winning_programme(page_for, live_server, world, sw):
    from django.utils import timezone

    sec = page_for("secretary")
    sec.goto(f"{live_server.url}/socialwork/competitions/")
    expect(sec.locator("#competitions")).to_contain_text("社区服务设计大赛")
    sec.fill("#title", "助残服务设计大赛")
    sec.fill("#theme", "有爱无碍")
    sec.fill("#deadline", (timezone.localdate() + timezone.timedelta(days=7)).isoformat())
    for i, (name, top) in enumerate((("需求分析", "40"), ("可行性", "60"))):
        sec.fill(f"#criterion_{i}", name)
        sec.fill(f"#max_{i}", top)
    _look(sec, "list-1280")
    sec.get_by_role("button", name="发布征集").click()
    expect(sec.locator("h1")).to_have_text("助残服务设计大赛")
    comp = Competition.objects.in_community(world.a).get(title="助残服务设计大赛")

    sec.locator("summary", has_text="登记参赛方案").click()
    sec.fill("#pr-title", "出行伙伴")
    sec.fill("#pr-team", "小郭、小韩")
    sec.fill("#pr-target", "残障人士")
    sec.fill("#pr-budget", "8000")
    sec.fill("#pr-summary", "志愿者结对陪同出行")
    sec.get_by_role("button", name="登记方案").click()
    expect(sec.locator("#proposals")).to_contain_text("出行伙伴")
    for name in ("secretary", "worker"):
        sec.select_option("#judge-user", str(world.user(name).pk))
        sec.get_by_role("button", name="加入评审团").click()
    expect(sec.locator("#judges li")).to_have_count(2)
    _look(sec, "call-1280")

    judge = page_for("worker", width=390)
    judge.goto(f"{live_server.url}/socialwork/competitions/{comp.pk}/")
    first, second = judge.locator("#proposals input[type=number]").all()
    first.fill("35")
    second.fill("61")
    judge.evaluate("document.querySelectorAll('form input[type=number]').forEach(i => i.removeAttribute('max'))")
    judge.get_by_role("button", name="保存评分").click()
    expect(judge.locator("[id^=error-score]")).to_contain_text("“可行性”的分数须在0到60分之间")
    expect(judge.locator("#proposals input[type=number]").first).to_have_value("35")  # nothing typed is lost
    assert not Score.objects.in_community(world.a).filter(proposal__competition=comp).exists()
    judge.locator("#proposals input[type=number]").nth(1).fill("50")
    judge.get_by_role("button", name="保存评分").click()
    expect(judge.locator(".alert-success")).to_contain_text("已保存")
    assert judge.evaluate("document.documentElement.scrollWidth") <= 390
    _look(judge, "score-390")
    expect(judge.locator("#results")).to_have_count(0)  # not published: a judge sees no ranking

    sec.reload()
    sec.get_by_role("button", name="公布结果").click()
    expect(sec.locator("#error-publish")).to_contain_text("还有评委没有评完所有方案")
    inputs = sec.locator("#proposals input[type=number]")
    inputs.nth(0).fill("30")
    inputs.nth(1).fill("45")
    sec.get_by_role("button", name="保存评分").click()
    sec.get_by_role("button", name="公布结果").click()
    expect(sec.locator("#competition-status")).to_have_text("已公布结果")
    expect(sec.locator("#results")).to_contain_text("80.0 / 100")
    _look(sec, "results-1280")
    sec.locator("summary", has_text="立为服务项目").click()
    sec.fill("#funder-" + str(comp.proposals.get().pk), "区民政局")
    sec.get_by_role("button", name="立项").click()
    expect(sec.locator("h1")).to_contain_text("出行伙伴")
    assert Programme.objects.in_community(world.a).get(name="出行伙伴").funder == "区民政局"

    grid = page_for("grid1", width=390)
    response = grid.goto(f"{live_server.url}/socialwork/competitions/{comp.pk}/")
    assert response.status == 404
