"""Switching the language from a page that a POST drew (a form shown again with its errors)."""

from django.urls import reverse


def test_a_page_drawn_by_a_post_switches_language_back_to_the_page_it_came_from(client, world):
    client.force_login(world.user("worker"))
    page = client.post(reverse("token_create"), {"name": "区平台", "days": "30", "secret": "wrong-password"})
    assert page.status_code in (200, 400)
    html = page.content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert f'name="next" type="hidden" value="{reverse("token_create")}"' not in html  # a POST-only address
    switched = client.post("/i18n/setlang/", {"language": "en"}, HTTP_REFERER="http://testserver/accounts/security/")
    assert switched.status_code == 302 and switched["Location"] == "http://testserver/accounts/security/"
    assert client.get(switched["Location"]).status_code == 200


def test_a_page_drawn_by_a_get_keeps_its_own_address(client, world):
    client.force_login(world.user("worker"))
    html = client.get("/people/residents/?q=张").content.decode()
    assert 'name="next" type="hidden" value="/people/residents/?q=' in html


def test_the_password_length_error_is_chinese_on_a_chinese_page(client, world):
    client.force_login(world.user("worker"))
    page = client.post(
        reverse("password_change"),
        {"old_password": "x", "new_password1": "Ab1-x", "new_password2": "Ab1-x"},
    ).content.decode()
    assert "密码太短，至少要 10 个字符。" in page and "too short" not in page
