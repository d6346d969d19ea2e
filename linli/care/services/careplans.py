"""Care plans: who is watched and why, the contacts scheduled and who makes them, emergency
contacts (numbers encrypted), health notes (encrypted; read with `view_health_notes`, logged),
each contact logged in one tap, and an escalation settled."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.care import events
from linli.care.errors import CareError
from linli.care.models import CareContact, CareEscalation, CarePlan, CareSchedule, EmergencyContact
from linli.care.models.care import ContactKind
from linli.care.permissions import MANAGE_CARE, RECORD_VISITS, VIEW_HEALTH_NOTES
from linli.care.services import calls
from linli.core import crypto
from linli.core.audit import access_log_write
from linli.core.identity import InvalidIdentity, normalize_phone
from linli.core.models import AccessLog
from linli.core.scoping import scope_for
from linli.people.models import Resident
from linli.volunteering import selectors as volunteer_selectors

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community

MAX_EVERY_DAYS = 365
PLAN_TABLE = "care_careplan"
CONTACT_TABLE = "care_emergencycontact"


@dataclass
class CarePlanInput:
    resident_id: int | None
    reason: str
    health_notes: str | None = None  # None: unchanged


@dataclass
class ScheduleInput:
    kind: str
    every_days: int
    responsible_user_id: int | None = None
    responsible_volunteer_id: int | None = None
    responsible_name: str = ""
    first_due_date: dt.date | None = None


def _require(actor: User, community_id: int, code: str, message: str) -> None:
    if not scope_for(actor).has(code, community_id):
        raise CareError(message, code="forbidden")


def _grid_of(resident: Resident) -> int | None:
    return resident.dwelling.building.grid_id if resident.dwelling is not None else None


@transaction.atomic
def care_plan_save(*, actor: User, community: Community, data: CarePlanInput, plan: CarePlan | None = None) -> CarePlan:
    _require(actor, community.pk, MANAGE_CARE, _("只有社区工作人员可以建立关爱计划。"))
    reason = data.reason.strip()
    if not reason or len(reason) > 100:
        raise CareError(_("请写关爱原因（如：独居老人），最多100字。"), field="reason")
    if plan is None:
        resident = (
            Resident.objects.visible_to(actor)
            .filter(community=community, pk=data.resident_id or 0, status=Resident.Status.ACTIVE)
            .select_related("dwelling__building")
            .first()
        )
        if resident is None:
            raise CareError(_("请选择本社区在住的居民。"), field="resident")
        plan = CarePlan(community=community, resident=resident, grid_id=_grid_of(resident), created_by=actor)
    else:
        plan = CarePlan.objects.in_community(community).select_for_update().get(pk=plan.pk)
        if plan.status != CarePlan.Status.ACTIVE:
            raise CareError(_("这个关爱计划已经结束，不能再修改。"), code="closed")
    created = plan.pk is None
    plan.reason = reason
    if data.health_notes is not None:
        _require(actor, community.pk, VIEW_HEALTH_NOTES, _("您没有查看和填写健康情况的权限。"))
        notes = data.health_notes.strip()[:2000]
        plan.health_notes_enc = (
            crypto.encrypt(notes, table=PLAN_TABLE, column="health_notes", row=str(plan.uid)) if notes else ""
        )
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise CareError(_("这位居民已有关爱计划。"), field="resident", code="duplicate") from None
    events.plan_saved_event(plan=plan, actor=actor, created=created)
    return plan


@transaction.atomic
def care_plan_close(*, actor: User, plan: CarePlan) -> CarePlan:
    _require(actor, plan.community_id, MANAGE_CARE, _("只有社区工作人员可以结束关爱计划。"))
    current = CarePlan.objects.in_community(plan.community_id).select_for_update().get(pk=plan.pk)
    if current.status != CarePlan.Status.ACTIVE:
        raise CareError(_("这个关爱计划已经结束。"), code="closed")
    current.status, current.closed_at = CarePlan.Status.CLOSED, timezone.now()
    current.save(update_fields=["status", "closed_at"])
    CareSchedule.objects.in_community(current.community_id).filter(plan=current).update(active=False)
    settle_escalations(current, actor, _("关爱计划已结束"))
    events.plan_closed_event(plan=current, actor=actor)
    return current


def settle_escalations(plan: CarePlan, actor: User, resolution: str, schedule: CareSchedule | None = None) -> int:
    """Close the open reminders of a plan (or of one of its schedules: those it raised as overdue and
    those of a call on it that did not reach the person): nobody is to chase a contact no longer due."""
    rows = CareEscalation.objects.in_community(plan.community_id).filter(plan=plan, resolved_at__isnull=True)
    if schedule is not None:
        rows = rows.filter(Q(schedule=schedule) | Q(contact__schedule=schedule))
    return rows.update(resolved_at=timezone.now(), resolved_by=actor, resolution=resolution)


def health_notes_read(*, actor: User, plan: CarePlan, request=None) -> str:
    """The plan's health notes for a role granted them; every reading is in the access log."""
    _require(actor, plan.community_id, VIEW_HEALTH_NOTES, _("您没有查看健康情况的权限。"))
    if not plan.health_notes_enc:
        return ""
    notes = crypto.decrypt(plan.health_notes_enc, table=PLAN_TABLE, column="health_notes", row=str(plan.uid))
    access_log_write(actor=actor, action=AccessLog.Action.REVEAL, community_id=plan.community_id,
                     subject_type="care_plan", subject_id=plan.pk, fields=["health_notes"],
                     reason=_("查看关爱计划"), request=request)  # fmt: skip
    return notes


