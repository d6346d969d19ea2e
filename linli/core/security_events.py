"""The security timeline's events: one typed function per kind, on `core.events.record`, for the
account they concern (subject ("user", pk), no community: an account is global). Written in the
same transaction as the change; the labels are core's `event_kinds` (core/module.py). `data` holds
a token's prefix or a count, never a secret."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linli.core.events import record
from linli.core.models import ApiToken, Event

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _user_event(kind: str, *, user: User, actor: User | None, data: dict[str, Any] | None = None) -> Event:
    return record(module="core", kind=kind, subject=("user", user.pk), actor=actor, data=data)


def otp_enabled_event(*, user: User) -> Event:
    return _user_event("otp_enabled", user=user, actor=user)


def otp_disabled_event(*, user: User) -> Event:
    """The account's owner switched his second factor off."""
    return _user_event("otp_disabled", user=user, actor=user)


def otp_removed_event(*, user: User, actor: User | None, device_name: str = "") -> Event:
    """Someone else (an administrator, in django-admin) removed or unconfirmed the account's device."""
    return _user_event("otp_removed", user=user, actor=actor, data={"note": device_name[:40]} if device_name else {})


def token_issued_event(*, user: User, token: ApiToken, days: int) -> Event:
    data = {"note": token.name, "prefix": token.prefix, "scope": token.scope, "days": days}
    return _user_event("token_issued", user=user, actor=user, data=data)


def token_revoked_event(*, user: User, token: ApiToken) -> Event:
    return _user_event("token_revoked", user=user, actor=user, data={"note": token.name, "prefix": token.prefix})


def password_changed_event(*, user: User, tokens_revoked: int) -> Event:
    """The owner changed his own password."""
    return _user_event("password_changed", user=user, actor=user, data={"tokens_revoked": tokens_revoked})


def password_reset_event(*, user: User, actor: User | None, tokens_revoked: int, note: str = "") -> Event:
    """Someone else set the password (a secretary on the staff page; django-admin, which knows no actor)."""
    data: dict[str, Any] = {"tokens_revoked": tokens_revoked}
    if note:
        data["note"] = note
    return _user_event("password_reset", user=user, actor=actor, data=data)
