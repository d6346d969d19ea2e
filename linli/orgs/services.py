"""What staff and residents do with teams: keyword-only, `actor=` first; a refusal raises OrgsError
and changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.events import record
from linli.core.scoping import scope_for
from linli.core.typing import Actor, account_of
from linli.orgs.models import Award, JoinRequest, Kind, Level, Meeting, Member, Organisation, Role, Stage, StageStep
from linli.orgs.permissions import may_manage
from linli.people.models import Resident
from linli.people.scope import people_scope


class OrgsError(DomainError):
    pass


def _require_manager(actor: Actor, community_id: int) -> None:
    if not may_manage(scope_for(actor), community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以管理队伍和组织。"))


def _event(actor: Actor | None, org: Organisation, kind: str, **data) -> None:
    record(
        module="orgs", kind=kind, subject=("orgs_org", org.pk), actor=actor, community_id=org.community_id, data=data
    )


def _not_future(day: dt.date | None, field: str) -> dt.date:
    if day is None:
        raise OrgsError(_("请填写日期。"), field=field)
    if day > timezone.localdate():
        raise OrgsError(_("日期不能晚于今天。"), field=field)
    return day


@dataclass(frozen=True)
class OrgInput:
    name: str
    kind: str = Kind.CULTURE
    intro: str = ""
    meets: str = ""
    place: str = ""
    open_to_join: bool = True


def org_save(*, actor: Actor, community_id: int, data: OrgInput, org: Organisation | None = None) -> Organisation:
    _require_manager(actor, community_id)
    name = " ".join(data.name.split())
    if not name:
        raise OrgsError(_("请填写队伍或组织的名称。"), field="name")
    if data.kind not in Kind.values:
        raise OrgsError(_("请选择类型。"), field="kind")
    taken = Organisation.objects.in_community(community_id).filter(name=name)
    if org is not None:
        taken = taken.exclude(pk=org.pk)
    if taken.exists():
        raise OrgsError(_("本社区已有名为“%(name)s”的队伍或组织。") % {"name": name}, field="name")
    target = org or Organisation(community_id=community_id, created_by=account_of(actor))
    for key in ("kind", "intro", "meets", "place", "open_to_join"):
        setattr(target, key, getattr(data, key))
    target.name = name
    if target.kind == Kind.SOCIAL and not target.stage:
        target.stage = Stage.INTENT
    with transaction.atomic():
        target.save()
        _event(actor, target, "org_saved" if org else "org_created")
    return target


def _resident_in(community_id: int, resident_id: int | None, field: str) -> Resident:
    resident = (
        Resident.objects.in_community(community_id).filter(pk=resident_id, status=Resident.Status.ACTIVE).first()
        if resident_id
        else None
    )
    if resident is None:
        raise OrgsError(_("没有找到这位居民：请从搜索结果中选择本社区在住的居民。"), field=field)
    return resident


def member_add(
    *,
    actor: Actor,
    org: Organisation,
    resident_id: int | None,
    role: str = Role.MEMBER,
    introduced_by_id: int | None = None,
    joined_on: dt.date | None = None,
) -> Member:
    _require_manager(actor, org.community_id)
    return _add_member(actor, org, resident_id, role, introduced_by_id, joined_on or timezone.localdate())


def _add_member(actor, org, resident_id, role, introduced_by_id, joined_on) -> Member:
    resident = _resident_in(org.community_id, resident_id, "resident")
    if role not in Role.values:
        raise OrgsError(_("请选择职务。"), field="role")
    introducer = _resident_in(org.community_id, introduced_by_id, "introduced_by") if introduced_by_id else None
    if introducer is not None and introducer.pk == resident.pk:
        raise OrgsError(_("引荐人不能是本人。"), field="introduced_by")
    _not_future(joined_on, "joined_on")
    if Member.objects.in_community(org.community_id).filter(org=org, resident=resident, left_on__isnull=True).exists():
        raise OrgsError(_("%(name)s 已经是本队成员。") % {"name": resident.name}, field="resident")
    try:
        with transaction.atomic():
            member = Member.objects.create(
                community_id=org.community_id,
                org=org,
                resident=resident,
                role=role,
                joined_on=joined_on,
                introduced_by=introducer,
            )
            _event(actor, org, "member_added", person=["resident", resident.pk], role=role)
    except IntegrityError as exc:  # the same resident added by two desks at once
        raise OrgsError(_("%(name)s 已经是本队成员。") % {"name": resident.name}, field="resident") from exc
    return member


def member_leave(*, actor: Actor, member: Member, on: dt.date | None = None) -> Member:
    _require_manager(actor, member.community_id)
    if member.left_on is not None:
        raise OrgsError(_("这位成员已经退出。"))
    day = _not_future(on or timezone.localdate(), "left_on")
    if day < member.joined_on:
        raise OrgsError(_("退出日期不能早于加入日期。"), field="left_on")
    member.left_on = day
    with transaction.atomic():
        member.save(update_fields=["left_on"])
        _event(actor, member.org, "member_left", person=["resident", member.resident_id])
    return member


def stage_record(*, actor: Actor, org: Organisation, stage: str, on: dt.date | None, support: str = "") -> StageStep:
    _require_manager(actor, org.community_id)
    if stage not in Stage.values:
        raise OrgsError(_("请选择孵化阶段。"), field="stage")
    if stage == org.stage:
        raise OrgsError(_("已经处于“%(stage)s”阶段。") % {"stage": Stage(stage).label}, field="stage")
    day = _not_future(on, "on")
    with transaction.atomic():
        step = StageStep.objects.create(
            community_id=org.community_id,
            org=org,
            stage=stage,
            on=day,
            support=support.strip(),
            recorded_by=account_of(actor),
        )
        org.stage = stage
        org.save(update_fields=["stage"])
        _event(actor, org, "stage_recorded", stage=stage)
    return step


def award_add(*, actor: Actor, org: Organisation, title: str, level: str, on: dt.date | None) -> Award:
    _require_manager(actor, org.community_id)
    title = " ".join((title or "").split())
    if not title:
        raise OrgsError(_("请填写奖项或演出的名称。"), field="title")
    if level not in Level.values:
        raise OrgsError(_("请选择级别。"), field="level")
    day = _not_future(on, "on")
    with transaction.atomic():
        award = Award.objects.create(community_id=org.community_id, org=org, title=title, level=level, on=day)
        _event(actor, org, "award_added", title=title)
    return award


def join_ask(*, actor: Actor, org: Organisation, note: str = "") -> JoinRequest:
    """A resident asks to join (from the team's page on his phone)."""
    resident = (
        Resident.objects.in_community(org.community_id)
        .filter(pk__in=people_scope(scope_for(actor)).resident_ids, status=Resident.Status.ACTIVE)
        .first()
    )
    if resident is None:
        raise PermissionDeniedError(_("请先把账号关联到本社区的居民信息，再申请加入。"))
    if not org.open_to_join:
        raise OrgsError(_("这支队伍暂不接受申请，请联系社区工作人员。"))
    if Member.objects.in_community(org.community_id).filter(org=org, resident=resident, left_on__isnull=True).exists():
        raise OrgsError(_("您已经是这支队伍的成员。"))
    if JoinRequest.objects.in_community(org.community_id).filter(org=org, resident=resident, status="pending").exists():
        raise OrgsError(_("您已经申请过了，请等待社区工作人员回复。"))
    try:
        with transaction.atomic():
            return JoinRequest.objects.create(
                community_id=org.community_id, org=org, resident=resident, note=(note or "").strip()[:200]
            )
    except IntegrityError as exc:
        raise OrgsError(_("您已经申请过了，请等待社区工作人员回复。")) from exc


def join_decide(*, actor: Actor, request: JoinRequest, accept: bool, reason: str = "") -> JoinRequest:
    _require_manager(actor, request.community_id)
    if request.status != JoinRequest.Status.PENDING:
        raise OrgsError(_("这份申请已经处理过了。"))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise OrgsError(_("不通过时请写明原因，居民会看到。"), field="reason")
    with transaction.atomic():
        if accept:
            _add_member(actor, request.org, request.resident_id, Role.MEMBER, None, timezone.localdate())
        request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        request.reason = reason[:200]
        request.decided_at = timezone.now()
        request.decided_by = account_of(actor)
        request.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    _tell(request)
    return request


def _tell(request: JoinRequest) -> None:
    """The resident hears the outcome in-app (and on his channels) if his record has an account."""
    user_id = (
        Resident.objects.in_community(request.community_id)
        .filter(pk=request.resident_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if not user_id:
        return
    from linli.messaging.services import notify

    context = {"org": request.org.name, "outcome": str(request.get_status_display()), "reason": request.reason}
    transaction.on_commit(lambda: notify(user_id, "orgs_join_decided", context, community=request.community_id))


@dataclass(frozen=True)
class MeetingInput:
    """A team's weekly time in a room: the first date is the next such weekday still to come."""

    thing_id: int | None
    weekday: int | None  # 0 Monday … 6 Sunday
    starts_time: dt.time | None
    ends_time: dt.time | None
    weeks: int = 12


def _series_input(actor: Actor, org: Organisation, data: MeetingInput):
    from linli.venues import selectors as venues
    from linli.venues.services import SeriesInput

    thing = venues.visible_things(actor, org.community_id).filter(pk=data.thing_id).first() if data.thing_id else None
    if thing is None:
        raise OrgsError(_("请选择本社区的场地。"), field="thing")
    if data.weekday is None or not 0 <= data.weekday <= 6:
        raise OrgsError(_("请选择星期几。"), field="weekday")
    if data.starts_time is None or data.ends_time is None:
        raise OrgsError(_("请填写开始和结束时间。"), field="starts_time")
    now = timezone.localtime()
    first = now.date() + dt.timedelta(days=(data.weekday - now.weekday()) % 7)
    if first == now.date() and data.starts_time <= now.time():
        first += dt.timedelta(weeks=1)
    series = SeriesInput(
        first_date=first, weeks=data.weeks, starts_time=data.starts_time, ends_time=data.ends_time, purpose=org.name
    )
    return thing, series


def meeting_preview(*, actor: Actor, org: Organisation, data: MeetingInput) -> list:
    """Every date of the weekly booking with its problem (venues' check; nothing is written)."""
    from linli.venues.services import series_preview

    _require_manager(actor, org.community_id)
    thing, series = _series_input(actor, org, data)
    return series_preview(actor=actor, thing=thing, data=series)


def meeting_book(*, actor: Actor, org: Organisation, data: MeetingInput, skip_clashes: bool = False) -> Meeting:
    """Book the room every week through venues (which refuses clashes unless told to skip them) and
    link the series to the team: both or neither."""
    from linli.venues.services import series_create

    _require_manager(actor, org.community_id)
    thing, series_data = _series_input(actor, org, data)
    with transaction.atomic():
        series = series_create(actor=actor, thing=thing, data=series_data, skip_clashes=skip_clashes)
        meeting = Meeting.objects.create(
            community_id=org.community_id, org=org, series=series, created_by=account_of(actor)
        )
        _event(actor, org, "meeting_booked", series=series.pk, thing=thing.name)
    return meeting


def meeting_end(*, actor: Actor, org: Organisation, meeting_id, reason: str = "") -> int:
    """Stop a team's weekly time: venues cancels the bookings still to come (the past ones stay, and
    so does the link, as history); the time leaves the team's page. Returns how many were cancelled."""
    from linli.core.ui import id_param
    from linli.venues.services import series_end

    _require_manager(actor, org.community_id)
    pk = id_param(meeting_id)
    meeting = Meeting.objects.in_community(org.community_id).filter(org=org, pk=pk).first() if pk else None
    if meeting is None:
        raise OrgsError(_("找不到这个固定活动时间。"), code="not_found")
    with transaction.atomic():
        n = series_end(actor=actor, community_id=org.community_id, series_id=meeting.series_id,
                       reason=(reason or "").strip() or _("团队停止固定活动"))  # fmt: skip
        _event(actor, org, "meeting_ended", series=meeting.series_id, cancelled=n)
    return n