def _responsible(plan: CarePlan, data: ScheduleInput) -> None:
    if data.responsible_user_id is not None:
        from linli.tenancy.models import Membership
        from linli.tenancy.permissions import Role

        roles = Membership.objects.filter(
            community_id=plan.community_id, user_id=data.responsible_user_id, is_active=True
        ).exclude(role=Role.RESIDENT)
        if not roles.exists():
            raise CareError(_("负责人须是在本社区有工作角色的人员。"), field="responsible")
    volunteer_id = data.responsible_volunteer_id
    if volunteer_id is not None:
        volunteer = volunteer_selectors.volunteer_in(plan.community_id, volunteer_id)
        if volunteer is None or volunteer.status != "active":
            raise CareError(_("负责的志愿者不是本社区在册的志愿者。"), field="responsible")
    if len(data.responsible_name) > 50:
        raise CareError(_("负责人姓名最多50字。"), field="responsible")


@transaction.atomic
def schedule_add(*, actor: User, plan: CarePlan, data: ScheduleInput) -> CareSchedule:
    _require(actor, plan.community_id, MANAGE_CARE, _("只有社区工作人员可以安排联系。"))
    if plan.status != CarePlan.Status.ACTIVE:
        raise CareError(_("这个关爱计划已经结束。"), code="closed")
    if data.kind not in ContactKind.values:
        raise CareError(_("请选择联系方式。"), field="kind")
    if not 1 <= data.every_days <= MAX_EVERY_DAYS:
        raise CareError(_("间隔天数须在1到365之间。"), field="every_days")
    if data.responsible_user_id is None and data.responsible_volunteer_id is None and not data.responsible_name.strip():
        raise CareError(_("请指定负责联系的人。"), field="responsible")
    _responsible(plan, data)
    first = data.first_due_date or timezone.localdate()
    row = CareSchedule.objects.create(
        community_id=plan.community_id, plan=plan, grid_id=plan.grid_id, kind=data.kind, every_days=data.every_days,
        responsible_user_id=data.responsible_user_id, responsible_volunteer_id=data.responsible_volunteer_id,
        responsible_name=data.responsible_name.strip(), next_due_date=first,
    )  # fmt: skip
    events.schedule_event(kind="schedule_added", plan_id=plan.pk, community_id=plan.community_id, actor=actor,
                          note=schedule_summary(row))  # fmt: skip
    return row


def schedule_summary(row: CareSchedule) -> str:
    """What the timeline says of a schedule: its kind, how often, when next (no one's name)."""
    return _("%(kind)s · 每%(n)s天 · 下次%(day)s") % {
        "kind": row.get_kind_display(), "n": row.every_days, "day": row.next_due_date.isoformat(),
    }  # fmt: skip


@transaction.atomic
def emergency_contact_add(
    *, actor: User, plan: CarePlan, name: str, relation: str, relation_note: str = "", phone: str = ""
) -> EmergencyContact:
    _require(actor, plan.community_id, MANAGE_CARE, _("只有社区工作人员可以登记紧急联系人。"))
    name = name.strip()
    if not name or len(name) > 50:
        raise CareError(_("请写紧急联系人的姓名。"), field="name")
    if relation not in EmergencyContact.Relation.values:
        raise CareError(_("请选择与本人的关系。"), field="relation")
    try:
        number = normalize_phone(phone)
    except InvalidIdentity as exc:
        raise CareError(str(exc), field="phone") from None
    row = EmergencyContact(community_id=plan.community_id, plan=plan, grid_id=plan.grid_id, name=name,
                           relation=relation, relation_note=relation_note.strip()[:30])  # fmt: skip
    row.phone_enc = crypto.encrypt(number, table=CONTACT_TABLE, column="phone", row=str(row.uid))
    row.phone_last4 = number[-4:]
    row.save()
    return row


