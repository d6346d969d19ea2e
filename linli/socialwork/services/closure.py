"""Closure (结案): the social worker asks with the reason and a rating per goal; the supervisor signs
it or returns it; a closed case may be reopened."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.socialwork.events import case_event
from linli.socialwork.models import Case, Goal, Rating
from linli.socialwork.services.common import (
    SocialWorkError,
    case_for_update,
    require_open,
    require_supervisor,
    require_worker,
    supervisor_user_id,
    text,
    worker_user_id,
)


@transaction.atomic
def closure_request(*, actor, case: Case, reason: str, ratings: dict) -> Case:
    case = case_for_update(actor, case)
    require_worker(actor, case)
    require_open(case)
    why = text(reason, field="reason", label=_("结案原因"), max_length=300)
    goals = list(Goal.objects.in_community(case.community_id).filter(case=case))
    if not goals:
        raise SocialWorkError(_("个案还没有服务目标，无法评价成效。"), field="ratings", code="ratings")
    ratings = {str(k): v for k, v in (ratings or {}).items()}
    missing = [g.text for g in goals if ratings.get(str(g.pk)) not in Rating.values]
    if missing:
        raise SocialWorkError(
            _("请为每个服务目标评价成效：%(goals)s") % {"goals": "；".join(missing)}, field="ratings", code="ratings"
        )
    for goal in goals:
        goal.rating = ratings[str(goal.pk)]
        goal.save(update_fields=["rating"])
    case.status, case.closure_reason, case.closure_requested_at = Case.Status.CLOSING, why, timezone.now()
    case.save(update_fields=["status", "closure_reason", "closure_requested_at"])
    case_event("closure_requested", case=case, actor=actor, ratings=ratings)
    return case


def _require_closing(case: Case) -> None:
    if case.status != Case.Status.CLOSING:
        raise SocialWorkError(_("这个个案没有待签的结案申请。"), code="state")


@transaction.atomic
def closure_sign(*, actor, case: Case) -> Case:
    case = case_for_update(actor, case)
    require_supervisor(actor, case)
    _require_closing(case)
    case.status, case.closed_by, case.closed_at = Case.Status.CLOSED, actor, timezone.now()
    case.save(update_fields=["status", "closed_by", "closed_at"])
    case_event("case_closed", case=case, actor=actor)
    return case


@transaction.atomic
def closure_return(*, actor, case: Case, note: str) -> Case:
    case = case_for_update(actor, case)
    require_supervisor(actor, case)
    _require_closing(case)
    why = text(note, field="note", label=_("退回原因"), max_length=300)
    case.status = Case.Status.OPEN
    case.save(update_fields=["status"])
    case_event("closure_returned", case=case, actor=actor, note=why)
    return case


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str) -> Case:
    """The case's social worker or supervisor reopens a closed case (the old closure stays in the timeline)."""
    case = case_for_update(actor, case)
    if actor.pk not in (worker_user_id(case), supervisor_user_id(case)):
        raise SocialWorkError(_("只有本个案的社工或督导可以重新开案。"), code="forbidden")
    if case.status != Case.Status.CLOSED:
        raise SocialWorkError(_("只有已结案的个案可以重新开案。"), code="state")
    why = text(reason, field="reason", label=_("重新开案原因"), max_length=300)
    case.status, case.closed_by, case.closed_at, case.closure_reason = Case.Status.OPEN, None, None, ""
    case.save(update_fields=["status", "closed_by", "closed_at", "closure_reason"])
    case_event("case_reopened", case=case, actor=actor, note=why)
    return case


__all__ = ["case_reopen", "closure_request", "closure_return", "closure_sign", "require_open"]
