"""One-time codes: six digits, five minutes, five tries; at most one a minute and ten a day per
number, twenty a minute per address. The digits are never stored nor logged: the row keeps a
salted HMAC (the blind-index key), the SMS is sent by messaging (a secret kind, erased once sent)."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import crypto
from linli.core.errors import DomainError
from linli.core.identity import InvalidIdentity, normalize_phone
from linli.messaging import services as messaging
from linli.residents.models import AccountPhone, OneTimeCode


class CodeError(DomainError):
    pass


class TooManyCodes(CodeError):
    code = "too_many"
    status = 429


NOT_MOBILE = _("请填写11位手机号码。")
COOLDOWN = _("验证码已发送，请60秒后再获取。")
DAILY = _("这个号码今天获取验证码的次数太多，请明天再试。")
FLOOD = _("获取验证码过于频繁，请稍后再试。")
WRONG = _("验证码不对，还可以再试%(n)d次。")
LOCKED = _("验证码已输错5次，已失效，请重新获取。")
EXPIRED = _("验证码已过期或已使用，请重新获取。")
TAKEN = _("这个手机号已注册，请直接登录。")

LIFETIME = dt.timedelta(minutes=5)
MAX_TRIES = 5


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def mobile(raw: str) -> str:
    try:
        phone = normalize_phone(raw or "")
    except InvalidIdentity:
        raise CodeError(NOT_MOBILE, field="phone") from None
    if len(phone) != 11 or not phone.startswith("1"):
        raise CodeError(NOT_MOBILE, field="phone")
    return phone


def phone_key(phone: str) -> str:
    return crypto.blind_index(phone, purpose="phone")


def _digest(salt: str, code: str) -> str:
    return crypto.blind_index(f"{salt}:{code}", purpose="one_time_code")


def account_for(phone: str):
    row = AccountPhone.objects.select_related("user").filter(phone_bidx=phone_key(phone)).first()
    return row.user if row else None


def _check_rates(phone_bidx: str, ip_key: str, now: dt.datetime) -> None:
    minute = now - dt.timedelta(seconds=60)
    if OneTimeCode.objects.filter(ip_key=ip_key, created_at__gte=minute).count() >= _limit(
        "LINLI_CODES_PER_IP_MINUTE", 20
    ):
        raise TooManyCodes(FLOOD)
    numbers = OneTimeCode.objects.filter(phone_bidx=phone_bidx)
    if numbers.filter(created_at__gte=minute).exists():
        raise TooManyCodes(COOLDOWN, field="phone")
    if numbers.filter(created_at__gte=now - dt.timedelta(days=1)).count() >= _limit("LINLI_CODES_PER_NUMBER_DAY", 10):
        raise TooManyCodes(DAILY, field="phone")


def code_request(*, phone: str, purpose: str, ip: str) -> OneTimeCode:
    """Send a code for `purpose`. To a number with no account, login and reset codes are not sent
    but the answer is the same (nobody learns which numbers have accounts); sign-up refuses a number
    already registered, since the person must know to log in instead."""
    phone = mobile(phone)
    now = timezone.now()
    bidx, ip_key = phone_key(phone), crypto.blind_index(ip or "-", purpose="client_address")
    _check_rates(bidx, ip_key, now)
    has_account = AccountPhone.objects.filter(phone_bidx=bidx).exists()
    if purpose == OneTimeCode.Purpose.SIGNUP and has_account:
        raise CodeError(TAKEN, field="phone", code="taken")
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    with transaction.atomic():
        row = OneTimeCode.objects.create(
            purpose=purpose, phone_bidx=bidx, phone_enc="-", ip_key=ip_key, salt=salt,
            code_hash=_digest(salt, code), expires_at=now + LIFETIME,
        )  # fmt: skip
        row.phone_enc = crypto.encrypt(phone, table="residents_onetimecode", column="phone", row=str(row.pk))
        row.save(update_fields=["phone_enc"])
        if purpose == OneTimeCode.Purpose.SIGNUP or has_account:
            messaging.notify_address(channel="sms", address=phone, kind=f"{purpose}_code", context={"code": code})
    return row


def code_phone(row: OneTimeCode) -> str:
    return crypto.decrypt(row.phone_enc, table="residents_onetimecode", column="phone", row=str(row.pk))


def code_check(*, code_id, purpose: str, code: str) -> OneTimeCode:
    """The code typed for the code row `code_id`: used up when right; a wrong one counts a try,
    and the fifth wrong one locks the row (the count is kept even though the call is refused)."""
    now = timezone.now()
    code = (code or "").strip()
    with transaction.atomic():
        row = OneTimeCode.objects.select_for_update().filter(pk=code_id or 0, purpose=purpose).first()
        if row is None or row.used_at or row.expires_at <= now:
            raise CodeError(EXPIRED, field="code", code="expired")
        if row.attempts >= MAX_TRIES:
            raise CodeError(LOCKED, field="code", code="locked")
        if hmac.compare_digest(row.code_hash, _digest(row.salt, code)):
            row.used_at = now
            row.save(update_fields=["used_at"])
            return row
        row.attempts += 1
        row.save(update_fields=["attempts"])
        left = MAX_TRIES - row.attempts
    if left <= 0:
        raise CodeError(LOCKED, field="code", code="locked")
    raise CodeError(WRONG % {"n": left}, field="code", code="wrong")
