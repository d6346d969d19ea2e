import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.env import BASE_DIR
from linli.core.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from linli.core.tests.world import PASSWORD

LOGIN = "/accounts/login/"


def _login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_and_logout(client, world):
    assert _login(client, "secretary").status_code == 302
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_wrong_password_says_what_to_do(client, world):
    response = _login(client, "secretary", "wrong-password")
    assert response.status_code == 200 and "账号或密码不对" in response.content.decode()


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "secretary", "wrong-password")
    response = _login(client, "secretary")
    assert response.status_code == 429 and "锁定" in response.content.decode()
    assert client.get("/").status_code == 302


def test_next_parameter_cannot_send_users_elsewhere(client, world):
    response = client.post(LOGIN + "?next=https://evil.example/", {"username": "secretary", "password": PASSWORD})
    assert response["Location"] == "/"


@pytest.mark.parametrize("key", [SESSION_LAST_SEEN, SESSION_STARTED])
def test_sessions_expire_when_idle_and_absolutely(client, world, key):
    client.force_login(world.user("secretary"))
    client.get("/")
    session = client.session
    session[key] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session.save()
    response = client.get("/people/residents/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get("/").status_code == 302


def test_second_factor_is_asked_after_the_password(client, world):
    user = world.user("worker")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = _login(client, "worker")
    assert response["Location"] == reverse("login_otp")
    assert client.get("/").status_code == 302  # not logged in yet
    assert "验证码不对" in client.post(reverse("login_otp"), {"token": "000000"}).content.decode()
    assert "稍等" in client.post(reverse("login_otp"), {"token": "000000"}).content.decode()  # throttled
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(reverse("login_otp"), {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302 and client.get("/").status_code == 200


def test_a_session_without_the_second_factor_is_ended(client, world):
    user = world.user("worker")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    assert client.get("/people/residents/")["Location"] == reverse("login_otp")  # the code step
    assert "_auth_user_id" not in client.session


def test_staff_can_turn_on_a_second_factor(client, world):
    client.force_login(world.user("worker"))
    client.post(reverse("otp_start"))
    device = TOTPDevice.objects.get(user=world.user("worker"))
    assert "二维码" in client.get(reverse("security")).content.decode()
    client.post(reverse("otp_confirm"), {"token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed


def test_check_deploy_reports_nothing_with_debug_off():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "false",
        "SECRET_KEY": "p" * 30 + "Q9!x" * 10,
        "LINLI_FIELD_KEYS": "k1:aes-256-gcm:" + "a" * 43 + "=",
        "LINLI_BLIND_INDEX_KEY": "b" * 43 + "=",
        "ALLOWED_HOSTS": "linli.example.org",
    }
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=BASE_DIR, check=False)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_the_second_factor_qr_code_is_an_image_a_browser_can_show(client, world):
    """An <img> of an SVG data: URI shows only its alt text unless the SVG names its namespace."""
    import base64
    import re

    client.force_login(world.user("worker"))
    client.post(reverse("otp_start"))
    page = client.get(reverse("security")).content.decode()
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)).decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
