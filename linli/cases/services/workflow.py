"""Working a case to its end: progress, resolution, the reporter's confirmation or reopening,
closing, escalation, comments and merging a duplicate."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import DONE_STATUSES, LIVE_STATUSES, OPEN_STATUSES, Case, CaseEvent, JointParty, Status
from linli.cases.services.attachments import _check_files, _save_files
from linli.cases.services.common import (
    Actor,
    CaseError,
    _event,
    _move,
    _reason,
    _require,
    can_handle,
    can_work,
    is_reporter,
)
from linli.cases.services.notices import _notice, _notify_handlers, _secretaries
from linli.core.audit import MIN_REASON_LENGTH
from linli.core.scoping import scope_for


@transaction.atomic
def case_progress(*, actor: Actor, case: Case, note: str, files=(), internal: bool = False) -> CaseEvent:
    scope = scope_for(actor)
    _require(can_work(scope, case))
    if case.status in DONE_STATUSES:
        raise CaseError(_("这件诉求已办结，不能再填写进展；如问题仍在，请重新打开或新建诉求。"), code="closed")
    note = (note or "").strip()
    if not note:
        raise CaseError(_("请写明办理进展。"), field="note")
    checked = _check_files(list(files))
    if case.status in (Status.ACCEPTED, Status.ASSIGNED) and (case.assignee_id in (None, actor.pk)):
        _move(case, frm=[Status.ACCEPTED, Status.ASSIGNED], to=Status.IN_PROGRESS, assignee_id=actor.pk)
    else:
        Case.objects.in_community(case.community_id).filter(pk=case.pk).update(updated_at=timezone.now())
    event = _event(case, CaseEvent.Kind.PROGRESS, actor, note[:2000], internal=internal)
    _save_files(case, event, checked, actor)
    return event


def open_commitments(case: Case) -> int:
    return JointParty.objects.in_community(case.community_id).filter(case=case, done_at__isnull=True).count()


def _require_commitments_done(case: Case) -> None:
    if case.joint and (left := open_commitments(case)):
        raise CaseError(
            _("三方联动还有%(n)d项承诺事项未完成，全部完成后才能办结。") % {"n": left}, code="commitments_open"
        )


@transaction.atomic
def case_resolve(*, actor: Actor, case: Case, note: str, files=()) -> Case:
    scope = scope_for(actor)
    _require(can_work(scope, case))
    note = (note or "").strip()
    if len(note) < MIN_REASON_LENGTH:
        raise CaseError(_("请写明办理结果（至少%(n)d个字）。") % {"n": MIN_REASON_LENGTH}, field="note")
    _require_commitments_done(case)
    checked = _check_files(list(files))
    _move(
        case,
        frm=[Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS],
        to=Status.RESOLVED,
        resolved_at=timezone.now(),
        assignee_id=case.assignee_id or actor.pk,
    )
    event = _event(case, CaseEvent.Kind.RESOLVED, actor, note[:2000])
    _save_files(case, event, checked, actor)
    user = case.reporter_user or (case.reporter.user if case.reporter is not None else None)
    if user is not None:
        _notice([user], case, CaseEvent.Kind.RESOLVED, _("您反映的诉求已办理，请确认并评价：%(t)s") % {"t": case.title})
    return case


def _check_satisfaction(value) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise CaseError(_("满意度请选1到5星（5星为非常满意）。"), field="satisfaction", code="satisfaction")
    return value


@transaction.atomic
def case_confirm(*, actor: Actor, case: Case, satisfaction, comment: str = "") -> Case:
    """The reporter confirms the result (or staff record the reporter's answer by phone): closed."""
    scope = scope_for(actor)
    _require(is_reporter(scope, case) or can_handle(scope, case), _("只有反映人或社区工作人员可以确认办理结果。"))
    value = _check_satisfaction(satisfaction)
    _require_commitments_done(case)
    now = timezone.now()
    _move(
        case,
        frm=[Status.RESOLVED],
        to=Status.CLOSED,
        satisfaction=value,
        satisfaction_comment=(comment or "").strip()[:500],
        closed_at=now,
    )
    by_staff = not is_reporter(scope, case)
    note = (comment or "").strip()[:500] + (_("（工作人员电话回访记录）") if by_staff else "")
    _event(case, CaseEvent.Kind.CONFIRMED, actor, note, satisfaction=value)
    return case


@transaction.atomic
def case_reopen(*, actor: Actor, case: Case, reason: str, satisfaction=None) -> Case:
    """Not satisfied: back to whoever handled it, with the reason."""
    scope = scope_for(actor)
    _require(is_reporter(scope, case) or can_handle(scope, case), _("只有反映人或社区工作人员可以要求重新办理。"))
    reason = _reason(reason, _("不满意的原因"))
    fields: dict[str, Any] = {"resolved_at": None, "closed_at": None, "reopen_count": F("reopen_count") + 1}
    if satisfaction not in (None, ""):
        fields["satisfaction"] = _check_satisfaction(satisfaction)
    _move(case, frm=[Status.RESOLVED, Status.CLOSED], to=Status.IN_PROGRESS, **fields)
    _event(case, CaseEvent.Kind.REOPENED, actor, reason)
    _notify_handlers(case, CaseEvent.Kind.REOPENED, _("居民不满意，诉求需重新办理：%(t)s") % {"t": case.title})
    return case


@transaction.atomic
def case_close(*, actor: Actor, case: Case, note: str) -> Case:
    """Staff close a resolved case whose reporter cannot be reached (anonymous, no phone)."""
    _require(can_handle(scope_for(actor), case))
    note = _reason(note, _("办结说明"))
    _require_commitments_done(case)
    _move(case, frm=[Status.RESOLVED], to=Status.CLOSED, closed_at=timezone.now())
    _event(case, CaseEvent.Kind.CLOSED, actor, note)
    return case


@transaction.atomic
def case_escalate(*, actor: Actor, case: Case, reason: str) -> Case:
    """Raise to the community secretary (and mark the case urgent)."""
    scope = scope_for(actor)
    _require(can_work(scope, case))
    reason = _reason(reason, _("上报原因"))
    _move(case, frm=LIVE_STATUSES, to=case.status, escalation=F("escalation") + 1)
    _event(case, CaseEvent.Kind.ESCALATED, actor, reason)
    _notice(_secretaries(case.community_id), case, CaseEvent.Kind.ESCALATED, _("上报：%(t)s") % {"t": case.title})
    return case


@transaction.atomic
def case_comment(*, actor: Actor, case: Case, note: str, files=()) -> CaseEvent:
    """A message on the timeline: the reporter adding detail, a handler asking a question."""
    scope = scope_for(actor)
    _require(can_work(scope, case) or is_reporter(scope, case))
    if case.status in DONE_STATUSES:
        raise CaseError(_("这件诉求已办结，不能再回复；如问题仍在，请重新打开或新建诉求。"), code="closed")
    note = (note or "").strip()
    if not note:
        raise CaseError(_("请写下要说的话。"), field="note")
    checked = _check_files(list(files))
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(updated_at=timezone.now())
    event = _event(case, CaseEvent.Kind.COMMENT, actor, note[:2000])
    _save_files(case, event, checked, actor)
    return event


@transaction.atomic
def case_merge(*, actor: Actor, case: Case, into: Case) -> Case:
    """A duplicate joins the original: closed as merged, its reporter follows the original."""
    _require(can_handle(scope_for(actor), case))
    if into.pk == case.pk or into.community_id != case.community_id:
        raise CaseError(_("只能合并到本社区的另一件诉求。"), field="into")
    if into.status not in LIVE_STATUSES:
        raise CaseError(_("诉求%(n)s已办结，不能再合并进去。") % {"n": into.number}, field="into")
    if into.merged_into_id:
        raise CaseError(_("诉求%(n)s本身已被合并。") % {"n": into.number}, field="into")
    _move(case, frm=OPEN_STATUSES, to=Status.MERGED, merged_into_id=into.pk, closed_at=timezone.now())
    _event(case, CaseEvent.Kind.MERGED, actor, _("并入%(n)s") % {"n": into.number}, into=into.pk)
    _event(into, CaseEvent.Kind.MERGED, actor, _("%(n)s（同一问题）并入本件") % {"n": case.number}, merged=case.pk)
    return case
