"""The Chinese UI says things in words a community worker uses: category names rather than their
interface codes, the channels as they are, each language in its own name."""

from django.test import Client


def _page(world, url: str, role: str = "secretary") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(world.user(role))
    return client.get(url).content.decode()


def test_the_language_menu_names_each_language_in_itself(world):
    html = _page(world, "/cases/")
    assert ">简体中文</option>" in html and ">English</option>" in html
    assert "英语" not in html


def test_the_channel_filter_says_third_party_platform_not_open311(world):
    html = _page(world, "/cases/")
    assert ">第三方平台</option>" in html and "12345热线转办" in html
    assert "Open311接口" not in html


def test_the_category_settings_list_shows_names_not_codes(world):
    html = _page(world, "/cases/settings/")
    assert "设施维修" in html and "环境卫生" in html
    assert "<code>repair</code>" not in html and "<code>env</code>" not in html
