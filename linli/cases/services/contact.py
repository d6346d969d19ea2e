"""The reporter's phone: masked for everyone, revealed to the handler with a reason, logged. The
number left with the case, or else the one in the reporter's registry record (a resident who
reported without typing it again): the handling organisation must be able to call back."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from linli.cases.models import Case
from linli.cases.services.common import TABLE, Actor, CaseError, _reason, _require, can_work, is_partner_handler
from linli.core import crypto
from linli.core.audit import access_log_write
from linli.core.identity import mask_phone
from linli.core.scoping import scope_for
from linli.core.typing import account_of
from linli.people.services import resident_pii


def _registry_phone(case: Case) -> str:
    reporter = case.reporter if case.reporter_id else None
    return resident_pii(reporter, "phone") if reporter is not None and reporter.phone_enc else ""


def reveal_contact(*, actor: Actor, case: Case, reason: str, request: HttpRequest | None = None) -> str:
    """The reporter's full phone number for whoever handles the case, with a reason, logged."""
    scope = scope_for(actor)
    user = account_of(actor)
    _require(user is not None and can_work(scope, case), _("只有承办人可以查看反映人的完整电话。"))
    assert user is not None  # for the type checker: _require raised otherwise
    _require(
        not (case.anonymous and is_partner_handler(scope, case)),
        _("反映人要求不让办理单位看到姓名和电话，请联系社区工作人员转达。"),
    )
    if not has_phone(case):
        raise CaseError(_("反映人没有留电话。"))
    reason = _reason(reason, _("查看原因"))
    access_log_write(
        actor=user,
        action="reveal",
        community_id=case.community_id,
        subject_type="case",
        subject_id=case.pk,
        fields=["contact_phone"],
        reason=reason,
        request=request,
    )
    if case.contact_phone_enc:
        return crypto.decrypt(case.contact_phone_enc, table=TABLE, column="contact_phone", row=str(case.uid))
    return _registry_phone(case)


def has_phone(case: Case) -> bool:
    return bool(case.contact_phone_enc) or bool(case.reporter_id and case.reporter and case.reporter.phone_enc)


def masked_contact(case: Case) -> str:
    if case.contact_phone_enc:
        return case.contact_phone_masked
    return mask_phone(_registry_phone(case)) if has_phone(case) else ""
