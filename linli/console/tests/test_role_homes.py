"""Every demo account lands on a home that fits its role, and every link on that home opens: a
button that answers 404 or 403 to the person it is shown to is a bug (issue 13)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

LINK = re.compile(r'href="(/[^"#]*)"')
NOT_PAGES = ("/static/", "/favicon.ico")


@pytest.fixture
def demo(demo_db):
    return {u.username: u for u in get_user_model().objects.all()}


def _home(client: Client):
    response = client.get("/", follow=True)
    assert response.status_code == 200
    return response, response.content.decode()


def _links(html: str) -> list[str]:
    return sorted({h.replace("&amp;", "&") for h in LINK.findall(html) if not h.startswith(NOT_PAGES)})


def test_every_demo_account_home_opens_every_link_it_shows(demo):
    assert {"xianhu.member", "xinyuan.member", "xianhu.volunteer", "xianhu.secretary"} <= set(demo)
    broken = []
    for username, user in demo.items():
        client = Client()
        client.force_login(user)
        _response, html = _home(client)
        for href in _links(html):
            status = client.get(href, follow=True).status_code
            if status != 200:
                broken.append(f"{username}: {href} → {status}")
    assert broken == []


@pytest.mark.parametrize("code", ["xianhu", "xinyuan"])
def test_in_service_member_from_elsewhere_lands_on_his_report_and_his_hours(demo, code):
    client = Client()
    client.force_login(demo[f"{code}.member"])
    _response, html = _home(client)
    assert "在职党员报到" in html and "我的志愿服务" in html and "今年已服务" in html
    assert "查找居民" not in html and "在住居民" not in html  # not the staff dashboard of zeros


def test_staff_home_keeps_the_registry_dashboard(demo):
    client = Client()
    client.force_login(demo["xianhu.secretary"])
    _response, html = _home(client)
    assert "查找居民" in html and "在住居民" in html
    assert "今年已服务" not in html  # the member's card is not the secretary's


def test_a_team_leader_who_is_a_resident_lands_on_his_volunteering_not_his_record(demo):
    client = Client()
    client.force_login(demo["xianhu.volunteer"])
    response, html = _home(client)
    assert response.redirect_chain == [] and "我的志愿服务" in html
    assert "活动后集体登记时长" in html and "核实队员时长" in html  # the leader's two jobs
    assert 'href="/me/"' in html  # his record stays one tap away, in the menu
