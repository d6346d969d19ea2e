"""Accounts residents open themselves, by mobile number and one-time code, and sign in to by password
or code; a forgotten password is reset by code. The account holds no role until its link request is
confirmed (linli/residents/services.py): until then it sees only the public pages and its own."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from linli.core import crypto
from linli.messaging import services as messaging
from linli.residents import codes
from linli.residents.codes import CodeError
from linli.residents.models import AccountPhone, OneTimeCode

NO_ACCOUNT = _("这个手机号还没有注册。")
INACTIVE = _("账号已停用，请联系社区。")


def _password_ok(password: str, user=None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise CodeError(" ".join(exc.messages), field="password", code="weak_password") from None


def signup_complete(*, code_id, code: str, password: str = ""):
    """The sign-up's second step: the code is right, so the number is the person's. The password
    is optional (without one, he signs in by code). The code is checked in its own transaction, so
    that a wrong one counts even though the call is refused."""
    if password:
        _password_ok(password)
    row = codes.code_check(code_id=code_id, purpose=OneTimeCode.Purpose.SIGNUP, code=code)
    with transaction.atomic():
        return _open_account(row, password)


def _open_account(row: OneTimeCode, password: str):
    phone = codes.code_phone(row)
    if AccountPhone.objects.filter(phone_bidx=row.phone_bidx).exists():
        raise CodeError(codes.TAKEN, field="phone", code="taken")
    user = get_user_model().objects.create_user(username=f"r{secrets.token_hex(6)}")
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    account = AccountPhone(user=user, phone_bidx=row.phone_bidx, phone_last4=phone[-4:], phone_enc="-")
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError:  # the same number, registered a moment ago
        raise CodeError(codes.TAKEN, field="phone", code="taken") from None
    account.phone_enc = crypto.encrypt(phone, table="residents_accountphone", column="phone", row=str(account.pk))
    account.save(update_fields=["phone_enc"])
    messaging.contact_set(user=user, channel="sms", address=phone)
    return user


def login_by_code(*, code_id, code: str):
    row = codes.code_check(code_id=code_id, purpose=OneTimeCode.Purpose.LOGIN, code=code)
    account = AccountPhone.objects.select_related("user").filter(phone_bidx=row.phone_bidx).first()
    if account is None:
        raise CodeError(NO_ACCOUNT, field="phone", code="no_account")
    if not account.user.is_active:
        raise CodeError(INACTIVE, code="inactive")
    return account.user


def password_reset(*, code_id, code: str, password: str):
    _password_ok(password)
    row = codes.code_check(code_id=code_id, purpose=OneTimeCode.Purpose.RESET, code=code)
    account_row = AccountPhone.objects.select_related("user").filter(phone_bidx=row.phone_bidx).first()
    if account_row is None:
        raise CodeError(NO_ACCOUNT, field="phone", code="no_account")
    account_row.user.set_password(password)
    account_row.user.save(update_fields=["password"])
    return account_row.user


def is_self_registered(user) -> bool:
    return AccountPhone.objects.filter(user=user).exists()
