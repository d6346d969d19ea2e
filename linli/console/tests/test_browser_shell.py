"""The shell every page sits in — header, menu, the language switch, the bell — passes axe-core's
WCAG 2 A/AA checks as each kind of user sees it, at 1280 and 390 px, with the menu opened on the
phone. The modules' own tests check their pages whole, shell included (linli.core.tests.axe)."""

import pytest

from linli.core.tests.axe import violations

pytestmark = pytest.mark.browser

USERS = ["secretary", "grid1", "property", "resident", "supervisor"]


@pytest.mark.parametrize("username", USERS)
def test_the_home_page_and_its_shell_pass_axe_at_both_widths(page_for, live_server, username):
    for width in (1280, 390):
        page = page_for(username, width=width)
        assert violations(page) == [], f"{username} at {width} px"
        toggle = page.locator("[data-bs-toggle=offcanvas], [data-bs-toggle=collapse]").first
        if width == 390 and toggle.count() and toggle.is_visible():
            toggle.click()
            page.wait_for_timeout(400)  # the menu slides in
            assert violations(page) == [], f"{username} at {width} px, menu open"


def test_a_list_page_passes_axe_with_its_filters_and_pagination(page_for, live_server):
    page = page_for("secretary")
    page.goto(live_server.url + "/people/residents/")
    assert violations(page) == []
