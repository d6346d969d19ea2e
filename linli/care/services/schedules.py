"""A care plan's schedules changed by staff: the kind, how often, who is responsible (a staff
member, a volunteer, or a neighbour by name: exactly one), the next due date; or a schedule
stopped. The contacts logged on it stay (they point at the schedule, which is only deactivated).
Each change is on the plan's timeline; a refused one changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.care import events
from linli.care.errors import CareError
from linli.care.models import CarePlan, CareSchedule
from linli.care.models.care import ContactKind
from linli.care.permissions import MANAGE_CARE
from linli.care.services.careplans import (
    MAX_EVERY_DAYS,
    ScheduleInput,
    _require,
    _responsible,
    schedule_summary,
    settle_escalations,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

RESPONSIBLE_KINDS = ("user", "volunteer", "name")


@dataclass
class ScheduleChange:
    kind: str
    every_days: int
    responsible: str  # "user", "volunteer" or "name"
    next_due_date: dt.date | None
    responsible_user_id: int | None = None
    responsible_volunteer_id: int | None = None
    responsible_name: str = ""


def _locked(actor: User, schedule: CareSchedule) -> tuple[CarePlan, CareSchedule]:
    _require(actor, schedule.community_id, MANAGE_CARE, _("只有社区工作人员可以修改联系安排。"))
    plan = CarePlan.objects.in_community(schedule.community_id).select_for_update().get(pk=schedule.plan_id)
    if plan.status != CarePlan.Status.ACTIVE:
        raise CareError(_("这个关爱计划已经结束，不能再修改。"), code="closed")
    row = CareSchedule.objects.in_community(schedule.community_id).select_for_update().get(pk=schedule.pk)
    if not row.active:
        raise CareError(_("这项联系安排已经停止。"), code="stopped")
    return plan, row


def _who(data: ScheduleChange) -> ScheduleInput:
    """The one responsible person the form chose; the other two are cleared."""
    if data.responsible not in RESPONSIBLE_KINDS:
        raise CareError(_("请选择负责人的类型：工作人员、志愿者或邻居。"), field="responsible")
    name = data.responsible_name.strip()
    picked = {
        "user": ScheduleInput(data.kind, data.every_days, responsible_user_id=data.responsible_user_id),
        "volunteer": ScheduleInput(data.kind, data.every_days, responsible_volunteer_id=data.responsible_volunteer_id),
        "name": ScheduleInput(data.kind, data.every_days, responsible_name=name),
    }[data.responsible]
    missing = {
        "user": picked.responsible_user_id is None,
        "volunteer": picked.responsible_volunteer_id is None,
        "name": not name,
    }[data.responsible]
    if missing:
        raise CareError(_("请指定负责联系的人。"), field="responsible")
    return picked


@transaction.atomic
def schedule_change(*, actor: User, schedule: CareSchedule, data: ScheduleChange) -> CareSchedule:
    plan, row = _locked(actor, schedule)
    if data.kind not in ContactKind.values:
        raise CareError(_("请选择联系方式。"), field="kind")
    if not 1 <= data.every_days <= MAX_EVERY_DAYS:
        raise CareError(_("间隔天数须在1到365之间。"), field="every_days")
    if data.next_due_date is None:
        raise CareError(_("请填写下次应联系的日期。"), field="next_due_date")
    if data.next_due_date < timezone.localdate():
        raise CareError(_("下次应联系的日期不能早于今天。"), field="next_due_date")
    if data.next_due_date > timezone.localdate() + dt.timedelta(days=MAX_EVERY_DAYS):
        raise CareError(_("下次应联系的日期最多在一年之内。"), field="next_due_date")
    who = _who(data)
    _responsible(plan, who)
    row.kind, row.every_days, row.next_due_date = data.kind, data.every_days, data.next_due_date
    row.responsible_user_id, row.responsible_volunteer_id = who.responsible_user_id, who.responsible_volunteer_id
    row.responsible_name = who.responsible_name
    row.save(update_fields=["kind", "every_days", "next_due_date", "responsible_user", "responsible_volunteer_id",
                            "responsible_name"])  # fmt: skip
    events.schedule_event(kind="schedule_changed", plan_id=plan.pk, community_id=plan.community_id, actor=actor,
                          note=schedule_summary(row))  # fmt: skip
    return row


@transaction.atomic
def schedule_stop(*, actor: User, schedule: CareSchedule) -> CareSchedule:
    """No more contacts due on it (and no more escalations from it: its open ones are closed); what
    was logged stays."""
    plan, row = _locked(actor, schedule)
    row.active = False
    row.save(update_fields=["active"])
    settle_escalations(plan, actor, _("联系安排已停止"), schedule=row)
    events.schedule_event(kind="schedule_stopped", plan_id=plan.pk, community_id=plan.community_id, actor=actor,
                          note=row.get_kind_display())  # fmt: skip
    return row