def emergency_phone(contact: EmergencyContact) -> str:
    return crypto.decrypt(contact.phone_enc, table=CONTACT_TABLE, column="phone", row=str(contact.uid))


def care_contact_log(
    *,
    actor: User,
    plan: CarePlan,
    kind: str,
    reached: bool,
    note: str = "",
    key: str | None = None,
    schedule: CareSchedule | None = None,
    contacted_at: dt.datetime | None = None,
    minutes: int | None = None,
) -> CareContact:
    """One contact made or tried. Reached: the schedule moves on and open escalations are settled.
    On a volunteer's schedule the call's minutes (default 15) become his service hours, once: a
    repeated key returns the contact already logged and records nothing more."""
    _require(actor, plan.community_id, RECORD_VISITS, _("您在本社区没有登记联系的权限。"))
    try:
        key_value = uuid.UUID(key) if key else uuid.uuid4()
    except ValueError:
        raise CareError(_("提交编号无效，请刷新页面后重新填写。"), field="key") from None
    earlier = CareContact.objects.in_community(plan.community_id).filter(key=key_value).first()
    if earlier is not None:
        return earlier
    if plan.status != CarePlan.Status.ACTIVE:
        raise CareError(_("这个关爱计划已经结束。"), code="closed")
    if kind not in ContactKind.values:
        raise CareError(_("请选择联系方式。"), field="kind")
    if schedule is not None and schedule.plan_id != plan.pk:
        raise CareError(_("联系安排不属于这个关爱计划。"), field="schedule")
    when = contacted_at or timezone.now()
    if when > timezone.now() + dt.timedelta(minutes=10):
        raise CareError(_("联系时间不能晚于现在。"), field="contacted_at")
    volunteer_call = schedule is not None and schedule.responsible_volunteer_id is not None
    call_minutes = calls.clean_minutes(minutes) if volunteer_call else None
    with transaction.atomic():
        contact = CareContact.objects.create(
            community_id=plan.community_id, key=key_value, plan=plan, schedule=schedule, grid_id=plan.grid_id,
            kind=kind, reached=reached, note=note.strip()[:500], contacted_at=when, by=actor, minutes=call_minutes,
        )  # fmt: skip
        if reached:
            _moved_on(plan, schedule, when, actor)
        events.contact_logged_event(contact=contact, actor=actor)
        if volunteer_call:
            assert schedule is not None and schedule.responsible_volunteer_id is not None
            calls.volunteer_hours_record(actor=actor, contact=contact, volunteer_id=schedule.responsible_volunteer_id)
    return contact


def _moved_on(plan: CarePlan, schedule: CareSchedule | None, when: dt.datetime, actor: User) -> None:
    day = timezone.localtime(when).date()
    schedules = CareSchedule.objects.in_community(plan.community_id).filter(plan=plan, active=True)
    if schedule is not None:
        schedules = schedules.filter(pk=schedule.pk)
    for row in schedules.select_for_update():
        row.next_due_date = max(row.next_due_date, day + dt.timedelta(days=row.every_days))
        row.save(update_fields=["next_due_date"])
    open_rows = CareEscalation.objects.in_community(plan.community_id).filter(plan=plan, resolved_at__isnull=True)
    open_rows.update(resolved_at=timezone.now(), resolved_by=actor, resolution=_("已联系上本人"))


@transaction.atomic
def escalation_resolve(*, actor: User, escalation: CareEscalation, note: str) -> CareEscalation:
    _require(actor, escalation.community_id, RECORD_VISITS, _("您在本社区没有处理提醒的权限。"))
    note = note.strip()
    if len(note) < 2:
        raise CareError(_("请写明处理情况。"), field="note")
    current = CareEscalation.objects.in_community(escalation.community_id).select_for_update().get(pk=escalation.pk)
    if current.resolved_at is not None:
        raise CareError(_("这条提醒已经处理过了。"), code="resolved")
    current.resolved_at, current.resolved_by, current.resolution = timezone.now(), actor, note[:500]
    current.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    events.escalation_event(escalation=current, kind="escalation_resolved", actor=actor)
    return current
