"""Open311 keys are issued and revoked through services.open311_keys, each leaving an event row
that the settings page shows; a refused revocation changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from linli.cases import services
from linli.cases.models import Open311Key
from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.models import Event


def _client(world, role="secretary"):
    client = Client()
    client.force_login(world.user(role))
    return client


def _key_events(key) -> list[str]:
    rows = Event.objects.filter(module="cases", subject_type="open311_key", subject_id=key.pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_revoking_a_key_leaves_an_event_shown_on_the_settings_page(world):
    key = world.cases.key
    response = _client(world).post(f"/cases/settings/keys/{key.pk}/revoke/", follow=True)
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert _key_events(key) == ["open311_key_revoked"]
    page = response.content.decode()
    assert "停用了Open311密钥" in page and "已停用，用它的系统将无法再提交" in page


def test_revoking_twice_is_refused_and_changes_nothing(world):
    key = services.open311_key_revoke(actor=world.user("secretary"), key=world.cases.key)
    with pytest.raises(ConflictError):
        services.open311_key_revoke(actor=world.user("secretary"), key=key)
    revoked_at = Open311Key.objects.unscoped().get(pk=key.pk).revoked_at
    response = _client(world).post(f"/cases/settings/keys/{key.pk}/revoke/", follow=True)
    assert "该密钥已经停用过了" in response.content.decode()
    assert Open311Key.objects.unscoped().get(pk=key.pk).revoked_at == revoked_at
    assert _key_events(key) == ["open311_key_revoked"]


def test_only_who_manages_the_settings_revokes_a_key(world):
    with pytest.raises(PermissionDeniedError):
        services.open311_key_revoke(actor=world.user("worker"), key=world.cases.key)
    assert Open311Key.objects.unscoped().get(pk=world.cases.key.pk).revoked_at is None
    assert _key_events(world.cases.key) == []


def test_issuing_a_key_on_the_page_leaves_an_event(world):
    response = _client(world).post("/cases/settings/keys/", {"name": "12345热线对接"}, follow=True)
    key = Open311Key.objects.unscoped().filter(community=world.a, name="12345热线对接").get()
    assert _key_events(key) == ["open311_key_created"]
    assert "签发了Open311密钥" in response.content.decode()


def test_a_key_without_a_name_is_refused(world):
    before = Open311Key.objects.unscoped().count()
    response = _client(world).post("/cases/settings/keys/", {"name": " "}, follow=True)
    assert "请写明密钥给谁用" in response.content.decode()
    assert Open311Key.objects.unscoped().count() == before


def test_the_operators_command_issues_a_key_with_an_event_and_no_actor(world):
    out = io.StringIO()
    call_command("open311_key", community=world.a.code, name="小程序", stdout=out, stderr=io.StringIO())
    key = Open311Key.objects.unscoped().get(name="小程序")
    assert out.getvalue().strip().startswith("o311_") and _key_events(key) == ["open311_key_created"]
    assert Event.objects.get(subject_type="open311_key", subject_id=key.pk).actor is None
