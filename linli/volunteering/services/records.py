"""Service records: logged by the volunteer (pending), by staff (verified: they vouch for it), for a
whole group after an event; verified by staff or the team's leader, or sent back with a reason.
Every step that moves hours locks all of the person's registrations, so an hour is counted once."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import selectors as cases
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import Duty, Project, ServiceRecord, Team, TeamMember, Volunteer
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.services.bank import credit
from linli.volunteering.services.common import (
    DAY_MINUTES,
    Actor,
    VolunteeringError,
    aware,
    can_manage,
    fmt,
    is_self,
)


@dataclass
class RecordInput:
    title: str = ""
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    place: str = ""
    note: str = ""
    team_id: int | None = None
    project_id: int | None = None
    case_id: int | None = None
    duty_id: int | None = None


def _check_times(data: RecordInput, *, staff: bool) -> int:
    """Minutes of the record, or an error naming what is wrong with its times."""
    data.started_at, data.ended_at = aware(data.started_at), aware(data.ended_at)
    start, end = data.started_at, data.ended_at
    if start is None or end is None:
        raise VolunteeringError(_("请填写服务的开始时间和结束时间。"), field="started_at")
    if end <= start:
        raise VolunteeringError(_("结束时间要晚于开始时间（服务时长不能为零或负数）。"), field="ended_at")
    minutes = int((end - start).total_seconds() // 60)
    if minutes < 1:
        raise VolunteeringError(_("服务时长不足1分钟。"), field="ended_at")
    if minutes > DAY_MINUTES:
        raise VolunteeringError(_("一条记录不能超过24小时，请按天分开登记。"), field="ended_at")
    if start > timezone.now() + dt.timedelta(minutes=10):
        raise VolunteeringError(_("还没到的时间不能登记服务时长。"), field="started_at")
    if not staff and start < timezone.now() - dt.timedelta(days=90):
        raise VolunteeringError(_("本人只能登记90天内的服务；更早的请找社区工作人员补登。"), field="started_at")
    return minutes


def _check_person_day(volunteer: Volunteer, start: dt.datetime, end: dt.datetime, minutes: int) -> None:
    """No two records of the same person overlap, and no day holds more than 24 hours — across all
    his registrations (a volunteer who moved is still one person). The caller holds his row locks."""
    mine = ServiceRecord.objects.unscoped().filter(volunteer__person=volunteer.person).exclude(status="rejected")
    clash = mine.filter(started_at__lt=end, ended_at__gt=start).order_by("started_at").first()
    if clash is not None:
        raise VolunteeringError(
            _("%(name)s在%(start)s–%(end)s已有一条“%(title)s”的记录，时间不能重叠。")
            % {
                "name": volunteer.name,
                "start": fmt(clash.started_at),
                "end": fmt(clash.ended_at)[-5:],
                "title": clash.title,
            },
            field="started_at",
            code="overlap",
        )
    day = timezone.localdate(start)
    already = mine.filter(day=day).aggregate(total=Sum("minutes"))["total"] or 0
    if already + minutes > DAY_MINUTES:
        raise VolunteeringError(
            _("%(name)s在%(day)s已登记%(hours).1f小时，再加这条就超过了一天24小时。")
            % {"name": volunteer.name, "day": day.isoformat(), "hours": already / 60},
            field="started_at",
            code="over_a_day",
        )


def _links(community_id: int, data: RecordInput) -> dict[str, int]:
    """The team, project, duty and case the record names, each checked to be the community's."""
    own = {"team_id": Team, "project_id": Project, "duty_id": Duty}
    messages = {
        "team_id": _("所选队伍不在本社区。"),
        "project_id": _("所选项目不在本社区。"),
        "duty_id": _("所选岗位不在本社区。"),
        "case_id": _("所选诉求不在本社区。"),
    }
    links = {}
    for key, message in messages.items():
        value = getattr(data, key)
        if not value:
            continue
        if not 0 < value < 2**63:
            raise VolunteeringError(message, field=key.removesuffix("_id"))
        if key == "case_id":
            found = cases.case_in_community(community_id=community_id, case_id=value)
        else:
            found = own[key].objects.in_community(community_id).filter(pk=value).exists()
        if not found:
            raise VolunteeringError(message, field=key.removesuffix("_id"))
        links[key] = value
    return links


