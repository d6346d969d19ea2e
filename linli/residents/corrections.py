"""Correction requests (PIPL Art. 46): a linked resident proposes a new value for a field of their own
record; staff of the community accept (applied through people.services.resident_update, so the
registry's history records the change) or refuse with a reason. Every refusal raises
CorrectionError and changes nothing.

A proposed phone number is kept encrypted (table residents_correctionrequest, column proposed, the
row's id as associated data), masked for staff, shown in full only through correction_reveal (a
reason, the access log, the reveal budget), and dropped once the request is decided."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import crypto
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.errors import DomainError
from linli.core.identity import InvalidIdentity, mask_phone, normalize_phone
from linli.core.models import AccessLog
from linli.core.permissions import may_reveal
from linli.core.scoping import scope_for
from linli.messaging import services as messaging
from linli.people import services as people
from linli.people.models import Resident
from linli.places.models import Dwelling
from linli.residents.models import CorrectionRequest
from linli.residents.permissions import can_confirm


class CorrectionError(DomainError):
    pass


NOT_LINKED = _("您的账号还没有关联居民登记信息。")
BAD_FIELD = _("这一项不能在这里申请更正，请到社区居委会办理。")
NO_VALUE = _("请填写更正后的内容。")
ONE_PENDING = _("这一项已有一条待处理的更正申请，请等待社区处理。")
NOT_ALLOWED = _("只有本社区工作人员可以处理更正申请。")
DECIDED = _("这条申请已处理过了。")
NO_DWELLING = _("没有找到这套房屋：请选择楼栋、核对房号；找不到的请在说明里写清楚，由社区核实登记。")
NEED_REASON = _("请填写不通过的原因，居民会收到这条说明。")
REVEAL_REASON = _("请填写查看原因（至少4个字），将记入访问日志。")
NOTHING_TO_REVEAL = _("这条申请没有可查看的号码（已处理的申请不再保存号码）。")
TABLE = "residents_correctionrequest"


def _encrypt(row: CorrectionRequest, phone: str) -> None:
    row.proposed_enc = crypto.encrypt(phone, table=TABLE, column="proposed", row=str(row.pk))
    row.proposed_last4 = phone[-4:]


def proposed_phone(row: CorrectionRequest) -> str:
    """The full proposed number (decrypted on the server): for the resident's own page, masking and
    applying it. Staff see it only through correction_reveal."""
    if not row.proposed_enc:
        return ""
    return crypto.decrypt(row.proposed_enc, table=TABLE, column="proposed", row=str(row.pk))


def proposed_masked(row: CorrectionRequest) -> str:
    """What staff see of the proposed value by default: a phone masked (its last four digits once
    the ciphertext is dropped), a dwelling as it is."""
    if row.field != CorrectionRequest.Field.PHONE:
        return row.proposed
    if row.proposed_enc:
        return mask_phone(proposed_phone(row))
    return f"*******{row.proposed_last4}" if row.proposed_last4 else ""


def correction_request_create(*, actor, field: str, proposed: str, note: str = "") -> CorrectionRequest:
    resident = Resident.objects.unscoped().filter(user_id=actor.pk).first()
    if resident is None:
        raise CorrectionError(NOT_LINKED, code="not_linked")
    if field not in CorrectionRequest.Field.values:
        raise CorrectionError(BAD_FIELD, field="field", code="bad_field")
    proposed = (proposed or "").strip()
    if not proposed:
        raise CorrectionError(NO_VALUE, field="proposed")
    phone = ""
    if field == CorrectionRequest.Field.DWELLING:
        ours = Dwelling.objects.in_community(resident.community_id).filter(
            pk=int(proposed) if proposed.isdigit() else 0
        )
        if not ours.exists():  # an id of no dwelling of his community: refused now, not on accept
            raise CorrectionError(NO_DWELLING, field="proposed", code="invalid")
    if field == CorrectionRequest.Field.PHONE:
        try:
            phone = normalize_phone(proposed)
        except InvalidIdentity as exc:
            raise CorrectionError(str(exc), field="proposed", code="invalid") from None
    pending = CorrectionRequest.objects.unscoped().filter(
        resident=resident, field=field, status=CorrectionRequest.Status.PENDING
    )
    if pending.exists():
        raise CorrectionError(ONE_PENDING, field="field", code="pending")
    try:
        with transaction.atomic():
            row = CorrectionRequest.objects.create(
                community_id=resident.community_id, user=actor, resident=resident, field=field,
                proposed="" if phone else proposed[:200], note=(note or "").strip()[:300],
            )  # fmt: skip
            if phone:  # the row's id is the ciphertext's associated data: known once it is saved
                _encrypt(row, phone)
                row.save(update_fields=["proposed_enc", "proposed_last4"])
            return row
    except IntegrityError:  # a concurrent double submit
        raise CorrectionError(ONE_PENDING, field="field", code="pending") from None


def _locked(row: CorrectionRequest, actor) -> CorrectionRequest:
    if not can_confirm(scope_for(actor), row.community_id):
        raise CorrectionError(NOT_ALLOWED, code="forbidden")
    row = CorrectionRequest.objects.in_community(row.community_id).select_for_update().get(pk=row.pk)
    if row.status != CorrectionRequest.Status.PENDING:
        raise CorrectionError(DECIDED, code="decided")
    return row


def _apply(*, actor, row: CorrectionRequest) -> None:
    resident = row.resident
    current = {f: getattr(resident, f) for f in people.PLAIN_FIELDS}
    current.update(dwelling_id=resident.dwelling_id, id_number=people.UNCHANGED, phone=people.UNCHANGED)
    if row.field == CorrectionRequest.Field.PHONE:
        current["phone"] = proposed_phone(row)
    elif row.field == CorrectionRequest.Field.DWELLING:
        current["dwelling_id"] = int(row.proposed) if row.proposed.isdigit() else -1
    people.resident_update(
        actor=actor, resident=resident, data=people.ResidentInput(**current), expected_version=resident.version
    )


@transaction.atomic
def correction_accept(*, actor, correction: CorrectionRequest) -> CorrectionRequest:
    row = _locked(correction, actor)
    try:
        with transaction.atomic():
            _apply(actor=actor, row=row)
    except DomainError as exc:
        raise CorrectionError(exc.message, code="invalid") from None
    row.status, row.decided_by, row.decided_at = CorrectionRequest.Status.ACCEPTED, actor, timezone.now()
    row.proposed_enc = ""  # the registry holds the number now: no second copy is kept
    row.save(update_fields=["status", "decided_by", "decided_at", "proposed_enc"])
    messaging.notify(row.user, "correction_accepted", {"field": str(row.get_field_display())},
                     community=row.community_id, link="/me/")  # fmt: skip
    return row


@transaction.atomic
def correction_refuse(*, actor, correction: CorrectionRequest, reason: str) -> CorrectionRequest:
    reason = (reason or "").strip()
    if not reason:
        raise CorrectionError(NEED_REASON, field="reason")
    row = _locked(correction, actor)
    row.status, row.decided_by, row.decided_at, row.reason = (
        CorrectionRequest.Status.REFUSED, actor, timezone.now(), reason[:200],
    )  # fmt: skip
    row.proposed_enc = ""  # refused: the number is not needed any more (PIPL Art. 47)
    row.save(update_fields=["status", "decided_by", "decided_at", "reason", "proposed_enc"])
    messaging.notify(row.user, "correction_refused", {"field": str(row.get_field_display()), "reason": row.reason},
                     community=row.community_id, link="/me/")  # fmt: skip
    return row


def correction_reveal(*, actor, correction: CorrectionRequest, reason: str, request=None) -> str:
    """The full proposed number, for staff of the community who may reveal personal data there,
    with the reason in the access log (under the resident: it is his data) and within the budget."""
    scope = scope_for(actor)
    if not can_confirm(scope, correction.community_id) or not may_reveal(scope, correction.community_id):
        raise CorrectionError(NOT_ALLOWED, code="forbidden")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise CorrectionError(REVEAL_REASON, field="reason")
    if correction.field != CorrectionRequest.Field.PHONE or not correction.proposed_enc:
        raise CorrectionError(NOTHING_TO_REVEAL, code="empty")
    value = proposed_phone(correction)
    access_log_write(
        actor=actor, action=AccessLog.Action.REVEAL, community_id=correction.community_id,
        subject_type="resident", subject_id=correction.resident_id, fields=["proposed_phone"],
        reason=reason, request=request,
    )  # fmt: skip
    return value
