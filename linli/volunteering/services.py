"""Changing volunteering data. Every step that moves hours or points locks the volunteer's row and
changes the total in the same transaction as the row that justifies it, so an hour is counted once
or not at all; compare-and-set updates refuse a record verified twice or points spent twice."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import forget_scope, scope_for
from linli.core.ui import id_param
from linli.places.models import Building, Compound
from linli.tenancy.models import Community
from linli.volunteering import slots
from linli.volunteering.models import (
    Claim,
    ClaimPhoto,
    ClaimUpdate,
    Duty,
    DutySignup,
    Invitation,
    PointEntry,
    Project,
    Reward,
    ServiceKind,
    ServiceRecord,
    Team,
    TeamMember,
    TimeBank,
    Volunteer,
    star_for,
)
from linli.volunteering.permissions import MANAGE_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope

MAX_PHOTOS = 9
DAY_MINUTES = 24 * 60


class VolunteeringError(DomainError):
    pass


def can_manage(actor, community_id: int) -> bool:
    return scope_for(actor).has(MANAGE_VOLUNTEERS, community_id)


def _require_manage(actor, community_id: int) -> None:
    if not can_manage(actor, community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以做这一步。"))


def _is_self(actor, volunteer: Volunteer) -> bool:
    return volunteer.user_id is not None and volunteer.user_id == getattr(actor, "pk", None)


def clean_skills(value) -> list[str]:
    """Skills from a form ("理发、维修, 电脑") or a list: trimmed, unique, at most 20 of ≤ 20 chars."""
    if isinstance(value, str):
        for sep in "，、,;；/ \n":
            value = value.replace(sep, ",")
        value = value.split(",")
    seen: list[str] = []
    for item in value or []:
        item = str(item).strip()[:20]
        if item and item not in seen:
            seen.append(item)
    return seen[:20]


def clean_kinds(values) -> list[str]:
    return [v for v in dict.fromkeys(values or []) if v in ServiceKind.values]


# -- volunteers --------------------------------------------------------------------------------


@dataclass
class VolunteerInput:
    name: str = ""
    resident_id: int | None = None
    compound_id: int | None = None
    building_id: int | None = None
    skills: list | str = ""
    free_slots: int = 0
    kinds: list | None = None
    workplace: str = ""
    note: str = ""
    in_service: bool = False


def _place(community_id: int, compound_id, building_id) -> tuple:
    compound = building = None
    if building_id:
        building = Building.objects.in_community(community_id).select_related("compound").filter(pk=building_id).first()
        if building is None:
            raise VolunteeringError(_("所选楼栋不在本社区。"), field="building")
        compound = building.compound
    elif compound_id:
        compound = Compound.objects.in_community(community_id).filter(pk=compound_id).first()
        if compound is None:
            raise VolunteeringError(_("所选小区不在本社区。"), field="compound")
    return compound, building


@transaction.atomic
def volunteer_save(*, actor, community, data: VolunteerInput, volunteer: Volunteer | None = None) -> Volunteer:
    """Register a volunteer (a resident of the community, or anyone by name) or change one."""
    from linli.people.models import Resident

    _require_manage(actor, community.pk)
    resident = None
    if data.resident_id:
        resident = (
            Resident.objects.in_community(community.pk)
            .select_related("dwelling__building__compound")
            .filter(pk=data.resident_id, status=Resident.Status.ACTIVE)
            .first()
        )
        if resident is None:
            raise VolunteeringError(_("所选居民不在本社区（或已迁出）。"), field="resident")
    name = (data.name or (resident.name if resident else "")).strip()
    if not name:
        raise VolunteeringError(_("请填写志愿者姓名，或选择一位居民。"), field="name")
    compound, building = _place(community.pk, data.compound_id, data.building_id)
    if resident and resident.dwelling_id and not (compound or building):
        building = resident.dwelling.building
        compound = building.compound
    row = volunteer or Volunteer(community=community, created_by=actor)
    if volunteer is not None and volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这位志愿者已退出或已转出，不能再修改。"))
    row.resident = resident or (volunteer.resident if volunteer else None)
    if resident and resident.user_id and not row.user_id:
        row.user_id = resident.user_id
    row.name = name[:50]
    row.compound, row.building = compound, building
    row.grid_id = building.grid_id if building else None
    row.skills = clean_skills(data.skills)
    row.free_slots = int(data.free_slots or 0) & slots.ALL
    row.kinds = clean_kinds(data.kinds)
    row.workplace = (data.workplace or "").strip()[:100]
    row.note = (data.note or "").strip()[:200]
    row.in_service = bool(data.in_service) or row.in_service
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("这位居民已经是本社区的志愿者了。"), field="resident", code="duplicate") from None
    if row.user_id:
        forget_scope(actor)
    return row


@transaction.atomic
def volunteer_join(*, actor, community, skills="", free_slots: int = 0, kinds=None) -> Volunteer:
    """A resident signs himself up from the phone (我要当志愿者), from his registry record."""
    from linli.people.models import Resident, Talent

    resident = (
        Resident.objects.in_community(community.pk)
        .select_related("dwelling__building")
        .filter(user_id=actor.pk, status=Resident.Status.ACTIVE)
        .first()
    )
    if resident is None:
        raise VolunteeringError(_("您的账号还没有关联本社区的居民登记，请到社区登记后再报名。"))
    if Volunteer.objects.in_community(community.pk).filter(user_id=actor.pk, status=Volunteer.Status.ACTIVE).exists():
        raise VolunteeringError(_("您已经是本社区的志愿者了。"), code="duplicate")
    talents = list(Talent.objects.in_community(community.pk).filter(resident=resident).values_list("skill", flat=True))
    building = resident.dwelling.building if resident.dwelling_id else None
    row = Volunteer(
        community=community,
        user=actor,
        resident=resident,
        name=resident.name,
        building=building,
        compound_id=building.compound_id if building else None,
        grid_id=building.grid_id if building else None,
        skills=clean_skills(list(clean_skills(skills)) + talents),
        free_slots=(int(free_slots or 0) & slots.ALL) or slots.from_text(resident.free_time),
        kinds=clean_kinds(kinds),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("您已经是本社区的志愿者了。"), code="duplicate") from None
    forget_scope(actor)
    return row


def enlist_in_service_member(*, actor, community, user, name: str, compound_id=None, skills=(), free_slots: int = 0,
                             kinds=(), workplace: str = "") -> Volunteer:  # fmt: skip
    """An in-service party member whose reporting-in was confirmed (the party app checked that right)
    serves as a volunteer here: his existing registration is marked, or one is made."""
    row = (
        Volunteer.objects.in_community(community.pk)
        .select_for_update()
        .filter(user_id=getattr(user, "pk", None), status=Volunteer.Status.ACTIVE)
        .first()
        if user is not None
        else None
    )
    if row is None:
        compound, _building = _place(community.pk, compound_id, None)
        row = Volunteer(community=community, user=user, name=name[:50], compound=compound, created_by=actor)
    row.in_service = True
    row.workplace = (workplace or row.workplace)[:100]
    row.skills = clean_skills(list(row.skills or []) + list(skills or []))
    row.free_slots = (row.free_slots | int(free_slots or 0)) & slots.ALL
    row.kinds = clean_kinds(list(row.kinds or []) + list(kinds or []))
    row.save()
    return row


def _lock(volunteer: Volunteer) -> Volunteer:
    return Volunteer.objects.in_community(volunteer.community_id).select_for_update().get(pk=volunteer.pk)


@transaction.atomic
def volunteer_leave(*, actor, volunteer: Volunteer) -> None:
    if not (can_manage(actor, volunteer.community_id) or _is_self(actor, volunteer)):
        raise PermissionDeniedError(_("只有社区工作人员或本人可以办理退出。"))
    changed = (
        Volunteer.objects.in_community(volunteer.community_id)
        .filter(pk=volunteer.pk, status=Volunteer.Status.ACTIVE)
        .update(status=Volunteer.Status.LEFT, left_on=timezone.localdate())
    )
    if not changed:
        raise ConflictError(_("这位志愿者已经不在册了。"))


@transaction.atomic
def volunteer_move(*, actor, volunteer: Volunteer, community_code: str) -> Volunteer:
    """He moved: register him with the new community, bringing his verified hours, star and points.
    The old registration stays where it was (its hours still count for that community's totals)."""
    if not (_is_self(actor, volunteer) or can_manage(actor, volunteer.community_id)):
        raise PermissionDeniedError(_("只有本人或原社区工作人员可以办理转社区。"))
    code = (community_code or "").strip()
    target = Community.objects.filter(code=code).first() if code else None
    if target is None:
        raise VolunteeringError(
            _("没有代码为“%(code)s”的社区。请向新社区的工作人员问清社区代码。") % {"code": code[:30]},
            field="community",
            code="unknown_community",
        )
    old = _lock(volunteer)
    if old.status != Volunteer.Status.ACTIVE:
        raise ConflictError(_("这份志愿者登记已经不在册（已退出或已转出）。"))
    if target.pk == old.community_id:
        raise VolunteeringError(_("您已经在这个社区登记了。"), field="community")
    if old.user_id and Volunteer.objects.in_community(target).filter(user_id=old.user_id, status="active").exists():
        raise VolunteeringError(_("您在新社区已经有志愿者登记了。"), field="community")
    new = Volunteer.objects.create(
        community=target, person=old.person, user_id=old.user_id, name=old.name, skills=old.skills,
        free_slots=old.free_slots, kinds=old.kinds, in_service=old.in_service, workplace=old.workplace,
        carried_minutes=old.total_minutes, star=old.star, points_balance=old.points_balance, created_by=actor,
        note=_("由%(name)s转入") % {"name": old.community.name},
    )  # fmt: skip
    if old.points_balance:
        note = _("转往%(name)s") % {"name": target.name}
        PointEntry.objects.create(community_id=old.community_id, volunteer=old, kind="out", points=-old.points_balance,
                                  note=note, by=actor)  # fmt: skip
        PointEntry.objects.create(community=target, volunteer=new, kind="in", points=old.points_balance,
                                  note=_("由%(name)s转入") % {"name": old.community.name}, by=actor)  # fmt: skip
    Volunteer.objects.in_community(old.community_id).filter(pk=old.pk).update(
        status=Volunteer.Status.MOVED, moved_to=target, left_on=timezone.localdate(), points_balance=0
    )
    forget_scope(actor)
    return new


# -- teams -------------------------------------------------------------------------------------


@transaction.atomic
def team_save(*, actor, community, name: str, kind: str = "", note: str = "", leader_id=None,
              team: Team | None = None) -> Team:  # fmt: skip
    _require_manage(actor, community.pk)
    name = (name or "").strip()
    if not name:
        raise VolunteeringError(_("请填写队伍名称。"), field="name")
    leader = None
    if leader_id:
        leader = Volunteer.objects.in_community(community.pk).filter(pk=leader_id, status="active").first()
        if leader is None:
            raise VolunteeringError(_("队长须是本社区在册的志愿者。"), field="leader")
    row = team or Team(community=community)
    row.name, row.kind, row.note, row.leader = name[:60], (kind or "").strip()[:30], (note or "").strip()[:200], leader
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("已有同名的队伍。"), field="name", code="duplicate") from None
    if leader:
        TeamMember.objects.in_community(community).get_or_create(community=community, team=row, volunteer=leader)
    return row


