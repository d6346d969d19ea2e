"""The reporter's phone: masked for everyone, revealed to the handler with a reason, logged."""

from django.http import HttpRequest
from django.utils.translation import gettext as _

from linli.cases.models import Case
from linli.cases.services.common import TABLE, Actor, CaseError, _reason, _require, can_work
from linli.core import crypto
from linli.core.audit import access_log_write
from linli.core.scoping import scope_for
from linli.core.typing import account_of


def reveal_contact(*, actor: Actor, case: Case, reason: str, request: HttpRequest | None = None) -> str:
    """The reporter's full phone number for whoever handles the case, with a reason, logged."""
    scope = scope_for(actor)
    user = account_of(actor)
    _require(user is not None and can_work(scope, case), _("只有承办人可以查看反映人的完整电话。"))
    assert user is not None  # for the type checker: _require raised otherwise
    if not case.contact_phone_enc:
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
    return crypto.decrypt(case.contact_phone_enc, table=TABLE, column="contact_phone", row=str(case.uid))


def masked_contact(case: Case) -> str:
    return case.contact_phone_masked
