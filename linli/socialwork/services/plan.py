"""Assessment (需求评估), the service plan's goals and tasks, and reviews of goals."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from linli.socialwork.events import case_event
from linli.socialwork.models import Assessment, Case, Domain, Goal, Risk, Task
from linli.socialwork.services.common import (
    SocialWorkError,
    a_date,
    case_for_update,
    practitioner_of,
    require_open,
    require_worker,
    text,
    today,
)


def _in_case_time(case: Case, value, *, field: str, label: str):
    when = a_date(value, field=field, label=label)
    if case.intake_date is not None and when < case.intake_date:
        raise SocialWorkError(
            _("%(label)s不能早于接案日期（%(d)s）。") % {"label": label, "d": case.intake_date}, field=field
        )
    return when


@transaction.atomic
def assessment_add(*, actor, case: Case, assessed_date, needs: dict, risk: str, strengths: str = "") -> Assessment:
    """Needs in every standard domain and a risk level; a high risk needs a qualified social worker."""
    case = case_for_update(actor, case)
    require_worker(actor, case)
    require_open(case)
    when = _in_case_time(case, assessed_date, field="assessed_date", label=_("评估日期"))
    if when > today():
        raise SocialWorkError(_("评估日期不能晚于今天。"), field="assessed_date")
    clean = {}
    for code, label in Domain.choices:
        clean[code] = text((needs or {}).get(code), field=f"need_{code}", label=str(label), max_length=1000)
    if risk not in Risk.values:
        raise SocialWorkError(_("请选择风险等级。"), field="risk")
    me = practitioner_of(actor, case.community_id)
    if risk == Risk.HIGH and not (me and me.may_take_high_risk):
        raise SocialWorkError(
            _("高风险个案须由社会工作师（中级）以上的社工承接，请与督导商量转给合适的社工。"),
            field="risk",
            code="level",
        )
    strengths = text(strengths, field="strengths", label=_("优势与资源"), max_length=1000, required=False)
    row = Assessment.objects.create(
        community_id=case.community_id, case=case, assessed_date=when, needs=clean, strengths=strengths, risk=risk,
        author=actor,
    )  # fmt: skip
    case.risk = risk
    case.save(update_fields=["risk"])
    case_event("case_assessed", case=case, actor=actor, risk=risk)
    return row


@transaction.atomic
def goal_add(*, actor, case: Case, text_: str, review_date, domain: str = "") -> Goal:
    case = case_for_update(actor, case)
    require_worker(actor, case)
    require_open(case)
    goal_text = text(text_, field="text", label=_("服务目标"), max_length=300)
    if not str(review_date or "").strip():
        raise SocialWorkError(_("每个服务目标都要定检视日期。"), field="review_date", code="review_date")
    when = _in_case_time(case, review_date, field="review_date", label=_("检视日期"))
    if domain and domain not in Domain.values:
        raise SocialWorkError(_("请选择领域。"), field="domain")
    goal = Goal.objects.create(
        community_id=case.community_id, case=case, text=goal_text, domain=domain, review_date=when
    )
    case_event("goal_added", case=case, actor=actor, goal=goal.pk)
    return goal


@transaction.atomic
def goal_review(*, actor, goal: Goal, next_review_date) -> Goal:
    """A goal reviewed: its next review date moves on (the note of the review is a session note)."""
    case = case_for_update(actor, goal.case)
    require_worker(actor, case)
    require_open(case)
    when = a_date(next_review_date, field="review_date", label=_("下次检视日期"))
    if when <= today():
        raise SocialWorkError(_("下次检视日期须在今天之后。"), field="review_date")
    goal.review_date = when
    goal.save(update_fields=["review_date"])
    case_event("goal_reviewed", case=case, actor=actor, goal=goal.pk)
    return goal


@transaction.atomic
def task_add(
    *, actor, case: Case, text_: str, doer: str, goal_id=None, volunteer_id=None, doer_name: str = "", every_days=None
) -> Task:
    """A task and who does it: the social worker, a registered volunteer of the community, or a partner."""
    case = case_for_update(actor, case)
    require_worker(actor, case)
    require_open(case)
    task_text = text(text_, field="text", label=_("服务任务"), max_length=300)
    if doer not in Task.Doer.values:
        raise SocialWorkError(_("请选择由谁来做。"), field="doer")
    goal = None
    if goal_id not in (None, ""):
        goal = Goal.objects.in_community(case.community_id).filter(case=case, pk=goal_id).first()
        if goal is None:
            raise SocialWorkError(_("这个目标不属于本个案。"), field="goal")
    name = text(doer_name, field="doer_name", label=_("执行人"), max_length=100, required=False)
    if doer == Task.Doer.VOLUNTEER:
        from linli.volunteering.selectors import volunteer_in

        volunteer = volunteer_in(case.community_id, volunteer_id if str(volunteer_id or "").isdigit() else None)
        if volunteer is None or volunteer.status != "active":
            raise SocialWorkError(_("请选择本社区在册的志愿者。"), field="volunteer")
        name = volunteer.name
    else:
        volunteer_id = None
    if doer == Task.Doer.PARTNER and not name:
        raise SocialWorkError(_("请写明合作单位。"), field="doer_name")
    every = None
    if every_days not in (None, ""):
        if not str(every_days).isdigit() or not 1 <= int(every_days) <= 365:
            raise SocialWorkError(_("频率须是1到365天。"), field="every_days")
        every = int(every_days)
    task = Task.objects.create(
        community_id=case.community_id, case=case, goal=goal, text=task_text, doer=doer,
        volunteer_id=int(volunteer_id) if volunteer_id else None, doer_name=name, every_days=every,
    )  # fmt: skip
    case_event("task_added", case=case, actor=actor, task=task.pk, doer=doer)
    return task