def team_member_add(*, actor, team: Team, volunteer: Volunteer) -> TeamMember:
    _require_manage(actor, team.community_id)
    if volunteer.community_id != team.community_id or volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("只能加入本社区在册的志愿者。"), field="volunteer")
    member, created = TeamMember.objects.in_community(team.community_id).get_or_create(
        community_id=team.community_id, team=team, volunteer=volunteer
    )
    if not created:
        raise VolunteeringError(_("%(name)s已经在队伍里了。") % {"name": volunteer.name}, code="duplicate")
    return member


def team_member_remove(*, actor, team: Team, member: TeamMember) -> None:
    _require_manage(actor, team.community_id)
    if team.leader_id == member.volunteer_id:
        raise VolunteeringError(_("队长不能移出队伍，请先换一位队长。"))
    TeamMember.objects.in_community(team.community_id).filter(pk=member.pk, team=team).delete()


# -- service records ---------------------------------------------------------------------------


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


def _fmt(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%m-%d %H:%M")


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """Times without a zone (an API client's "2026-11-20T10:00") are the community's local time."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _check_times(data: RecordInput, *, staff: bool) -> int:
    """Minutes of the record, or an error naming what is wrong with its times."""
    data.started_at, data.ended_at = _aware(data.started_at), _aware(data.ended_at)
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


def _check_person_day(volunteer: Volunteer, start, end, minutes: int) -> None:
    """No two records of the same person overlap, and no day holds more than 24 hours — across all
    his registrations (a volunteer who moved is still one person). The caller holds his row locks."""
    mine = ServiceRecord.objects.unscoped().filter(volunteer__person=volunteer.person).exclude(status="rejected")
    clash = mine.filter(started_at__lt=end, ended_at__gt=start).order_by("started_at").first()
    if clash is not None:
        raise VolunteeringError(
            _("%(name)s在%(start)s–%(end)s已有一条“%(title)s”的记录，时间不能重叠。")
            % {
                "name": volunteer.name,
                "start": _fmt(clash.started_at),
                "end": _fmt(clash.ended_at)[-5:],
                "title": clash.title,
            },  # fmt: skip
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


def _links(community_id: int, data: RecordInput) -> dict:
    from linli.cases.models import Case

    links = {}
    for key, model, message in (
        ("team_id", Team, _("所选队伍不在本社区。")),
        ("project_id", Project, _("所选项目不在本社区。")),
        ("duty_id", Duty, _("所选岗位不在本社区。")),
        ("case_id", Case, _("所选诉求不在本社区。")),
    ):
        value = getattr(data, key)
        if value:
            if not 0 < value < 2**63 or not model.objects.in_community(community_id).filter(pk=value).exists():
                raise VolunteeringError(message, field=key.removesuffix("_id"))
            links[key] = value
    return links


def _points_rate(community_id: int) -> int:
    bank = TimeBank.objects.in_community(community_id).first()
    return bank.points_per_hour if bank else TimeBank._meta.get_field("points_per_hour").default


def _credit(volunteer: Volunteer, record: ServiceRecord, actor) -> None:
    """Count a record that has just become verified: hours, star, points — on the registration it
    was served under and, if he has since moved, on the one he serves under now. Rows are locked."""
    points = record.minutes * _points_rate(record.community_id) // 60
    ServiceRecord.objects.in_community(record.community_id).filter(pk=record.pk).update(points=points)
    total = volunteer.total_minutes + record.minutes
    Volunteer.objects.in_community(volunteer.community_id).filter(pk=volunteer.pk).update(
        verified_minutes=F("verified_minutes") + record.minutes, star=star_for(total),
        points_balance=F("points_balance") + points,
    )  # fmt: skip
    PointEntry.objects.create(
        community_id=record.community_id, volunteer=volunteer, kind="earn", points=points, record=record, by=actor
    )
    if volunteer.status != Volunteer.Status.MOVED:
        return
    current = (
        Volunteer.objects.unscoped()
        .select_for_update()
        .filter(person=volunteer.person, status=Volunteer.Status.ACTIVE)
        .first()
    )
    if current is None:
        return
    Volunteer.objects.in_community(current.community_id).filter(pk=current.pk).update(
        carried_minutes=F("carried_minutes") + record.minutes, star=star_for(current.total_minutes + record.minutes),
        points_balance=F("points_balance") + points,
    )  # fmt: skip
    Volunteer.objects.in_community(volunteer.community_id).filter(pk=volunteer.pk).update(
        points_balance=F("points_balance") - points
    )
    if points:
        PointEntry.objects.create(community_id=volunteer.community_id, volunteer=volunteer, kind="out",
                                  points=-points, note=_("随本人转出"), by=actor)  # fmt: skip
        PointEntry.objects.create(community_id=current.community_id, volunteer=current, kind="in", points=points,
                                  note=_("原社区补核实的服务"), by=actor)  # fmt: skip


def _lock_person(volunteer: Volunteer) -> Volunteer:
    """Lock every registration of the person (so two logs of his cannot both pass the overlap check)
    and return this one, fresh."""
    rows = list(Volunteer.objects.unscoped().select_for_update().filter(person=volunteer.person).order_by("pk"))
    return next(r for r in rows if r.pk == volunteer.pk)


def _new_record(actor, volunteer: Volunteer, data: RecordInput, *, source: str, verified: bool) -> ServiceRecord:
    staff = source != ServiceRecord.Source.SELF
    minutes = _check_times(data, staff=staff)
    title = (data.title or "").strip()
    if not title:
        raise VolunteeringError(_("请写明做了什么服务。"), field="title")
    links = _links(volunteer.community_id, data)
    row = _lock_person(volunteer)
    if row.status == Volunteer.Status.LEFT:
        raise VolunteeringError(_("%(name)s已退出志愿者队伍。") % {"name": row.name})
    _check_person_day(row, data.started_at, data.ended_at, minutes)
    now = timezone.now()
    record = ServiceRecord.objects.create(
        community_id=row.community_id, volunteer=row, title=title[:100], place=(data.place or "").strip()[:100],
        note=(data.note or "").strip()[:200], started_at=data.started_at, ended_at=data.ended_at,
        day=timezone.localdate(data.started_at), minutes=minutes, source=source, logged_by=actor,
        status=ServiceRecord.Status.VERIFIED if verified else ServiceRecord.Status.PENDING,
        verified_by=actor if verified else None, verified_at=now if verified else None, **links,
    )  # fmt: skip
    if verified:
        _credit(row, record, actor)
    return record


@transaction.atomic
def record_add(*, actor, volunteer: Volunteer, data: RecordInput) -> ServiceRecord:
    """A volunteer logs his own hours (pending until verified); staff log for him (verified: the
    staff member vouches for it)."""
    if can_manage(actor, volunteer.community_id):
        return _new_record(actor, volunteer, data, source=ServiceRecord.Source.STAFF, verified=True)
    if not _is_self(actor, volunteer):
        raise PermissionDeniedError(_("只能登记自己的服务时长。"))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这份志愿者登记已不在册，不能再登记时长。"))
    if (
        data.team_id
        and not TeamMember.objects.in_community(volunteer.community_id)
        .filter(team_id=data.team_id, volunteer=volunteer)
        .exists()
    ):
        raise VolunteeringError(_("您不在所选的队伍里。"), field="team")
    return _new_record(actor, volunteer, data, source=ServiceRecord.Source.SELF, verified=False)


@transaction.atomic
def group_log(*, actor, community, volunteer_ids, data: RecordInput) -> list[ServiceRecord]:
    """After an event staff log the same hours for everyone who served: all of them or none, and
    the message names each person whose hours cannot be taken."""
    _require_manage(actor, community.pk)
    ids = list(dict.fromkeys(i for i in map(id_param, volunteer_ids) if i is not None))
    if not ids:
        raise VolunteeringError(_("请至少选择一位志愿者。"), field="volunteers")
    volunteers = list(Volunteer.objects.in_community(community.pk).filter(pk__in=ids, status="active"))
    if len(volunteers) != len(ids):
        raise VolunteeringError(_("所选志愿者中有人不在本社区在册名单中，请刷新页面后重选。"), field="volunteers")
    records, problems = [], []
    for volunteer in sorted(volunteers, key=lambda v: v.pk):
        try:
            with transaction.atomic():
                records.append(_new_record(actor, volunteer, data, source=ServiceRecord.Source.GROUP, verified=True))
        except VolunteeringError as exc:
            if exc.code not in ("overlap", "over_a_day"):
                raise
            problems.append(exc.message)
    if problems:
        raise VolunteeringError(
            _("整批没有登记，请先处理这些人：") + "；".join(problems), field="volunteers", code="group_problems"
        )
    return records


@transaction.atomic
def record_verify(*, actor, record: ServiceRecord) -> ServiceRecord:
    """Count a pending record: by staff, or by the leader of the team it was served with (not his own)."""
    scope = scope_for(actor)
    leader = (
        record.team_id in volunteer_scope(scope).led_team_ids
        and record.volunteer_id not in volunteer_scope(scope).volunteer_ids
    )
    if not (can_manage(actor, record.community_id) or leader):
        raise PermissionDeniedError(_("只有社区工作人员或该队队长可以核实服务时长。"))
    volunteer = _lock_person(record.volunteer)
    now = timezone.now()
    changed = (
        ServiceRecord.objects.in_community(record.community_id)
        .filter(pk=record.pk, status=ServiceRecord.Status.PENDING)
        .update(status=ServiceRecord.Status.VERIFIED, verified_by=actor, verified_at=now)
    )
    if not changed:
        current = (
            ServiceRecord.objects.in_community(record.community_id).select_related("verified_by").get(pk=record.pk)
        )
        if current.status == ServiceRecord.Status.VERIFIED:
            who = current.verified_by.get_full_name() or current.verified_by.username if current.verified_by else ""
            raise ConflictError(
                _("这条记录已于%(at)s由%(who)s核实，不能重复核实。") % {"at": _fmt(current.verified_at), "who": who},
                code="already_verified",
            )
        raise ConflictError(_("这条记录已被退回，不能核实。"), code="rejected")
    record.refresh_from_db()
    _credit(volunteer, record, actor)
    return record


def verify_many(*, actor, records) -> tuple[int, list[str]]:
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
def record_reject(*, actor, record: ServiceRecord, reason: str) -> None:
    scope = scope_for(actor)
    leader = (
        record.team_id in volunteer_scope(scope).led_team_ids
        and record.volunteer_id not in volunteer_scope(scope).volunteer_ids
    )
    if not (can_manage(actor, record.community_id) or leader):
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
        )  # fmt: skip
    )
    if not changed:
        raise ConflictError(_("只有待核实的记录可以退回；已核实的时长不会被撤销。"))


# -- time bank ---------------------------------------------------------------------------------


def bank_rate_save(*, actor, community, points_per_hour) -> TimeBank:
    _require_manage(actor, community.pk)
    try:
        rate = int(points_per_hour)
    except (TypeError, ValueError):
        rate = -1
    if not 1 <= rate <= 1000:
        raise VolunteeringError(_("每小时积分请填1到1000之间的整数。"), field="points_per_hour")
    bank, _created = TimeBank.objects.in_community(community.pk).get_or_create(community=community)
    bank.points_per_hour, bank.updated_at = rate, timezone.now()
    bank.save()
    return bank


def reward_save(*, actor, community, name: str, points, note: str = "", active: bool = True,
                reward: Reward | None = None) -> Reward:  # fmt: skip
    _require_manage(actor, community.pk)
    name = (name or "").strip()
    if not name:
        raise VolunteeringError(_("请填写兑换项目的名称。"), field="name")
    try:
        cost = int(points)
    except (TypeError, ValueError):
        cost = 0
    if not 1 <= cost <= 100000:
        raise VolunteeringError(_("所需积分请填1到100000之间的整数。"), field="points")
    row = reward or Reward(community=community)
    row.name, row.points, row.note, row.active = name[:60], cost, (note or "").strip()[:200], active
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("已有同名的兑换项目。"), field="name", code="duplicate") from None
    return row


@transaction.atomic
def points_spend(*, actor, volunteer: Volunteer, reward: Reward, note: str = "") -> PointEntry:
    """Spend points on one of the community's rewards, at the counter. Never below zero: the balance
    is taken with a compare-and-set, so two spends at once cannot both pass."""
    _require_manage(actor, volunteer.community_id)
    if reward.community_id != volunteer.community_id or not reward.active:
        raise VolunteeringError(_("这个兑换项目已停用或不属于本社区。"), field="reward")
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这位志愿者已不在册，积分已随登记转出或封存。"))
    changed = (
        Volunteer.objects.in_community(volunteer.community_id)
        .filter(pk=volunteer.pk, points_balance__gte=reward.points)
        .update(points_balance=F("points_balance") - reward.points)
    )
    if not changed:
        balance = Volunteer.objects.in_community(volunteer.community_id).get(pk=volunteer.pk).points_balance
        raise ConflictError(
            _("积分不够：%(name)s现有%(have)d分，兑换“%(reward)s”需要%(need)d分。")
            % {"name": volunteer.name, "have": balance, "reward": reward.name, "need": reward.points},
            field="reward",
            code="not_enough_points",
        )
    return PointEntry.objects.create(
        community_id=volunteer.community_id, volunteer=volunteer, kind="spend", points=-reward.points, reward=reward,
        note=(note or "").strip()[:200], by=actor,
    )  # fmt: skip


# -- project library ---------------------------------------------------------------------------


@dataclass
class ProjectInput:
    title: str = ""
    need: str = ""
    beneficiaries: str = ""
    kind: str = ""
    skills: list | str = ""
    compound_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    capacity: int | None = None
    number: int | None = None


@transaction.atomic
def project_save(*, actor, community, data: ProjectInput, project: Project | None = None) -> Project:
    _require_manage(actor, community.pk)
    title, need = (data.title or "").strip(), (data.need or "").strip()
    if not title:
        raise VolunteeringError(_("请填写项目名称。"), field="title")
    if not need:
        raise VolunteeringError(_("请写明需求：要做什么、为谁做。"), field="need")
    if data.kind and data.kind not in ServiceKind.values:
        raise VolunteeringError(_("请选择列表中的服务类别。"), field="kind")
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise VolunteeringError(_("结束日期不能早于开始日期。"), field="ends_on")
    if data.capacity is not None and not 1 <= data.capacity <= 500:
        raise VolunteeringError(_("认领名额请填1到500之间的数，不限名额就空着。"), field="capacity")
    compound, _building = _place(community.pk, data.compound_id, None)
    row = project or Project(community=community, posted_by=actor)
    if project is not None:
        row = Project.objects.in_community(community.pk).select_for_update().get(pk=project.pk)
        if data.capacity is not None and data.capacity < row.claim_count:
            raise VolunteeringError(
                _("已有%(n)d个认领，名额不能少于这个数。") % {"n": row.claim_count}, field="capacity"
            )
    row.title, row.need, row.beneficiaries = title[:100], need, (data.beneficiaries or "").strip()[:200]
    row.kind, row.skills, row.compound = data.kind or "", clean_skills(data.skills), compound
    row.starts_on, row.ends_on, row.capacity, row.number = data.starts_on, data.ends_on, data.capacity, data.number
    row.save()
    return row


def _claim_rights(actor, community_id: int, volunteer: Volunteer | None, team: Team | None) -> None:
    scope = scope_for(actor)
    if can_manage(actor, community_id):
        return
    if volunteer is not None and _is_self(actor, volunteer):
        return
    if team is not None and team.pk in volunteer_scope(scope).led_team_ids:
        return
    raise PermissionDeniedError(_("只能为自己、或为自己带领的队伍认领项目。"))


@transaction.atomic
def project_claim(*, actor, project: Project, volunteer: Volunteer | None = None, team: Team | None = None,
                  plan: str = "") -> Claim:  # fmt: skip
    """揭榜: take a project. The project row is locked while the cap is checked, so of several
    people claiming the last place at once exactly one gets it."""
    if (volunteer is None) == (team is None):
        raise VolunteeringError(_("请选择以个人还是以队伍认领。"), field="claimant")
    for who in (volunteer, team):
        if who is not None and who.community_id != project.community_id:
            raise VolunteeringError(_("只有本社区的志愿者或队伍可以认领本社区的项目。"), field="claimant")
    if volunteer is not None and volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这份志愿者登记已不在册。"), field="claimant")
    _claim_rights(actor, project.community_id, volunteer, team)
    row = Project.objects.in_community(project.community_id).select_for_update().get(pk=project.pk)
    if row.status != Project.Status.OPEN:
        raise ConflictError(_("这个项目已%(state)s，不能再认领。") % {"state": row.get_status_display()})
    if row.ends_on and row.ends_on < timezone.localdate():
        raise ConflictError(_("这个项目已过了结束日期，不能再认领。"))
    mine = Claim.objects.in_community(row.community_id).filter(project=row, status=Claim.Status.ACTIVE)
    if mine.filter(volunteer=volunteer, team=team).exists():
        raise ConflictError(_("%(who)s已经认领了这个项目。") % {"who": volunteer or team}, code="duplicate")
    if row.is_full:
        raise ConflictError(_("名额已满：这个项目限%(cap)d个认领，已被认领完。") % {"cap": row.capacity}, code="full")
    claim = Claim.objects.create(community_id=row.community_id, project=row, volunteer=volunteer, team=team,
                                 plan=(plan or "").strip()[:300], claimed_by=actor)  # fmt: skip
    Project.objects.in_community(row.community_id).filter(pk=row.pk).update(claim_count=F("claim_count") + 1)
    return claim


@transaction.atomic
def claim_withdraw(*, actor, claim: Claim) -> None:
    _claim_rights(actor, claim.community_id, claim.volunteer, claim.team)
    row = Project.objects.in_community(claim.community_id).select_for_update().get(pk=claim.project_id)
    if row.status != Project.Status.OPEN:
        raise ConflictError(_("项目已结束，认领不能再退出。"))
    changed = (
        Claim.objects.in_community(claim.community_id)
        .filter(pk=claim.pk, status=Claim.Status.ACTIVE)
        .update(status=Claim.Status.WITHDRAWN)
    )
    if not changed:
        raise ConflictError(_("这份认领已经退出了。"))
    Project.objects.in_community(row.community_id).filter(pk=row.pk).update(claim_count=F("claim_count") - 1)


@transaction.atomic
def claim_report(*, actor, claim: Claim, text: str, files=()) -> ClaimUpdate:
    """Progress on a claim, with up to 9 photos checked by their bytes."""
    from linli.core.uploads import UploadError, sniff_upload

    _claim_rights(actor, claim.community_id, claim.volunteer, claim.team)
    if claim.status != Claim.Status.ACTIVE:
        raise VolunteeringError(_("这份认领已经退出，不能再报进展。"))
    text = (text or "").strip()
    if not text:
        raise VolunteeringError(_("请写几句进展：做了什么、服务了谁。"), field="text")
    files = list(files or [])
    if len(files) > MAX_PHOTOS:
        raise VolunteeringError(_("一次最多上传%(n)d张照片。") % {"n": MAX_PHOTOS}, field="files")
    checked = []
    for upload in files:
        try:
            checked.append((upload, *sniff_upload(upload)))
        except UploadError as exc:
            raise VolunteeringError(exc.message, field="files") from None
    update = ClaimUpdate.objects.create(community_id=claim.community_id, claim=claim, text=text[:2000], by=actor)
    for upload, content_type, extension in checked:
        photo = ClaimPhoto(community_id=claim.community_id, update=update, name=(upload.name or "photo")[:200],
                           content_type=content_type, size=upload.size)  # fmt: skip
        photo.extension = extension
        photo.file.save("upload" + extension, upload, save=False)
        photo.save()
    return update


@transaction.atomic
def project_evaluate(*, actor, project: Project, rating, text: str) -> Project:
    """Staff judge the result and close the project as done."""
    _require_manage(actor, project.community_id)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise VolunteeringError(_("请给出1到5星的评价。"), field="rating")
    row = Project.objects.in_community(project.community_id).select_for_update().get(pk=project.pk)
    if row.status != Project.Status.OPEN:
        raise ConflictError(_("这个项目已经评价过或已撤下。"))
    if not row.claim_count:
        raise VolunteeringError(_("还没有人认领这个项目，无法评价结果。"))
    row.status, row.rating, row.evaluation = Project.Status.DONE, rating, (text or "").strip()[:2000]
    row.evaluated_by, row.evaluated_at = actor, timezone.now()
    row.save(update_fields=["status", "rating", "evaluation", "evaluated_by", "evaluated_at"])
    return row


def project_close(*, actor, project: Project) -> None:
    _require_manage(actor, project.community_id)
    changed = (
        Project.objects.in_community(project.community_id)
        .filter(pk=project.pk, status=Project.Status.OPEN)
        .update(status=Project.Status.CLOSED)
    )
    if not changed:
        raise ConflictError(_("这个项目已经结束，不能撤下。"))


# -- duties ------------------------------------------------------------------------------------


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


def duty_save(*, actor, community, data: DutyInput, duty: Duty | None = None) -> Duty:
    _require_manage(actor, community.pk)
    title = (data.title or "").strip()
    if not title:
        raise VolunteeringError(_("请填写岗位或活动名称。"), field="title")
    if data.starts_at is None or data.ends_at is None:
        raise VolunteeringError(_("请填写开始和结束时间。"), field="starts_at")
    data.starts_at, data.ends_at = _aware(data.starts_at), _aware(data.ends_at)
    if data.ends_at <= data.starts_at:
        raise VolunteeringError(_("结束时间要晚于开始时间。"), field="ends_at")
    if data.ends_at - data.starts_at > dt.timedelta(hours=24):
        raise VolunteeringError(_("一个岗位不能超过24小时，请按天分开发布。"), field="ends_at")
    if not data.slots or not 1 <= data.slots <= 500:
        raise VolunteeringError(_("需要人数请填1到500。"), field="slots")
    compound, _building = _place(community.pk, data.compound_id, None)
    row = duty or Duty(community=community, created_by=actor)
    if duty is not None and data.slots < duty.signed:
        raise VolunteeringError(_("已有%(n)d人报名，需要人数不能少于这个数。") % {"n": duty.signed}, field="slots")
    row.title, row.place, row.compound = title[:100], (data.place or "").strip()[:100], compound
    row.starts_at, row.ends_at, row.slots = data.starts_at, data.ends_at, data.slots
    row.skills, row.note = clean_skills(data.skills), (data.note or "").strip()[:200]
    row.save()
    return row


@transaction.atomic
def duty_signup(*, actor, duty: Duty, volunteer: Volunteer) -> DutySignup:
    if not (_is_self(actor, volunteer) or can_manage(actor, duty.community_id)):
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
    return signup


@transaction.atomic
def duty_cancel(*, actor, signup: DutySignup) -> None:
    if not (_is_self(actor, signup.volunteer) or can_manage(actor, signup.community_id)):
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


def duty_check_in(*, actor, signup: DutySignup) -> DutySignup:
    if not _is_self(actor, signup.volunteer):
        raise PermissionDeniedError(_("请本人在手机上签到。"))
    duty, now = signup.duty, timezone.now()
    if signup.status != DutySignup.Status.SIGNED:
        raise VolunteeringError(_("报名已取消，不能签到。"))
    if now < duty.starts_at - dt.timedelta(hours=1):
        raise VolunteeringError(_("岗位开始前1小时内才能签到（%(at)s开始）。") % {"at": _fmt(duty.starts_at)})
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
    return signup


@transaction.atomic
def duty_check_out(*, actor, signup: DutySignup) -> ServiceRecord:
    """Check out: the time from check-in to now (within the duty, give or take an hour) becomes a
    pending record for staff or the team leader to verify."""
    if not _is_self(actor, signup.volunteer):
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
    data = RecordInput(title=duty.title, place=duty.place, started_at=signup.checked_in_at, ended_at=end,
                       duty_id=duty.pk)  # fmt: skip
    return _new_record(actor, signup.volunteer, data, source=ServiceRecord.Source.DUTY, verified=False)


# -- invitations -------------------------------------------------------------------------------


def invite(*, actor, community, volunteer_ids, project=None, duty=None, case=None, message="") -> int:
    """Ask the chosen volunteers to take a need; those already asked for it are not asked again."""
    _require_manage(actor, community.pk)
    need = {"project": project, "duty": duty, "case": case}
    if sum(v is not None for v in need.values()) != 1:
        raise VolunteeringError(_("请先选择要邀请参加的项目、岗位或诉求。"))
    target = next(v for v in need.values() if v is not None)
    if target.community_id != community.pk:
        raise VolunteeringError(_("只能邀请参加本社区的项目、岗位或诉求。"))
    ids = [i for i in map(id_param, volunteer_ids) if i is not None]
    if not ids:
        raise VolunteeringError(_("请至少勾选一位志愿者。"), field="volunteers")
    volunteers = Volunteer.objects.in_community(community.pk).filter(pk__in=ids, status="active")
    asked = set(
        Invitation.objects.in_community(community.pk)
        .filter(**{k: v for k, v in need.items() if v is not None}, volunteer_id__in=ids)
        .values_list("volunteer_id", flat=True)
    )
    now = timezone.now()
    rows = [
        Invitation(
            community_id=community.pk,
            volunteer=v,
            sent_by=actor,
            message=(message or "").strip()[:200],
            sent_at=now,
            **need,
        )  # fmt: skip
        for v in volunteers
        if v.pk not in asked
    ]
    with transaction.atomic():
        Invitation.objects.bulk_create(rows)
        Volunteer.objects.in_community(community.pk).filter(pk__in=[r.volunteer_id for r in rows]).update(
            last_invited_at=now
        )
    return len(rows)


@transaction.atomic
def invitation_answer(*, actor, invitation: Invitation, accept: bool) -> Invitation:
    """Accepting a project claims it, a duty signs up for it (both may fail: full)."""
    if not _is_self(actor, invitation.volunteer):
        raise PermissionDeniedError(_("只能答复发给自己的邀请。"))
    status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    changed = (
        Invitation.objects.in_community(invitation.community_id)
        .filter(pk=invitation.pk, status=Invitation.Status.PENDING)
        .update(status=status, answered_at=timezone.now())
    )
    if not changed:
        raise ConflictError(_("这个邀请已经答复过了。"))
    if accept and invitation.project_id:
        project_claim(actor=actor, project=invitation.project, volunteer=invitation.volunteer)
    elif accept and invitation.duty_id:
        duty_signup(actor=actor, duty=invitation.duty, volunteer=invitation.volunteer)
    invitation.status = status
    return invitation
