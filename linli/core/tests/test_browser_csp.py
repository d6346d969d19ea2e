"""The Content-Security-Policy in headless Chromium: the pages work with it and report no violation
(an inline script or handler left somewhere would), and the moved behaviours still work."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _watch(page) -> list[str]:
    """Every CSP violation and console error of the page, as text."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" or "Content Security" in m.text else None)
    page.on("pageerror", lambda e: seen.append(str(e)))
    page.on("response", lambda r: seen.append(f"{r.status} {r.url}") if r.status >= 400 else None)  # which one
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return seen


def test_login_home_resident_and_case_intake_report_no_violation(browser, page_for, live_server, world):
    anonymous = browser.new_context(locale="zh-CN").new_page()
    seen = _watch(anonymous)
    anonymous.goto(live_server.url + "/accounts/login/")
    expect(anonymous.locator("#id_username")).to_be_visible()
    anonymous.context.close()

    page = page_for("worker")
    seen += _watch(page)
    page.goto(live_server.url + "/")
    page.goto(f"{live_server.url}/people/residents/{world.wang.pk}/")
    expect(page.locator("body")).to_contain_text(world.wang.name)
    page.goto(live_server.url + "/cases/new/")
    with page.expect_response(lambda r: "/cases/new/hints/" in r.url):
        page.fill("#id_description", "北门垃圾桶满了没人清")  # htmx asks for hints
    page.wait_for_load_state("networkidle")
    # A select that submits its form (once an inline onchange): the language switch.
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert seen == []


def test_the_api_docs_and_the_admin_render_under_the_policy(browser, live_server, transactional_db):
    page = browser.new_context(locale="zh-CN").new_page()
    seen = _watch(page)
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .information-container")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/django-admin/login/")
    expect(page.locator("#id_username")).to_be_visible()
    page.context.close()
    assert seen == []


def test_a_confirm_question_sends_nothing_when_dismissed(page_for, live_server, world):
    page = page_for("secretary")
    seen = _watch(page)
    page.goto(f"{live_server.url}/staff/")
    answers = iter([False, True])
    page.on("dialog", lambda d: d.accept() if next(answers) else d.dismiss())
    target = world.membership("grid2")
    form = page.locator(f"form[action='/staff/{target.pk}/deactivate/']")
    form.get_by_role("button").click()
    page.wait_for_load_state("networkidle")
    target.refresh_from_db()
    assert target.is_active
    with page.expect_navigation():
        form.get_by_role("button").click()
    target.refresh_from_db()
    assert not target.is_active
    assert seen == []


def test_the_claimant_picker_fills_the_hidden_fields(page_for, live_server, world):
    page = page_for("secretary")
    seen = _watch(page)
    page.goto(f"{live_server.url}/volunteering/projects/{world.vol.project.pk}/")
    team, volunteer = page.locator("input[name=team]"), page.locator("input[name=volunteer]")
    expect(team).to_have_value(str(world.vol.team.pk))  # filled from the first option when the page loads
    page.select_option("#f-who", f"volunteer:{world.vol.guest.pk}")
    expect(volunteer).to_have_value(str(world.vol.guest.pk))
    expect(team).to_have_value("")
    page.select_option("#f-who", f"team:{world.vol.team.pk}")
    expect(team).to_have_value(str(world.vol.team.pk))
    expect(volunteer).to_have_value("")
    assert seen == []