def _lock_person(volunteer: Volunteer) -> Volunteer:
    """Lock every registration of the person (so two logs of his cannot both pass the overlap check)
    and return this one, fresh."""
    rows = list(Volunteer.objects.unscoped().select_for_update().filter(person=volunteer.person).order_by("pk"))
    return next(r for r in rows if r.pk == volunteer.pk)


def new_record(actor: Actor, volunteer: Volunteer, data: RecordInput, *, source: str, verified: bool) -> ServiceRecord:
    """The record, checked and saved (and counted when staff vouch for it). The caller is atomic."""
    staff = source != ServiceRecord.Source.SELF
    minutes = _check_times(data, staff=staff)
    title = (data.title or "").strip()
    if not title:
        raise VolunteeringError(_("请写明做了什么服务。"), field="title")
    links = _links(volunteer.community_id, data)
    row = _lock_person(volunteer)
    if row.status == Volunteer.Status.LEFT:
        raise VolunteeringError(_("%(name)s已退出志愿者队伍。") % {"name": row.name})
    assert data.started_at is not None and data.ended_at is not None  # _check_times made sure
    _check_person_day(row, data.started_at, data.ended_at, minutes)
    now = timezone.now()
    record = ServiceRecord.objects.create(
        community_id=row.community_id,
        volunteer=row,
        title=title[:100],
        place=(data.place or "").strip()[:100],
        note=(data.note or "").strip()[:200],
        started_at=data.started_at,
        ended_at=data.ended_at,
        day=timezone.localdate(data.started_at),
        minutes=minutes,
        source=source,
        logged_by=actor,
        status=ServiceRecord.Status.VERIFIED if verified else ServiceRecord.Status.PENDING,
        verified_by=actor if verified else None,
        verified_at=now if verified else None,
        **links,
    )
    if verified:
        credit(row, record, actor)
    events.record_logged(actor=actor, record=record)
    return record


@transaction.atomic
def record_add(*, actor: Actor, volunteer: Volunteer, data: RecordInput) -> ServiceRecord:
    """A volunteer logs his own hours (pending until verified); staff log for him (verified: the
    staff member vouches for it)."""
    if can_manage(actor, volunteer.community_id):
        return new_record(actor, volunteer, data, source=ServiceRecord.Source.STAFF, verified=True)
    if not is_self(actor, volunteer):
        raise PermissionDeniedError(_("只能登记自己的服务时长。"))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这份志愿者登记已不在册，不能再登记时长。"))
    if data.team_id and not (
        TeamMember.objects.in_community(volunteer.community_id)
        .filter(team_id=data.team_id, volunteer=volunteer)
        .exists()
    ):
        raise VolunteeringError(_("您不在所选的队伍里。"), field="team")
    return new_record(actor, volunteer, data, source=ServiceRecord.Source.SELF, verified=False)


@transaction.atomic
def group_log(*, actor: Actor, community: Community, volunteer_ids: Iterable, data: RecordInput) -> list[ServiceRecord]:
    """After an event staff log the same hours for everyone who served: all of them or none, and
    the message names each person whose hours cannot be taken. A team's leader logs them for his
    team's members, under his team: verified, as he verifies their hours — but his own waits for
    someone else, as when he logs it himself."""
    staff = can_manage(actor, community.pk)
    if not staff:
        _require_leader_of(actor, community, data.team_id)
    ids = list(dict.fromkeys(i for i in map(id_param, volunteer_ids) if i is not None))
    if not ids:
        raise VolunteeringError(_("请至少选择一位志愿者。"), field="volunteers")
    rows = Volunteer.objects.in_community(community.pk).filter(pk__in=ids, status="active")
    if not staff:
        team_rows = TeamMember.objects.in_community(community.pk).filter(team_id=data.team_id or 0)
        rows = rows.filter(pk__in=team_rows.values("volunteer_id"))
    volunteers = list(rows)
    if len(volunteers) != len(ids):
        message = (
            _("所选志愿者中有人不在本社区在册名单中，请刷新页面后重选。")
            if staff
            else _("队长只能为本队在册队员登记，所选的人中有人不在本队。")
        )
        raise VolunteeringError(message, field="volunteers")
    own = volunteer_scope(scope_for(actor)).volunteer_ids
    records, problems = [], []
    for volunteer in sorted(volunteers, key=lambda v: v.pk):
        verified = staff or volunteer.pk not in own
        try:
            with transaction.atomic():
                records.append(new_record(actor, volunteer, data, source=ServiceRecord.Source.GROUP, verified=verified))
        except VolunteeringError as exc:
            if exc.code not in ("overlap", "over_a_day"):
                raise
            problems.append(exc.message)
    if problems:
        raise VolunteeringError(
            _("整批没有登记，请先处理这些人：") + "；".join(str(p) for p in problems),
            field="volunteers",
            code="group_problems",
        )
    return records


