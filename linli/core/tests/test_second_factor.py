"""The second factor required per role when LINLI_REQUIRE_2FA is on (issue 11)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core.models import ApiToken


@pytest.fixture
def required(settings):
    settings.LINLI_REQUIRE_2FA = True
    return settings


def _turn_on(client, user):
    client.post(reverse("otp_start"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("otp_confirm"), {"token": f"{totp(device.bin_key):06d}"})
    return device


@pytest.mark.parametrize("role", ["secretary", "worker", "grid1", "admin"])
def test_pages_send_a_role_that_reveals_to_set_up_the_second_factor(client, world, required, role):
    client.force_login(world.user(role))
    response = client.get("/people/residents/", follow=True)
    assert response.redirect_chain == [(reverse("security"), 302)]
    assert "须先开启二次验证" in response.content.decode()


def test_the_set_up_pages_stay_open_and_after_it_the_registry_opens(client, world, required):
    client.force_login(world.user("secretary"))
    assert client.get(reverse("security")).status_code == 200
    assert client.get(reverse("password_change")).status_code == 200
    _turn_on(client, world.user("secretary"))
    assert client.get("/people/residents/").status_code == 200


@pytest.mark.parametrize("role", ["resident", "building", "property", "supervisor"])
def test_roles_that_never_see_full_numbers_are_not_asked(client, world, required, role):
    client.force_login(world.user(role))
    assert client.get("/").status_code in (200, 302)
    assert client.get("/").get("Location", "") != reverse("security")


def test_the_roles_are_a_setting(client, world, required):
    required.LINLI_2FA_REQUIRED_ROLES = ["resident"]
    client.force_login(world.user("secretary"))
    assert client.get("/people/residents/").status_code == 200
    client.force_login(world.user("resident"))
    assert client.get("/me/")["Location"] == reverse("security")


def test_off_by_default_as_in_the_demo(client, world):
    client.force_login(world.user("secretary"))
    assert client.get("/people/residents/").status_code == 200


def test_the_api_refuses_a_session_without_the_second_factor(client, world, required):
    client.force_login(world.user("worker"))
    response = client.get("/api/v1/residents")
    assert response.status_code == 403 and response.json()["error"]["code"] == "second_factor_required"


def test_the_api_refuses_a_token_of_an_account_without_the_second_factor(client, world, required):
    _row, token = ApiToken.issue(user=world.user("worker"), name="区平台")
    response = client.get("/api/v1/residents", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403 and response.json()["error"]["code"] == "second_factor_required"
    TOTPDevice.objects.create(user=world.user("worker"), name="phone", confirmed=True)
    assert client.get("/api/v1/residents", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_a_required_second_factor_cannot_be_switched_off(client, world, required):
    client.force_login(world.user("worker"))
    _turn_on(client, world.user("worker"))
    page = client.get(reverse("security")).content.decode()
    assert "不能关闭" in page and reverse("otp_disable") not in page
    response = client.post(reverse("otp_disable"), {"secret": "test-pass-2026"})
    assert "不能关闭" in response.content.decode() and TOTPDevice.objects.filter(confirmed=True).count() == 1


def test_production_requires_it_unless_told_otherwise():
    import os
    import subprocess
    import sys

    from config.env import BASE_DIR

    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "LINLI_REQUIRE_2FA")},
        "DJANGO_SETTINGS_MODULE": "config.settings.production", "DEBUG": "false", "SECRET_KEY": "p" * 60,
        "LINLI_FIELD_KEYS": "k1:aes-256-gcm:" + "a" * 43 + "=", "LINLI_BLIND_INDEX_KEY": "b" * 43 + "=",
    }  # fmt: skip
    code = "from django.conf import settings; print(settings.LINLI_REQUIRE_2FA)"
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=BASE_DIR, check=False)
    assert result.stdout.strip() == "True", result.stderr
