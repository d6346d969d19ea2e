"""Review of issue 11: a password-only session does not reach the security pages of an account that has
a second factor, and a bearer request is judged by its token, not by the session cookie beside it."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.console.views import PENDING_USER
from linli.core.models import ApiToken
from linli.core.tests.test_api_errors import _hours
from linli.core.tests.world import PASSWORD
from linli.volunteering.models import ServiceRecord


@pytest.fixture
def unverified(client, world):
    """The worker's account has a confirmed authenticator; this session knows only the password."""
    user = world.user("worker")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    return user


def _token_form():
    return {"name": "x", "days": "30", "secret": PASSWORD}


@pytest.mark.parametrize("required", [False, True])
def test_a_password_only_session_cannot_add_a_device_nor_mint_a_token(client, unverified, settings, required):
    settings.LINLI_REQUIRE_2FA = required
    start = client.post(reverse("otp_start"))
    assert start["Location"] == reverse("login_otp")
    # The session was ended; a second attempt from the same browser is not logged in at all.
    client.force_login(unverified)
    client.post(reverse("otp_confirm"), {"token": "123456"})
    client.force_login(unverified)
    token = client.post(reverse("token_create"), _token_form())
    assert token["Location"] == reverse("login_otp")
    client.force_login(unverified)
    assert client.get(reverse("security"))["Location"] == reverse("login_otp")
    assert TOTPDevice.objects.filter(user=unverified).count() == 1
    assert not ApiToken.objects.filter(user=unverified).exists()
    assert "otp_device_id" not in client.session


def test_the_code_step_after_a_password_only_session_logs_in_with_the_code(client, unverified):
    device = TOTPDevice.objects.get(user=unverified)
    response = client.get("/people/residents/")
    assert response["Location"] == reverse("login_otp")
    assert client.session[PENDING_USER] == unverified.pk and "_auth_user_id" not in client.session
    assert client.get(reverse("login_otp")).status_code == 200
    response = client.post(reverse("login_otp"), {"token": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == "/people/residents/"
    assert client.get(reverse("security")).status_code == 200


def test_the_api_answers_a_password_only_session_as_not_logged_in(client, unverified):
    response = client.get("/api/v1/residents")
    assert response.status_code == 401 and response["Content-Type"].startswith("application/json")


def test_enrolment_stays_open_to_an_account_without_a_device(client, world, settings):
    settings.LINLI_REQUIRE_2FA = True
    user = world.user("secretary")
    client.force_login(user)
    assert client.get(reverse("security")).status_code == 200
    client.post(reverse("otp_start"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("otp_confirm"), {"token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed and client.session["otp_device_id"] == device.persistent_id
    assert client.get("/people/residents/").status_code == 200


def test_a_bearer_request_is_judged_by_its_token_not_by_a_session_cookie_beside_it(world, settings):
    """A valid token of an account that needs no second factor (a resident) beside a secretary's
    session that has not set one up yet."""
    settings.LINLI_REQUIRE_2FA = True
    _row, token = ApiToken.issue(user=world.user("resident"), name="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("secretary"))
    before = ServiceRecord.objects.unscoped().count()
    response = client.post(
        "/api/v1/volunteering/records", _hours(world), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert ServiceRecord.objects.unscoped().count() == before + 1


def test_a_bearer_request_does_not_end_a_session_beside_it(world):
    """A session whose account confirmed a device elsewhere is not logged out by a bearer call, and
    the call answers JSON, not a redirect to the login page."""
    user = world.user("worker")
    _row, token = ApiToken.issue(user=user, name="x")
    client = Client()
    client.force_login(user)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.get("/api/v1/residents", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_a_bearer_request_does_not_keep_an_idle_session_beside_it_alive(world):
    import time

    from linli.core.middleware import SESSION_LAST_SEEN

    user = world.user("worker")
    _row, token = ApiToken.issue(user=user, name="x")
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_LAST_SEEN] = seen = int(time.time()) - 120
    session.save()
    response = client.get("/api/v1/residents", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    assert client.session[SESSION_LAST_SEEN] == seen
