"""Switching the second factor off and minting a token need the password or a current code; one's
own password can be changed; tokens expire, may be read-only and die with the password (issue 11)."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core.models import AccessLog, ApiToken
from linli.core.tests.world import PASSWORD
from linli.people.models import Resident

NEW = "Another-Secret-2026"


def _token_form(**changes):
    return {"name": "区平台", "days": "30", "read_only": "on", "secret": PASSWORD, **changes}


@pytest.fixture
def worker(client, world):
    client.force_login(world.user("worker"))
    return world.user("worker")


def _verified(client, worker) -> TOTPDevice:
    """A confirmed authenticator and a session verified with it (as after the login code)."""
    device = TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device


def test_switching_the_second_factor_off_with_a_wrong_password_changes_nothing(client, worker):
    _verified(client, worker)
    response = client.post(reverse("otp_disable"), {"secret": "wrong-password"})
    assert response.status_code == 200 and "密码或动态验证码不对" in response.content.decode()
    assert TOTPDevice.objects.filter(user=worker, confirmed=True).count() == 1


def test_switching_the_second_factor_off_with_a_current_code_is_logged(client, worker):
    device = _verified(client, worker)
    client.post(reverse("otp_disable"), {"secret": f"{totp(device.bin_key):06d}"})
    assert not TOTPDevice.objects.filter(user=worker).exists()
    assert AccessLog.objects.filter(action="account", subject_id=worker.pk, fields="otp_disable").count() == 1


def test_a_token_needs_the_password(client, worker):
    response = client.post(reverse("token_create"), _token_form(secret="wrong-password"))
    assert "密码或动态验证码不对" in response.content.decode() and not ApiToken.objects.exists()


def test_a_token_is_read_only_and_expires_when_chosen(client, worker):
    response = client.post(reverse("token_create"), _token_form(), follow=True)
    row = ApiToken.objects.get(user=worker)
    assert row.scope == "read" and abs(row.expires_at - timezone.now() - dt.timedelta(days=30)) < dt.timedelta(1)
    assert "有效期至" in response.content.decode() and "只读" in response.content.decode()
    assert AccessLog.objects.filter(action="account", subject_id=worker.pk, fields="token_create").count() == 1


@pytest.mark.parametrize("days", ["0", "366"])
def test_a_token_lives_one_day_to_a_year(client, worker, days):
    client.post(reverse("token_create"), _token_form(days=days))
    assert not ApiToken.objects.exists()


def _api(client, method, token, body=None):
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)("/api/v1/residents", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)


def test_an_expired_token_is_refused_with_401(client, world):
    row, token = ApiToken.issue(user=world.user("worker"), name="x")
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _api(client, "get", token)
    assert response.status_code == 401 and response.json()["error"]["code"] == "token_expired"


def test_a_read_only_token_reads_but_does_not_write(client, world):
    _row, token = ApiToken.issue(user=world.user("worker"), name="x", scope=ApiToken.Scope.READ)
    assert _api(client, "get", token).status_code == 200
    body = {"community_id": world.a.pk, "name": "新人", "dwelling_id": world.dwelling1.pk}
    response = _api(client, "post", token, body)
    assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_token"
    assert not Resident.objects.unscoped().filter(name="新人").exists()


def test_changing_ones_password_keeps_the_session_and_revokes_tokens(client, worker):
    ApiToken.issue(user=worker, name="x")
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert response["Location"] == reverse("security")
    assert get_user_model().objects.get(pk=worker.pk).check_password(NEW)
    assert client.get("/people/residents/").status_code == 200  # still logged in
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()


@pytest.mark.parametrize("new", ["short", "12345678901234", "password123"])
def test_a_weak_or_unconfirmed_password_is_refused(client, worker, new):
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 200 and get_user_model().objects.get(pk=worker.pk).check_password(PASSWORD)


def test_a_wrong_old_password_changes_nothing(client, worker):
    client.post(reverse("password_change"), {"old_password": "nope-nope-1", "new_password1": NEW, "new_password2": NEW})
    assert get_user_model().objects.get(pk=worker.pk).check_password(PASSWORD)


def test_a_staff_reset_revokes_the_accounts_tokens(client, world):
    ApiToken.issue(user=world.user("grid2"), name="x")
    client.force_login(world.user("secretary"))
    client.post(f"/staff/{world.membership('grid2').pk}/password/", {"password": NEW})
    assert not ApiToken.objects.filter(user=world.user("grid2"), revoked_at__isnull=True).exists()
    assert AccessLog.objects.get(fields="password_reset").actor == world.user("secretary")


def test_an_admin_reset_revokes_the_accounts_tokens(client, world):
    ApiToken.issue(user=world.user("grid2"), name="x")
    client.force_login(world.user("admin"))
    url = reverse("admin:auth_user_password_change", args=[world.user("grid2").pk])
    client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert get_user_model().objects.get(username="grid2").check_password(NEW)
    assert not ApiToken.objects.filter(user=world.user("grid2"), revoked_at__isnull=True).exists()


def test_guessing_the_password_here_locks_like_the_login(client, worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("token_create"), _token_form(secret="wrong-password"))
    response = client.post(reverse("token_create"), _token_form())
    assert "锁定" in response.content.decode() and not ApiToken.objects.exists()


def test_each_secret_box_on_the_page_has_its_own_label(client, worker):
    """The token form and the switch-off form (shown once a device is on) both ask for `secret`."""
    from linli.core.forms import ReauthForm, TokenForm

    assert TokenForm()["secret"].id_for_label != ReauthForm()["secret"].id_for_label
    page = client.get(reverse("security")).content.decode()
    assert re.findall(r'<label[^>]*for="(id_token_secret)"', page) and 'id="id_token_secret"' in page


def test_revoking_a_token_asks_first(client, worker):
    client.post(reverse("token_create"), _token_form())
    assert "确定吊销？" in client.get(reverse("security")).content.decode()


def test_a_resident_is_not_offered_api_tokens_but_staff_are(client, world):
    client.force_login(world.user("resident"))
    assert "API 令牌" not in client.get(reverse("security")).content.decode()
    client.force_login(world.user("worker"))
    assert "API 令牌" in client.get(reverse("security")).content.decode()
