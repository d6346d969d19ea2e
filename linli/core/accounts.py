"""One's own account: the second factor (who must use it, switching it off), API tokens, the password.

Security steps are written to the access log (action `account`, subject the user: the audit) and
to the account's security timeline (core/security_events.py, shown on the security page); neither
holds a secret, only what was done."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core import modules
from linli.core import security_events as events
from linli.core.audit import access_log_write
from linli.core.errors import DomainError
from linli.core.models import AccessLog, ApiToken
from linli.core.permissions import SECOND_FACTOR_PERMISSIONS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest

PENDING_USER = "linli_pending_user"  # the login's state between the password and the code
RESIDENT_ROLE = "resident"  # tenancy's Role.RESIDENT: residents (often elderly) are not offered API tokens


class AccountError(DomainError):
    pass


class SecondFactorRequired(DomainError):
    code = "second_factor_required"
    status = 403


class TokenRefused(DomainError):
    """A known token that may not be used for this request (expired, read-only on a write)."""

    def __init__(self, message: str, *, code: str, status: int):
        super().__init__(message, code=code)
        self.status = status


SECOND_FACTOR_REQUIRED = _(
    "您的角色经手居民的完整信息，须先开启二次验证（动态验证码）才能继续使用。请按下面的步骤用手机验证器App完成设置。"
)
REAUTH_FAILED = _("密码或动态验证码不对，未做任何更改。")
REAUTH_LOCKED = _("密码错误次数过多，已暂时锁定，请15分钟后再试。")
SECOND_FACTOR_KEPT = _("您的角色必须使用二次验证，不能关闭。")
TOKEN_NAME_REQUIRED = _("请填写令牌用途。")
TOKEN_DAYS_INVALID = _("有效期请填1到%(max)s天。")


def roles_requiring_second_factor() -> set[str]:
    """LINLI_2FA_REQUIRED_ROLES if set, else every role some module grants a code that reveals or
    exports unmasked (secretaries, workers, grid workers in the demo's grants)."""
    configured = getattr(settings, "LINLI_2FA_REQUIRED_ROLES", None)
    if configured:
        return set(configured)
    return {role for role, codes in modules.role_grants().items() if codes & SECOND_FACTOR_PERMISSIONS}


def second_factor_required(user: User | AnonymousUser) -> bool:
    """Whether this account must have a confirmed TOTP device (LINLI_REQUIRE_2FA and its roles)."""
    if not settings.LINLI_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(modules.account_roles(user) & roles_requiring_second_factor())


def offers_api_tokens(user: User) -> bool:
    """Whether the security page offers API tokens: to staff and partners, whose systems may call the
    API; a resident (often elderly) sees no such section unless he already holds a token."""
    if user.is_superuser or user.is_staff or ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists():
        return True
    return bool(modules.account_roles(user) - {RESIDENT_ROLE})


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_missing(user: User) -> bool:
    return second_factor_required(user) and not has_second_factor(user)


def reauthenticated(*, user: User, secret: str, request: HttpRequest | None = None) -> bool:
    """A current code of the account's confirmed authenticator, or its password — checked through
    the login's authentication (axes) when there is a request, so that a stolen session cannot try
    passwords here without the login's lockout."""
    if not secret:
        return False
    if secret.strip().isdigit() and len(secret.strip()) == 6:
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(secret.strip()):
                return True
    if request is None:
        return user.check_password(secret)
    checked = authenticate(request, username=user.get_username(), password=secret)
    if getattr(request, "axes_locked_out", False):
        raise AccountError(REAUTH_LOCKED, field="secret")
    return checked is not None and checked.pk == user.pk


def _log(
    *, user: User, what: str, request: HttpRequest | None = None, reason: str = "", actor: User | None = None
) -> None:
    access_log_write(
        actor=actor or user, action=AccessLog.Action.ACCOUNT, community_id=None, subject_type="user",
        subject_id=user.pk, fields=[what], reason=reason, request=request,
    )  # fmt: skip


def otp_setup_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator (its QR code is shown until a code confirms it)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def otp_setup_confirm(*, user: User, token: str) -> TOTPDevice | None:
    """The code from the app confirms the pending authenticator; None if there is none or the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        events.otp_enabled_event(user=user)
    return device


# The re-authentication runs outside the transaction: a failure it records (axes) must not be rolled back.
def otp_disable(*, user: User, secret: str, request: HttpRequest | None = None) -> None:
    if second_factor_required(user):
        raise AccountError(SECOND_FACTOR_KEPT, code="forbidden")
    if not reauthenticated(user=user, secret=secret, request=request):
        raise AccountError(REAUTH_FAILED, field="secret")
    with transaction.atomic():
        had_one = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        TOTPDevice.objects.filter(user=user).delete()
        _log(user=user, what="otp_disable", request=request)
        if had_one:
            events.otp_disabled_event(user=user)


def token_issue(
    *, user: User, name: str, days: int, read_only: bool, secret: str, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise AccountError(TOKEN_NAME_REQUIRED, field="name")
    if not 1 <= days <= settings.LINLI_TOKEN_MAX_DAYS:
        raise AccountError(TOKEN_DAYS_INVALID % {"max": settings.LINLI_TOKEN_MAX_DAYS}, field="days")
    if not reauthenticated(user=user, secret=secret, request=request):
        raise AccountError(REAUTH_FAILED, field="secret")
    scope = ApiToken.Scope.READ if read_only else ApiToken.Scope.WRITE
    with transaction.atomic():
        expires_at = timezone.now() + dt.timedelta(days=days)
        row, token = ApiToken.issue(user=user, name=name[:100], expires_at=expires_at, scope=scope)
        _log(user=user, what="token_create", request=request, reason=f"{row.prefix} {row.scope} {days}d")
        events.token_issued_event(user=user, token=row, days=days)
    return row, token


def token_revoke(*, user: User, pk: int) -> ApiToken | None:
    """One's own live token stops working; someone else's, or one already revoked: None, nothing changes."""
    with transaction.atomic():
        row = ApiToken.objects.select_for_update().filter(user=user, pk=pk, revoked_at__isnull=True).first()
        if row is None:
            return None
        row.revoked_at = timezone.now()
        row.save(update_fields=["revoked_at"])
        events.token_revoked_event(user=user, token=row)
    return row


def tokens_revoke_all(*, user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def password_changed(
    *, user: User, actor: User | None = None, request: HttpRequest | None = None, reason: str = ""
) -> None:
    """After any new password (own change, staff reset, admin): the old tokens stop working. The
    admin's form knows no actor; its row names the account itself with reason "django-admin"."""
    revoked = tokens_revoke_all(user=user)
    own = actor is not None and actor.pk == user.pk
    what = "password_change" if own else "password_reset"
    _log(user=user, what=what, request=request, actor=actor, reason=f"{reason} tokens revoked: {revoked}".strip())
    if own:
        events.password_changed_event(user=user, tokens_revoked=revoked)
    else:
        events.password_reset_event(user=user, actor=actor, tokens_revoked=revoked, note=reason)
