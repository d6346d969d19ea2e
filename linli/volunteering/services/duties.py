"""Duties at events and regular posts (值守、活动岗位): posted by staff; volunteers sign up, check in
and out on the phone; checking out turns the time into a pending record."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import Duty, DutySignup, ServiceRecord, Volunteer
from linli.volunteering.services.common import (
    Actor,
    VolunteeringError,
    aware,
    can_manage,
    clean_skills,
    fmt,
    is_self,
    place_in,
    require_manage,
)
from linli.volunteering.services.records import RecordInput, new_record


@dataclass
class DutyInput:
    title: str = ""
    place: str = ""
    compound_id: int | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    skills: list | str = ""
    slots: int | None = 1
    note: str = ""


def _check_duty(data: DutyInput) -> tuple[str, dt.datetime, dt.datetime, int]:
    title = (data.title or "").strip()
    if not title:
        raise VolunteeringError(_("请填写岗位或活动名称。"), field="title")
    starts_at, ends_at = aware(data.starts_at), aware(data.ends_at)
    if starts_at is None or ends_at is None:
        raise VolunteeringError(_("请填写开始和结束时间。"), field="starts_at")
    if ends_at <= starts_at:
        raise VolunteeringError(_("结束时间要晚于开始时间。"), field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=24):
        raise VolunteeringError(_("一个岗位不能超过24小时，请按天分开发布。"), field="ends_at")
    if not data.slots or not 1 <= data.slots <= 500:
        raise VolunteeringError(_("需要人数请填1到500。"), field="slots")
    return title, starts_at, ends_at, data.slots


@transaction.atomic
def duty_save(*, actor: Actor, community: Community, data: DutyInput, duty: Duty | None = None) -> Duty:
    require_manage(actor, community.pk)
    title, starts_at, ends_at, needed = _check_duty(data)
    data.starts_at, data.ends_at = starts_at, ends_at
    compound, _building = place_in(community.pk, data.compound_id, None)
    row = duty or Duty(community=community, created_by=actor)
    if duty is not None and needed < duty.signed:
        raise VolunteeringError(_("已有%(n)d人报名，需要人数不能少于这个数。") % {"n": duty.signed}, field="slots")
    row.title, row.place, row.compound = title[:100], (data.place or "").strip()[:100], compound
    row.starts_at, row.ends_at, row.slots = starts_at, ends_at, needed
    row.skills, row.note = clean_skills(data.skills), (data.note or "").strip()[:200]
    row.save()
    events.duty_posted(actor=actor, duty=row, created=duty is None)
    return row


@transaction.atomic
def duty_signup(*, actor: Actor, duty: Duty, volunteer: Volunteer) -> DutySignup:
    if not (is_self(actor, volunteer) or can_manage(actor, duty.community_id)):
        raise PermissionDeniedError(_("只能为自己报名。"))
    if volunteer.community_id != duty.community_id or volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("只有本社区在册的志愿者可以报名这个岗位。"))
    row = Duty.objects.in_community(duty.community_id).select_for_update().get(pk=duty.pk)
    if row.cancelled:
        raise ConflictError(_("这个岗位已取消。"))
    if row.ends_at <= timezone.now():
        raise ConflictError(_("这个岗位已经结束了。"))
    signup = DutySignup.objects.in_community(row.community_id).filter(duty=row, volunteer=volunteer).first()
    if signup is not None and signup.status == DutySignup.Status.SIGNED:
        raise ConflictError(_("%(name)s已经报名了。") % {"name": volunteer.name}, code="duplicate")
    if row.is_full:
        raise ConflictError(_("人数已满（%(n)d人），看看别的岗位吧。") % {"n": row.slots}, code="full")
    if signup is None:
        signup = DutySignup.objects.create(community_id=row.community_id, duty=row, volunteer=volunteer)
    else:
        signup.status, signup.at = DutySignup.Status.SIGNED, timezone.now()
        signup.save(update_fields=["status", "at"])
    Duty.objects.in_community(row.community_id).filter(pk=row.pk).update(signed=F("signed") + 1)
    events.duty_signup_changed(actor=actor, signup=signup, kind="duty_signed_up")
    return signup


@transaction.atomic
def duty_cancel(*, actor: Actor, signup: DutySignup) -> None:
    if not (is_self(actor, signup.volunteer) or can_manage(actor, signup.community_id)):
        raise PermissionDeniedError(_("只能取消自己的报名。"))
    if signup.checked_in_at:
        raise ConflictError(_("已经签到，不能取消报名。"))
    Duty.objects.in_community(signup.community_id).select_for_update().get(pk=signup.duty_id)
    changed = (
        DutySignup.objects.in_community(signup.community_id)
        .filter(pk=signup.pk, status=DutySignup.Status.SIGNED)
        .update(status=DutySignup.Status.CANCELLED)
    )
    if changed:
        Duty.objects.in_community(signup.community_id).filter(pk=signup.duty_id).update(signed=F("signed") - 1)
        events.duty_signup_changed(actor=actor, signup=signup, kind="duty_signup_cancelled")


@transaction.atomic
def duty_check_in(*, actor: Actor, signup: DutySignup) -> DutySignup:
    if not is_self(actor, signup.volunteer):
        raise PermissionDeniedError(_("请本人在手机上签到。"))
    duty, now = signup.duty, timezone.now()
    if signup.status != DutySignup.Status.SIGNED:
        raise VolunteeringError(_("报名已取消，不能签到。"))
    if now < duty.starts_at - dt.timedelta(hours=1):
        raise VolunteeringError(_("岗位开始前1小时内才能签到（%(at)s开始）。") % {"at": fmt(duty.starts_at)})
    if now > duty.ends_at:
        raise VolunteeringError(_("岗位已经结束，不能再签到；请找工作人员补登时长。"))
    changed = (
        DutySignup.objects.in_community(signup.community_id)
        .filter(pk=signup.pk, checked_in_at__isnull=True)
        .update(checked_in_at=now)
    )
    if not changed:
        raise ConflictError(_("已经签到过了。"))
    signup.checked_in_at = now
    events.duty_signup_changed(actor=actor, signup=signup, kind="duty_checked_in")
    return signup


@transaction.atomic
def duty_check_out(*, actor: Actor, signup: DutySignup) -> ServiceRecord:
    """Check out: the time from check-in to now (within the duty, give or take an hour) becomes a
    pending record for staff or the team leader to verify."""
    if not is_self(actor, signup.volunteer):
        raise PermissionDeniedError(_("请本人在手机上签退。"))
    if signup.checked_in_at is None:
        raise VolunteeringError(_("还没有签到，不能签退。"))
    duty, now = signup.duty, timezone.now()
    end = min(now, duty.ends_at + dt.timedelta(hours=1))
    changed = (
        DutySignup.objects.in_community(signup.community_id)
        .filter(pk=signup.pk, checked_out_at__isnull=True)
        .update(checked_out_at=now)
    )
    if not changed:
        raise ConflictError(_("已经签退过了。"))
    if end - signup.checked_in_at < dt.timedelta(minutes=1):
        raise VolunteeringError(_("签到后不到1分钟就签退了，没有可以登记的时长。"))
    data = RecordInput(
        title=duty.title, place=duty.place, started_at=signup.checked_in_at, ended_at=end, duty_id=duty.pk
    )
    record = new_record(actor, signup.volunteer, data, source=ServiceRecord.Source.DUTY, verified=False)
    events.duty_signup_changed(actor=actor, signup=signup, kind="duty_checked_out")
    return record