def _require_leader_of(actor: Actor, community: Community, team_id: int | None) -> None:
    led = volunteer_scope(scope_for(actor)).led_team_ids
    if not led or not Team.objects.in_community(community.pk).filter(pk__in=led).exists():
        raise PermissionDeniedError(_("只有社区工作人员或队长可以集体登记时长。"))
    if team_id not in led or not Team.objects.in_community(community.pk).filter(pk=team_id).exists():
        raise VolunteeringError(_("请选择您带领的队伍，集体登记计入这个队。"), field="team")


def _may_check(actor: Actor, record: ServiceRecord) -> bool:
    """Staff, or the leader of the team the record was served with (not for his own records)."""
    scope = scope_for(actor)
    part = volunteer_scope(scope)
    leader = record.team_id in part.led_team_ids and record.volunteer_id not in part.volunteer_ids
    return can_manage(actor, record.community_id) or leader


def _already_checked(record: ServiceRecord) -> ConflictError:
    current = ServiceRecord.objects.in_community(record.community_id).select_related("verified_by").get(pk=record.pk)
    if current.status != ServiceRecord.Status.VERIFIED:
        return ConflictError(_("这条记录已被退回，不能核实。"), code="rejected")
    by = current.verified_by
    who = (by.get_full_name() or by.username) if by else ""
    assert current.verified_at is not None  # a verified record has its time
    return ConflictError(
        _("这条记录已于%(at)s由%(who)s核实，不能重复核实。") % {"at": fmt(current.verified_at), "who": who},
        code="already_verified",
    )


@transaction.atomic
def record_verify(*, actor: Actor, record: ServiceRecord) -> ServiceRecord:
    """Count a pending record: by staff, or by the leader of the team it was served with (not his own)."""
    if not _may_check(actor, record):
        raise PermissionDeniedError(_("只有社区工作人员或该队队长可以核实服务时长。"))
    volunteer = _lock_person(record.volunteer)
    changed = (
        ServiceRecord.objects.in_community(record.community_id)
        .filter(pk=record.pk, status=ServiceRecord.Status.PENDING)
        .update(status=ServiceRecord.Status.VERIFIED, verified_by=actor, verified_at=timezone.now())
    )
    if not changed:
        raise _already_checked(record)
    record.refresh_from_db()
    credit(volunteer, record, actor)
    events.record_verified(actor=actor, record=record)
    return record


def verify_many(*, actor: Actor, records: Iterable[ServiceRecord]) -> tuple[int, list[str]]:
    """Verify each; those that fail say why. Each record is its own transaction."""
    done, problems = 0, []
    for record in records:
        try:
            record_verify(actor=actor, record=record)
            done += 1
        except DomainError as exc:
            problems.append(f"{record.volunteer.name} {record.title}：{exc.message}")
    return done, problems


@transaction.atomic
def record_reject(*, actor: Actor, record: ServiceRecord, reason: str) -> None:
    if not _may_check(actor, record):
        raise PermissionDeniedError(_("只有社区工作人员或该队队长可以退回服务记录。"))
    reason = (reason or "").strip()
    if not reason:
        raise VolunteeringError(_("请写明退回的原因，志愿者会看到。"), field="reason")
    changed = (
        ServiceRecord.objects.in_community(record.community_id)
        .filter(pk=record.pk, status=ServiceRecord.Status.PENDING)
        .update(
            status=ServiceRecord.Status.REJECTED,
            reject_reason=reason[:200],
            verified_by=actor,
            verified_at=timezone.now(),
        )
    )
    if not changed:
        raise ConflictError(_("只有待核实的记录可以退回；已核实的时长不会被撤销。"))
    events.record_rejected(actor=actor, record=record, reason=reason[:200])
