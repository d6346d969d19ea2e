"""The security page shows the account's own security timeline: the second factor switched on and off
(by the owner, or removed by an administrator in django-admin), tokens issued and revoked, the
password changed or reset. A refused step leaves no row."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core import accounts
from linli.core.models import ApiToken, Event
from linli.core.tests.world import PASSWORD


def _kinds(user) -> list[str]:
    return list(Event.objects.filter(subject_type="user", subject_id=user.pk).values_list("kind", flat=True))


def _page(client) -> str:
    return client.get(reverse("security")).content.decode()


@pytest.fixture
def secretary(client, world):
    client.force_login(world.user("secretary"))
    return world.user("secretary")


def _confirmed(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _verified(client, user) -> TOTPDevice:
    """A confirmed authenticator and a session verified with it (as after the login code)."""
    device = _confirmed(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device


def test_a_secretarys_second_factor_switched_off_shows_in_her_security_timeline(client, secretary):
    device = _verified(client, secretary)
    client.post(reverse("otp_disable"), {"secret": f"{totp(device.bin_key):06d}"})
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert _kinds(secretary) == ["otp_disabled"]
    assert "关闭了二次验证" in _page(client)


def test_a_refused_switch_off_leaves_the_device_and_no_row(client, secretary):
    _verified(client, secretary)
    client.post(reverse("otp_disable"), {"secret": "wrong-password"})
    assert TOTPDevice.objects.filter(user=secretary, confirmed=True).count() == 1
    assert _kinds(secretary) == []
    assert "还没有操作记录" in _page(client)


def test_a_required_second_factor_cannot_be_switched_off_and_nothing_is_recorded(client, secretary, settings):
    settings.LINLI_REQUIRE_2FA = True
    _confirmed(secretary)
    with pytest.raises(accounts.AccountError):
        accounts.otp_disable(user=secretary, secret=PASSWORD)
    assert TOTPDevice.objects.filter(user=secretary, confirmed=True).count() == 1 and _kinds(secretary) == []


def test_switching_it_on_is_recorded_once_confirmed(client, secretary):
    client.post(reverse("otp_start"))
    assert _kinds(secretary) == []
    device = TOTPDevice.objects.get(user=secretary)
    assert not device.confirmed
    client.post(reverse("otp_confirm"), {"token": f"{totp(device.bin_key):06d}"})
    assert _kinds(secretary) == ["otp_enabled"] and "开启了二次验证" in _page(client)


def test_an_administrator_deleting_a_secretarys_device_shows_in_her_timeline(client, world):
    secretary, admin = world.user("secretary"), world.user("admin")
    device = _confirmed(secretary)
    client.force_login(admin)
    client.post(f"/django-admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    row = Event.objects.get(subject_type="user", subject_id=secretary.pk)
    assert (row.kind, row.actor, row.module) == ("otp_removed", admin, "core")


def test_the_admins_bulk_delete_is_recorded_for_confirmed_devices_only(client, world):
    secretary, worker = world.user("secretary"), world.user("worker")
    ids = [_confirmed(secretary).pk, TOTPDevice.objects.create(user=worker, name="x", confirmed=False).pk]
    client.force_login(world.user("admin"))
    client.post("/django-admin/otp_totp/totpdevice/", {"action": "delete_selected", "_selected_action": ids,
                                                       "post": "yes"})  # fmt: skip
    assert not TOTPDevice.objects.filter(pk__in=ids).exists()
    assert (_kinds(secretary), _kinds(worker)) == (["otp_removed"], [])


def test_a_token_issued_and_revoked_shows_with_its_name(client, secretary):
    form = {"name": "区平台", "days": "30", "read_only": "on", "secret": PASSWORD}
    client.post(reverse("token_create"), form)
    row = ApiToken.objects.get(user=secretary)
    client.post(reverse("token_revoke", args=[row.pk]))
    assert _kinds(secretary) == ["token_revoked", "token_issued"]
    assert "吊销了API令牌" in _page(client) and "区平台" in _page(client)


def test_a_wrong_code_confirms_nothing(client, secretary):
    client.post(reverse("otp_start"))
    device = TOTPDevice.objects.get(user=secretary)
    wrong = f"{(totp(device.bin_key) + 1) % 1000000:06d}"
    client.post(reverse("otp_confirm"), {"token": wrong})
    device.refresh_from_db()
    assert not device.confirmed and _kinds(secretary) == []


def test_revoking_someone_elses_token_changes_nothing(client, secretary, world):
    row, _token = ApiToken.issue(user=world.user("worker"), name="x")
    before = Event.objects.count()
    client.post(reverse("token_revoke", args=[row.pk]))
    row.refresh_from_db()
    assert row.revoked_at is None and Event.objects.count() == before


def test_own_password_change_and_a_staff_reset_are_told_apart(client, secretary, world):
    NEW = "Another-Secret-2026"
    client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    accounts.password_changed(user=secretary, actor=world.user("admin"))
    rows = Event.objects.filter(subject_type="user", subject_id=secretary.pk).order_by("pk")
    admin = world.user("admin")
    assert [(r.kind, r.actor) for r in rows] == [("password_changed", secretary), ("password_reset", admin)]
    assert "修改了密码" in _page(client)
