"""The one table of a case's workflow steps: from which statuses each is offered, who may take it,
the service that does it and what the console says when it is done. The console's step URL, the
API's step endpoint and `available_actions` (what the case page offers) all read this table, so
they cannot disagree; `run_step` runs a step in one transaction, so a refused step changes nothing
on either path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from linli.cases.models import LIVE_STATUSES, OPEN_STATUSES, Case, Status
from linli.cases.services.common import (
    Actor,
    CaseError,
    can_approve_extension,
    can_handle,
    can_supervise,
    can_urge,
    can_work,
    is_partner_handler,
    is_reporter,
)
from linli.cases.services.deadlines import case_set_urgency
from linli.cases.services.handback import case_extension_decide, case_extension_request, case_send_back
from linli.cases.services.joint import joint_start
from linli.cases.services.routing import case_accept, case_claim, case_reject, case_route
from linli.cases.services.supervision import case_supervise, case_urge
from linli.cases.services.workflow import (
    case_close,
    case_comment,
    case_confirm,
    case_escalate,
    case_merge,
    case_progress,
    case_reopen,
    case_resolve,
)
from linli.core.errors import ConflictError, DomainError
from linli.core.scoping import Scope


@dataclass
class StepInput:
    """What a step may take, parsed by the console from its form or by the API from its body."""

    note: str = ""
    reason: str = ""
    comment: str = ""
    satisfaction: Any = None
    category_id: int | None = None
    handler_org_id: int | None = None
    assignee_id: int | None = None
    org_ids: list[int] = field(default_factory=list)
    into: Case | None = None  # the case to merge into, found by the caller among those it may see
    into_number: str = ""
    internal: bool = False
    files: list = field(default_factory=list)
    urgency: str = ""
    due_at: dt.datetime | None = None  # the new deadline a handler asks for (申请延期)


@dataclass(frozen=True)
class Step:
    name: str
    statuses: frozenset[str]  # the statuses it starts from
    to: str | None  # the status it leads to (None: the status stays, or depends on the case)
    allowed: Callable[[Scope, Case], bool]  # who may take it (the service checks again)
    run: Callable[[Actor, Case, StepInput], object]
    done: Promise  # what the console says afterwards
    api: bool = True  # offered through /api/v1/cases/{id}/{step}
    # Why the step is not offered in the case's status, when there is more to say than the status.
    unavailable: Callable[[Actor, Case], DomainError | None] | None = None


def _may_route(scope: Scope, case: Case) -> bool:
    """Community staff route any open case; a partner hands a case routed to it to a colleague."""
    if can_handle(scope, case):
        return True
    return bool(case.handler_org_id) and case.status != Status.SUBMITTED and can_work(scope, case)


def _may_claim(scope: Scope, case: Case) -> bool:
    return can_work(scope, case) and not case.assignee_id


def _reporter_or_staff(scope: Scope, case: Case) -> bool:
    return is_reporter(scope, case) or can_handle(scope, case)


def _worker_or_reporter(scope: Scope, case: Case) -> bool:
    return can_work(scope, case) or is_reporter(scope, case)


def _may_start_joint(scope: Scope, case: Case) -> bool:
    return can_handle(scope, case) and not case.joint


def _claimed_by_another(actor: Actor, case: Case) -> DomainError | None:
    if case.assignee_id and case.assignee_id != actor.pk:
        name = case.assignee.get_full_name() or case.assignee.username if case.assignee else ""
        return ConflictError(gettext("这件诉求已由%(name)s接单，您不用再接。") % {"name": name}, code="taken")
    return None


def _merge(actor: Actor, case: Case, data: StepInput) -> Case:
    if data.into is None:
        raise CaseError(_("找不到编号为“%(n)s”的诉求。") % {"n": data.into_number[:20]}, field="into")
    return case_merge(actor=actor, case=case, into=data.into)


def _may_ask_extension(scope: Scope, case: Case) -> bool:
    return is_partner_handler(scope, case) and case.extension_due_at is None


def _may_decide_extension(scope: Scope, case: Case) -> bool:
    return can_approve_extension(scope, case) and case.extension_due_at is not None


HANDLED = frozenset({Status.ASSIGNED, Status.IN_PROGRESS})
WORKED = frozenset({Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS})

STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "accept", frozenset({Status.SUBMITTED}), Status.ACCEPTED, can_handle,
            lambda u, c, d: case_accept(actor=u, case=c, category_id=d.category_id, note=d.note),
            _("已受理。"),
        ),
        Step(
            "reject", frozenset({Status.SUBMITTED, Status.ACCEPTED}), Status.REJECTED, can_handle,
            lambda u, c, d: case_reject(actor=u, case=c, reason=d.reason),
            _("已不予受理，并告知反映人理由。"),
        ),
        Step(
            "assign", frozenset(OPEN_STATUSES), Status.ASSIGNED, _may_route,
            lambda u, c, d: case_route(
                actor=u, case=c, handler_org_id=d.handler_org_id, assignee_id=d.assignee_id, reason=d.reason
            ),
            _("已派单。"),
        ),
        Step(
            "claim", frozenset({Status.ACCEPTED, Status.ASSIGNED}), Status.IN_PROGRESS, _may_claim,
            lambda u, c, d: case_claim(actor=u, case=c),
            _("已接单，请尽快办理。"), unavailable=_claimed_by_another,
        ),
        Step(
            "progress", WORKED, Status.IN_PROGRESS, can_work,
            lambda u, c, d: case_progress(actor=u, case=c, note=d.note, files=d.files, internal=d.internal),
            _("已记录进展。"),
        ),
        Step(
            "resolve", WORKED, Status.RESOLVED, can_work,
            lambda u, c, d: case_resolve(actor=u, case=c, note=d.note, files=d.files),
            _("已办理完成，等待反映人确认。"),
        ),
        Step(
            "confirm", frozenset({Status.RESOLVED}), Status.CLOSED, _reporter_or_staff,
            lambda u, c, d: case_confirm(actor=u, case=c, satisfaction=d.satisfaction, comment=d.comment),
            _("已确认，诉求办结。"),
        ),
        Step(
            "reopen", frozenset({Status.RESOLVED, Status.CLOSED}), Status.IN_PROGRESS, _reporter_or_staff,
            lambda u, c, d: case_reopen(actor=u, case=c, reason=d.reason, satisfaction=d.satisfaction),
            _("已退回重新办理。"),
        ),
        Step(
            "close", frozenset({Status.RESOLVED}), Status.CLOSED, can_handle,
            lambda u, c, d: case_close(actor=u, case=c, note=d.note),
            _("已办结。"),
        ),
        Step(
            "escalate", frozenset(LIVE_STATUSES), None, can_work,
            lambda u, c, d: case_escalate(actor=u, case=c, reason=d.reason),
            _("已上报社区书记。"),
        ),
        Step(
            "comment", frozenset(LIVE_STATUSES), None, _worker_or_reporter,
            lambda u, c, d: case_comment(actor=u, case=c, note=d.note, files=d.files),
            _("已留言。"),
        ),
        Step(
            "urgency", frozenset(OPEN_STATUSES), None, can_handle,
            lambda u, c, d: case_set_urgency(actor=u, case=c, urgency=d.urgency, reason=d.reason),
            _("已调整紧急程度，办理期限随之更新。"),
        ),
        Step(
            "merge", frozenset(OPEN_STATUSES), Status.MERGED, can_handle, _merge,
            _("已合并，反映人将一并收到原诉求的进展。"), api=False,
        ),
        Step(
            "joint", frozenset(LIVE_STATUSES), None, _may_start_joint,
            lambda u, c, d: joint_start(actor=u, case=c, org_ids=d.org_ids, note=d.note),
            _("已发起三方联动，各方将收到通知。"), api=False,
        ),
        Step(
            "send_back", HANDLED, Status.ACCEPTED, is_partner_handler,
            lambda u, c, d: case_send_back(actor=u, case=c, reason=d.reason),
            _("已退单，诉求已退回社区重新派单。"),
        ),
        Step(
            "extend", HANDLED, None, _may_ask_extension,
            lambda u, c, d: case_extension_request(actor=u, case=c, due_at=d.due_at, reason=d.reason),
            _("已申请延期，等待社区审批；审批前期限不变。"),
        ),
        Step(
            "extend_approve", frozenset(LIVE_STATUSES), None, _may_decide_extension,
            lambda u, c, d: case_extension_decide(actor=u, case=c, approve=True, note=d.note),
            _("已同意延期，办理期限已更新。"),
        ),
        Step(
            "extend_refuse", frozenset(LIVE_STATUSES), None, _may_decide_extension,
            lambda u, c, d: case_extension_decide(actor=u, case=c, approve=False, note=d.reason),
            _("已不同意延期，办理期限不变。"),
        ),
        Step(
            "urge", frozenset(OPEN_STATUSES), None, can_urge,
            lambda u, c, d: case_urge(actor=u, case=c, note=d.note),
            _("已催办，承办人会收到提醒。"),
        ),
        Step(
            "supervise", frozenset(OPEN_STATUSES), None, can_supervise,
            lambda u, c, d: case_supervise(actor=u, case=c, note=d.note),
            _("已督办，承办人和社区书记会收到提醒。"),
        ),
    )
}  # fmt: skip


def available_actions(scope: Scope, case: Case) -> frozenset[str]:
    """The steps this user may take on the case now: what the case page offers (the templates test
    these names, never the status)."""
    return frozenset(name for name, step in STEPS.items() if case.status in step.statuses and step.allowed(scope, case))


def run_step(*, actor: Actor, case: Case, name: str, data: StepInput) -> object:
    """Take one step, all of it or nothing: whatever a step's services wrote before one of them
    refused is rolled back with it. A step the case's status does not offer is refused before any
    service runs (a service that forgot to check its from-statuses cannot be reached around the table)."""
    step = STEPS[name]
    if case.status not in step.statuses:
        raise (step.unavailable and step.unavailable(actor, case)) or ConflictError(
            gettext("这件诉求现在是“%(s)s”，不能进行这一步，请刷新页面后再操作。") % {"s": case.get_status_display()},
            code="step_not_available",
        )
    org_before = case.handler_org_id
    with transaction.atomic():
        done = step.run(actor, case, data)
        if name in _ENDS_EXTENSION_REQUEST and case.extension_due_at is not None:
            # A request for more time belongs to the organisation it was made by: routed elsewhere,
            # resolved, closed or merged, nobody is left to decide it for.
            row = Case.objects.in_community(case.community_id).filter(pk=case.pk)
            if name != "assign" or row.values_list("handler_org_id", flat=True).first() != org_before:
                row.update(extension_due_at=None)
                case.extension_due_at = None
        return done


_ENDS_EXTENSION_REQUEST = frozenset({"assign", "resolve", "confirm", "close", "merge", "reject"})
