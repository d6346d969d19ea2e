"""Registering volunteers: by staff, by a resident himself from the phone, an in-service party member
whose report-in was confirmed; leaving; moving to another community with his hours and points."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.scoping import forget_scope
from linli.core.typing import account_of
from linli.people import free_time
from linli.people.models import Resident, Talent
from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import PointEntry, Volunteer
from linli.volunteering.services.common import (
    Actor,
    VolunteeringError,
    can_manage,
    clean_kinds,
    clean_skills,
    is_self,
    place_in,
    require_manage,
)


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


def _resident_for(community: Community, resident_id: int | None) -> Resident | None:
    if not resident_id:
        return None
    resident = (
        Resident.objects.in_community(community.pk)
        .select_related("dwelling__building__compound")
        .filter(pk=resident_id, status=Resident.Status.ACTIVE)
        .first()
    )
    if resident is None:
        raise VolunteeringError(_("所选居民不在本社区（或已迁出）。"), field="resident")
    return resident


@transaction.atomic
def volunteer_save(
    *, actor: Actor, community: Community, data: VolunteerInput, volunteer: Volunteer | None = None
) -> Volunteer:
    """Register a volunteer (a resident of the community, or anyone by name) or change one."""
    require_manage(actor, community.pk)
    resident = _resident_for(community, data.resident_id)
    name = (data.name or (resident.name if resident else "")).strip()
    if not name:
        raise VolunteeringError(_("请填写志愿者姓名，或选择一位居民。"), field="name")
    compound, building = place_in(community.pk, data.compound_id, data.building_id)
    if resident and resident.dwelling is not None and not (compound or building):
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
    row.free_slots = int(data.free_slots or 0) & free_time.ALL
    row.kinds = clean_kinds(data.kinds)
    row.workplace = (data.workplace or "").strip()[:100]
    row.note = (data.note or "").strip()[:200]
    row.in_service = bool(data.in_service) or row.in_service
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("这位居民已经是本社区的志愿者了。"), field="resident", code="duplicate") from None
    if volunteer is None:
        events.volunteer_registered(actor=actor, volunteer=row)
    else:
        events.volunteer_updated(actor=actor, volunteer=row)
    if row.user_id:
        forget_scope(actor)
    return row


@transaction.atomic
def volunteer_join(
    *, actor: Actor, community: Community, skills: str | list = "", free_slots: int = 0, kinds: list | None = None
) -> Volunteer:
    """A resident signs himself up from the phone (我要当志愿者), from his registry record."""
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
    building = resident.dwelling.building if resident.dwelling is not None else None
    row = Volunteer(
        community=community,
        user=actor,
        resident=resident,
        name=resident.name,
        building=building,
        compound_id=building.compound_id if building else None,
        grid_id=building.grid_id if building else None,
        skills=clean_skills(list(clean_skills(skills)) + talents),
        free_slots=(int(free_slots or 0) & free_time.ALL) or free_time.from_text(resident.free_time),
        kinds=clean_kinds(kinds),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("您已经是本社区的志愿者了。"), code="duplicate") from None
    events.volunteer_joined(actor=actor, volunteer=row)
    forget_scope(actor)
    return row


def enlist_in_service_member(
    *,
    actor: Actor,
    community: Community,
    user: Actor | None,
    name: str,
    compound_id: int | None = None,
    skills: Iterable[str] = (),
    free_slots: int = 0,
    kinds: Iterable[str] = (),
    workplace: str = "",
    joined_on: dt.date | None = None,
) -> Volunteer:
    """An in-service party member whose reporting-in was confirmed (the party app checked that right)
    serves as a volunteer here: his existing registration is marked, or one is made."""
    account = account_of(user)
    row = (
        Volunteer.objects.in_community(community.pk)
        .select_for_update()
        .filter(user_id=account.pk, status=Volunteer.Status.ACTIVE)
        .first()
        if account is not None
        else None
    )
    if row is None:
        compound, _building = place_in(community.pk, compound_id, None)
        row = Volunteer(community=community, user=account, name=name[:50], compound=compound, created_by=actor)
        if joined_on is not None:
            row.joined_on = joined_on
    row.in_service = True
    row.workplace = (workplace or row.workplace)[:100]
    row.skills = clean_skills(list(row.skills or []) + list(skills or []))
    row.free_slots = (row.free_slots | int(free_slots or 0)) & free_time.ALL
    row.kinds = clean_kinds(list(row.kinds or []) + list(kinds or []))
    row.save()
    events.volunteer_enlisted(actor=actor, volunteer=row)
    return row


def lock(volunteer: Volunteer) -> Volunteer:
    return Volunteer.objects.in_community(volunteer.community_id).select_for_update().get(pk=volunteer.pk)


@transaction.atomic
def volunteer_leave(*, actor: Actor, volunteer: Volunteer) -> None:
    if not (can_manage(actor, volunteer.community_id) or is_self(actor, volunteer)):
        raise PermissionDeniedError(_("只有社区工作人员或本人可以办理退出。"))
    changed = (
        Volunteer.objects.in_community(volunteer.community_id)
        .filter(pk=volunteer.pk, status=Volunteer.Status.ACTIVE)
        .update(status=Volunteer.Status.LEFT, left_on=timezone.localdate())
    )
    if not changed:
        raise ConflictError(_("这位志愿者已经不在册了。"))
    events.volunteer_left(actor=actor, volunteer=volunteer)


def _move_target(community_code: str) -> Community:
    code = (community_code or "").strip()
    target = Community.objects.filter(code=code).first() if code else None
    if target is None:
        raise VolunteeringError(
            _("没有代码为“%(code)s”的社区。请向新社区的工作人员问清社区代码。") % {"code": code[:30]},
            field="community",
            code="unknown_community",
        )
    return target


@transaction.atomic
def volunteer_move(*, actor: Actor, volunteer: Volunteer, community_code: str) -> Volunteer:
    """He moved: register him with the new community, bringing his verified hours, star and points.
    The old registration stays where it was (its hours still count for that community's totals)."""
    if not (is_self(actor, volunteer) or can_manage(actor, volunteer.community_id)):
        raise PermissionDeniedError(_("只有本人或原社区工作人员可以办理转社区。"))
    target = _move_target(community_code)
    old = lock(volunteer)
    if old.status != Volunteer.Status.ACTIVE:
        raise ConflictError(_("这份志愿者登记已经不在册（已退出或已转出）。"))
    if target.pk == old.community_id:
        raise VolunteeringError(_("您已经在这个社区登记了。"), field="community")
    if old.user_id and Volunteer.objects.in_community(target).filter(user_id=old.user_id, status="active").exists():
        raise VolunteeringError(_("您在新社区已经有志愿者登记了。"), field="community")
    came_from = _("由%(name)s转入") % {"name": old.community.name}
    new = Volunteer.objects.create(
        community=target,
        person=old.person,
        user_id=old.user_id,
        name=old.name,
        skills=old.skills,
        free_slots=old.free_slots,
        kinds=old.kinds,
        in_service=old.in_service,
        workplace=old.workplace,
        carried_minutes=old.total_minutes,
        star=old.star,
        points_balance=old.points_balance,
        created_by=actor,
        note=came_from,
    )
    if old.points_balance:
        note = _("转往%(name)s") % {"name": target.name}
        PointEntry.objects.create(
            community_id=old.community_id, volunteer=old, kind="out", points=-old.points_balance, note=note, by=actor
        )
        PointEntry.objects.create(
            community=target, volunteer=new, kind="in", points=old.points_balance, note=came_from, by=actor
        )
    Volunteer.objects.in_community(old.community_id).filter(pk=old.pk).update(
        status=Volunteer.Status.MOVED, moved_to=target, left_on=timezone.localdate(), points_balance=0
    )
    events.volunteer_moved(actor=actor, old=old, new=new, target_name=target.name, source_name=old.community.name)
    forget_scope(actor)
    return new
