"""Staff certificates: record, correct and remove a staff member's certificates, and reveal a
certificate's number with a reason (logged like every reveal of personal data). The number is stored
encrypted with the row's uid as associated data and shown masked (S2********0123)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import crypto
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.normalize import normalize_identifier
from linli.core.scoping import scope_for
from linli.staff import events
from linli.staff.models import STAFF_ROLES, Certificate, CertificateKind
from linli.staff.services import StaffError
from linli.tenancy.models import Membership
from linli.tenancy.permissions import MANAGE_STAFF

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TABLE = "staff_certificate"
_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,39}$")

NOT_ALLOWED = _("只有社区书记可以登记工作人员的证书。")
NOT_STAFF = _("只能为社区工作人员（书记、社区工作者、网格员、党组织书记）登记证书。")
INACTIVE = _("该账号在本社区的角色已停用，不能再登记或修改证书。")
KIND_REQUIRED = _("请选择证书类别。")
TITLE_REQUIRED = _("“其他证书”请填写证书名称，如：心理咨询师、养老护理员。")
NUMBER_REQUIRED = _("请填写证书编号。")
NUMBER_INVALID = _("证书编号只能由字母、数字和“-”组成，4 到 40 位（请照证书上的编号填写）。")
ISSUED_REQUIRED = _("请填写发证日期。")
ISSUED_FUTURE = _("发证日期 %(issued)s 晚于今天，请核对。")
VALID_NOT_AFTER = _("有效期至（%(until)s）须晚于发证日期（%(issued)s），请核对两个日期。")
REMOVED = _("这张证书已删除。")
REASON_REQUIRED = _("请填写查看原因（至少%(n)d个字），如：报送持证人员名单。")


def _require(actor: User, membership: Membership) -> None:
    if membership.community_id is None or not scope_for(actor).has(MANAGE_STAFF, membership.community_id):
        raise StaffError(NOT_ALLOWED, code="forbidden")


def _require_open(membership: Membership) -> None:
    if membership.role not in STAFF_ROLES:
        raise StaffError(NOT_STAFF)
    if not membership.is_active:
        raise StaffError(INACTIVE)


def normalize_number(raw: str) -> str:
    """As typed or pasted: full-width characters, spaces inside, lower case all come out the same."""
    return re.sub(r"\s+", "", normalize_identifier(raw or "")).upper()


def mask_number(number: str) -> str:
    return f"{number[:2]}{'*' * (len(number) - 6)}{number[-4:]}" if len(number) > 6 else "*" * len(number)


def _checked(
    *, kind: str, title: str, number: str | None, issued_on: dt.date | None, valid_until: dt.date | None
) -> tuple[str, str | None]:
    """The title to keep and the normalised number (None: keep the stored one), or a refusal."""
    if kind not in CertificateKind.values:
        raise StaffError(KIND_REQUIRED, field="kind")
    title = (title or "").strip()
    if kind == CertificateKind.OTHER and not title:
        raise StaffError(TITLE_REQUIRED, field="title")
    if number is not None and not _NUMBER.match(number):
        raise StaffError(NUMBER_INVALID, field="number")
    if issued_on is None:
        raise StaffError(ISSUED_REQUIRED, field="issued_on")
    if issued_on > timezone.localdate():
        raise StaffError(ISSUED_FUTURE % {"issued": issued_on.isoformat()}, field="issued_on")
    if valid_until is not None and valid_until <= issued_on:
        message = VALID_NOT_AFTER % {"until": valid_until.isoformat(), "issued": issued_on.isoformat()}
        raise StaffError(message, field="valid_until")
    return (title if kind == CertificateKind.OTHER else ""), number


def _set_number(certificate: Certificate, number: str) -> None:
    certificate.number_enc = crypto.encrypt(number, table=TABLE, column="number", row=str(certificate.uid))
    certificate.number_masked = mask_number(number)


@transaction.atomic
def certificate_add(
    *,
    actor: User,
    membership: Membership,
    kind: str,
    number: str,
    issued_on: dt.date | None,
    valid_until: dt.date | None = None,
    title: str = "",
) -> Certificate:
    _require(actor, membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _require_open(membership)
    number = normalize_number(number)
    if not number:
        raise StaffError(NUMBER_REQUIRED, field="number")
    title, _number = _checked(kind=kind, title=title, number=number, issued_on=issued_on, valid_until=valid_until)
    certificate = Certificate(
        community_id=membership.community_id, membership=membership, kind=kind, title=title,
        issued_on=issued_on, valid_until=valid_until,
    )  # fmt: skip
    _set_number(certificate, number)
    certificate.save()
    events.certificate_event("certificate_added", certificate=certificate, membership=membership, actor=actor)
    return certificate


def _locked(actor: User, certificate: Certificate) -> tuple[Certificate, Membership]:
    membership = Membership.objects.select_for_update().get(pk=certificate.membership_id)
    _require(actor, membership)
    certificate = Certificate.dangerously_unscoped.select_for_update().get(pk=certificate.pk)
    if certificate.removed_at is not None:
        raise StaffError(REMOVED, code="gone")
    return certificate, membership


@transaction.atomic
def certificate_edit(
    *,
    actor: User,
    certificate: Certificate,
    kind: str,
    issued_on: dt.date | None,
    valid_until: dt.date | None = None,
    title: str = "",
    number: str = "",
) -> Certificate:
    """Correct a certificate; `number` left blank keeps the stored one (the form never shows it)."""
    certificate, membership = _locked(actor, certificate)
    _require_open(membership)
    typed = normalize_number(number) or None
    title, typed = _checked(kind=kind, title=title, number=typed, issued_on=issued_on, valid_until=valid_until)
    certificate.kind, certificate.title = kind, title
    certificate.issued_on, certificate.valid_until = issued_on, valid_until  # type: ignore[assignment]
    if typed is not None:
        _set_number(certificate, typed)
    certificate.save()
    data = {"number_changed": typed is not None}
    events.certificate_event(
        "certificate_changed", certificate=certificate, membership=membership, actor=actor, data=data
    )
    return certificate


@transaction.atomic
def certificate_remove(*, actor: User, certificate: Certificate) -> Certificate:
    """Take a certificate off the roster (entered by mistake, or the person no longer holds it); the
    row stays, with who removed it and when."""
    certificate, membership = _locked(actor, certificate)
    certificate.removed_at = timezone.now()
    certificate.removed_by = actor
    certificate.save(update_fields=["removed_at", "removed_by", "updated_at"])
    events.certificate_event("certificate_removed", certificate=certificate, membership=membership, actor=actor)
    return certificate


def certificate_reveal(
    *, actor: User, certificate: Certificate, reason: str, request: HttpRequest | None = None
) -> str:
    """The full number for the secretary, with a stated reason, written to the access log."""
    if not scope_for(actor).has(MANAGE_STAFF, certificate.community_id):
        raise StaffError(NOT_ALLOWED, code="forbidden")
    if certificate.removed_at is not None:
        raise StaffError(REMOVED, code="gone")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise StaffError(REASON_REQUIRED % {"n": MIN_REASON_LENGTH}, field="reason")
    access_log_write(
        actor=actor, action="reveal", community_id=certificate.community_id, subject_type=TABLE,
        subject_id=certificate.pk, fields=["number"], reason=reason, request=request,
    )  # fmt: skip
    return crypto.decrypt(certificate.number_enc, table=TABLE, column="number", row=str(certificate.uid))
