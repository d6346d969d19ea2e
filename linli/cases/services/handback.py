"""The handling organisation talks back: it sends a case back to the community (退单) or asks for
more time (申请延期), which the community grants or refuses. Each is a compare-and-set on the case
plus a timeline entry, in one transaction: a refusal changes nothing."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import LIVE_STATUSES, Case, CaseEvent, Status
from linli.cases.services.common import (
    Actor,
    CaseError,
    _event,
    _move,
    _reason,
    _require,
    can_approve_extension,
    is_partner_handler,
)
from linli.cases.services.notices import _notice, _notify_handlers
from linli.core.scoping import scope_for
from linli.tenancy.permissions import Role

HANDLED = [Status.ASSIGNED, Status.IN_PROGRESS]


def _community_team(community_id: int) -> list:
    """The community's secretaries and workers: who re-dispatches a case and decides on more time."""
    return list(
        get_user_model()
        .objects.filter(
            memberships__community_id=community_id,
            memberships__role__in=[Role.SECRETARY, Role.WORKER],
            memberships__is_active=True,
        )
        .distinct()
    )


@transaction.atomic
def case_send_back(*, actor: Actor, case: Case, reason: str) -> Case:
    """退单: not ours to handle; back to the community's inbox, awaiting routing again."""
    _require(is_partner_handler(scope_for(actor), case), _("只有承办单位可以退单。"))
    reason = _reason(reason, _("退单理由"))
    org = case.handler_org.name if case.handler_org is not None else ""
    _move(case, frm=HANDLED, to=Status.ACCEPTED, handler_org_id=None, assignee_id=None, extension_due_at=None)
    _event(case, CaseEvent.Kind.SENT_BACK, actor, reason, org=org)
    text = _("%(o)s退单，请重新派单：%(t)s") % {"o": org or _("承办人"), "t": case.title}
    _notice(_community_team(case.community_id), case, CaseEvent.Kind.SENT_BACK, text)
    return case


@transaction.atomic
def case_extension_request(*, actor: Actor, case: Case, due_at: dt.datetime | None, reason: str) -> Case:
    """申请延期: the handler asks for a later deadline; it changes only when the community approves."""
    _require(is_partner_handler(scope_for(actor), case), _("只有承办单位可以申请延期。"))
    if due_at is None:
        raise CaseError(_("请填写申请延长到的办理期限。"), field="due")
    if timezone.is_naive(due_at):  # the API may send a time without its zone: the community's is meant
        due_at = timezone.make_aware(due_at)
    if due_at <= timezone.now() or (case.due_at is not None and due_at <= case.due_at):
        raise CaseError(_("新的办理期限要晚于现在的期限。"), field="due")
    reason = _reason(reason, _("延期理由"))
    _move(
        case, frm=HANDLED, to=case.status, extra=Q(extension_due_at__isnull=True), extension_due_at=due_at,
        conflict=_("这件诉求已申请延期，正在等待社区审批。"),
    )  # fmt: skip
    when = timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M")
    _event(case, CaseEvent.Kind.EXT_REQUESTED, actor, _("申请延期至%(d)s：%(r)s") % {"d": when, "r": reason})
    text = _("申请延期至%(d)s，请审批：%(t)s") % {"d": when, "t": case.title}
    _notice(_community_team(case.community_id), case, CaseEvent.Kind.EXT_REQUESTED, text)
    return case


@transaction.atomic
def case_extension_decide(*, actor: Actor, case: Case, approve: bool, note: str = "") -> Case:
    """The community grants the new deadline (the sweep's warnings start over) or refuses it with a reason."""
    _require(can_approve_extension(scope_for(actor), case), _("只有社区书记或社区工作者可以审批延期。"))
    if case.extension_due_at is None:
        raise CaseError(_("这件诉求没有待审批的延期申请。"), code="no_extension")
    asked = case.extension_due_at
    if approve:
        case.set_deadline(asked)
        fields = {"due_at": asked, "warn_at": case.warn_at, "due_soon_at": None, "overdue_at": None}
        note = (note or "").strip()[:2000]
    else:
        fields = {}
        note = _reason(note, _("不同意的理由"))
    _move(
        case, frm=LIVE_STATUSES, to=case.status, extra=Q(extension_due_at=asked), extension_due_at=None,
        conflict=_("这项延期申请已经审批过了。"), **fields,
    )  # fmt: skip
    when = timezone.localtime(asked).strftime("%Y-%m-%d %H:%M")
    kind = CaseEvent.Kind.EXT_APPROVED if approve else CaseEvent.Kind.EXT_REFUSED
    _event(case, kind, actor, f"{when}" + (f"：{note}" if note else ""))
    text = (_("已同意延期至%(d)s：%(t)s") if approve else _("未同意延期至%(d)s：%(t)s")) % {"d": when, "t": case.title}
    _notify_handlers(case, kind, text)
    return case
