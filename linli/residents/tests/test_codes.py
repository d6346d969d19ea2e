import datetime as dt

import pytest
from django.utils import timezone

from linli.messaging.backends import locmem
from linli.messaging.models import Delivery
from linli.residents import accounts, codes
from linli.residents.models import AccountPhone, OneTimeCode

pytestmark = pytest.mark.django_db
PHONE = "13612345678"


@pytest.fixture(autouse=True)
def _outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


def _send(django_capture_on_commit_callbacks, phone=PHONE, purpose="signup", ip="10.0.0.1"):
    with django_capture_on_commit_callbacks(execute=True):
        row = codes.code_request(phone=phone, purpose=purpose, ip=ip)
    return row, (locmem.outbox[-1].params[0] if locmem.outbox else None)


def test_a_code_is_sent_and_stored_only_as_a_hash(django_capture_on_commit_callbacks):
    row, code = _send(django_capture_on_commit_callbacks)
    assert len(code) == 6 and code.isdigit() and locmem.outbox[0].address == PHONE
    stored = " ".join(str(v) for v in OneTimeCode.objects.values().get().values())
    log = " ".join(str(v) for v in Delivery.objects.values().get().values())
    assert code not in stored and PHONE not in stored and code not in log and PHONE not in log


def test_sign_up_with_the_right_code_opens_an_account(django_capture_on_commit_callbacks):
    row, code = _send(django_capture_on_commit_callbacks)
    user = accounts.signup_complete(code_id=row.pk, code=code)
    assert AccountPhone.objects.get(user=user).phone_last4 == "5678" and PHONE not in user.username
    with pytest.raises(codes.CodeError) as used:
        accounts.signup_complete(code_id=row.pk, code=code)
    assert used.value.code == "expired"


def test_five_wrong_codes_lock_it_and_the_right_one_no_longer_works(django_capture_on_commit_callbacks):
    row, code = _send(django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(codes.CodeError, match=f"还可以再试{left}次"):
            accounts.signup_complete(code_id=row.pk, code=wrong)
    with pytest.raises(codes.CodeError) as fifth:
        accounts.signup_complete(code_id=row.pk, code=wrong)
    assert fifth.value.code == "locked"
    with pytest.raises(codes.CodeError) as right:
        accounts.signup_complete(code_id=row.pk, code=code)
    assert right.value.code == "locked" and AccountPhone.objects.count() == 0


def test_a_code_expires_after_five_minutes(django_capture_on_commit_callbacks):
    row, code = _send(django_capture_on_commit_callbacks)
    OneTimeCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(codes.CodeError, match="过期"):
        accounts.signup_complete(code_id=row.pk, code=code)


def test_one_code_a_minute_per_number(django_capture_on_commit_callbacks):
    _send(django_capture_on_commit_callbacks)
    with pytest.raises(codes.TooManyCodes, match="60秒"):
        _send(django_capture_on_commit_callbacks)
    assert OneTimeCode.objects.count() == 1 and len(locmem.outbox) == 1


def test_twenty_codes_a_minute_from_one_address_and_the_next_is_refused(django_capture_on_commit_callbacks):
    for n in range(20):
        _send(django_capture_on_commit_callbacks, phone=f"1360000{n:04d}")
    with pytest.raises(codes.TooManyCodes, match="过于频繁"):
        _send(django_capture_on_commit_callbacks, phone="13611110000")
    assert OneTimeCode.objects.count() == 20 and len(locmem.outbox) == 20
    _send(django_capture_on_commit_callbacks, phone="13611110000", ip="10.0.0.2")  # another address may


def test_a_registered_number_cannot_sign_up_again(django_capture_on_commit_callbacks):
    row, code = _send(django_capture_on_commit_callbacks)
    accounts.signup_complete(code_id=row.pk, code=code)
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    with pytest.raises(codes.CodeError, match="已注册"):
        _send(django_capture_on_commit_callbacks)


def test_login_and_reset_by_code(django_capture_on_commit_callbacks):
    row, code = _send(django_capture_on_commit_callbacks)
    user = accounts.signup_complete(code_id=row.pk, code=code)
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    row, code = _send(django_capture_on_commit_callbacks, purpose="login")
    assert accounts.login_by_code(code_id=row.pk, code=code) == user
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    row, code = _send(django_capture_on_commit_callbacks, purpose="reset")
    accounts.password_reset(code_id=row.pk, code=code, password="a-long-new-pass-2026")
    user.refresh_from_db()
    assert user.check_password("a-long-new-pass-2026")


def test_no_login_code_goes_to_a_number_without_an_account(django_capture_on_commit_callbacks):
    _row, code = _send(django_capture_on_commit_callbacks, purpose="login")
    assert code is None and Delivery.objects.count() == 0
