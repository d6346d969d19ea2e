"""Changing the party organisation tree and its members; each change leaves an event row (party/events.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.party import events
from linli.party.models import PartyCandidate, PartyMember, PartyOrg, ReportIn
from linli.party.permissions import MANAGE_PARTY
from linli.people.models import Household, Resident
from linli.places.models import Building, Grid
from linli.tenancy.models import Community, Membership
from linli.tenancy.permissions import Role
from linli.volunteering import services as volunteering

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.core.scoping import TenantModel

PLACE_FOR_LEVEL: dict[str, tuple[str, type[TenantModel]]] = {
    PartyOrg.Level.BRANCH: ("grid", Grid),
    PartyOrg.Level.GROUP: ("building", Building),
    PartyOrg.Level.CENTER: ("household", Household),
}


class PartyError(DomainError):
    pass


def _require(actor: User, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_PARTY, community_id):
        raise PermissionDeniedError(_("只有社区书记或党组织书记可以维护党组织。"))


@transaction.atomic
def org_save(*, actor: User, community: Community, org: PartyOrg | None, name: str, level: str,
             parent: PartyOrg | None, place_id: int | None = None, leader: str = "") -> PartyOrg:  # fmt: skip
    """Create or change a node. Its level must sit right under its parent's, and it is tied to the
    grid (党支部), building (党小组) or household (党员中心户) it covers."""
    _require(actor, community.pk)
    name = (name or "").strip()
    if not name:
        raise PartyError(_("请填写组织名称。"), field="name")
    if level not in PartyOrg.Level.values:
        raise PartyError(_("请选择层级。"), field="level")
    if parent is not None and parent.community_id != community.pk:
        raise PartyError(_("上级组织不在本社区。"), field="parent")
    expected = PartyOrg.PARENT_LEVEL.get(PartyOrg.Level(level))
    if level == PartyOrg.Level.COMMITTEE and parent is not None:
        raise PartyError(_("社区党委是最上一级，没有上级组织。"), field="parent")
    if expected and (parent is None or parent.level != expected):
        raise PartyError(
            _("%(level)s的上级应是%(parent)s。")
            % {"level": PartyOrg.Level(level).label, "parent": PartyOrg.Level(expected).label},
            field="parent",
        )
    org = org or PartyOrg(community=community)
    if org.pk and parent is not None and _is_below(parent, org):
        raise PartyError(_("不能把组织挂到它自己的下级下面。"), field="parent")
    created, before = org.pk is None, _org_values(org)
    org.name, org.level, org.parent, org.leader = name[:100], level, parent, (leader or "").strip()[:50]
    org.grid = org.building = org.household = None
    if level in PLACE_FOR_LEVEL:
        field, model = PLACE_FOR_LEVEL[level]
        if place_id:
            place = model.objects.in_community(community).filter(pk=place_id).first()
            if place is None:
                raise PartyError(_("所选网格、楼栋或户不在本社区。"), field="place")
            setattr(org, field, place)
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        if parent is None:
            raise PartyError(_("本社区已有社区党委，每个社区只有一个。"), field="level") from None
        raise PartyError(_("同一上级下已有同名组织。"), field="name") from None
    if created:
        events.org_created_event(org=org, actor=actor)
    elif changed := [k for k, v in _org_values(org).items() if before[k] != v]:
        events.org_edited_event(org=org, actor=actor, changed=changed)
    return org


def _org_values(org: PartyOrg) -> dict[str, object]:
    fields = ("name", "level", "parent_id", "leader", "grid_id", "building_id", "household_id")
    return {f: getattr(org, f) for f in fields}


def _is_below(node: PartyOrg | None, ancestor: PartyOrg) -> bool:
    while node is not None:
        if node.pk == ancestor.pk:
            return True
        node = node.parent
    return False


@transaction.atomic
def member_add(*, actor: User, org: PartyOrg, resident_id: int | None = None, name: str = "", kind: str = "full",
               joined_on: dt.date | None = None, note: str = "", work_status: str = "") -> PartyMember:  # fmt: skip
    _require(actor, org.community_id)
    resident = None
    if resident_id:
        resident = Resident.objects.in_community(org.community_id).filter(pk=resident_id).first()
        if resident is None:
            raise PartyError(_("所选居民不在本社区。"), field="resident")
        name = resident.name
    name = (name or "").strip()
    if not name:
        raise PartyError(_("请选择居民或填写姓名（组织关系在本社区、住在外面的党员）。"), field="name")
    _check_member_values(kind, joined_on, work_status)
    member = PartyMember(
        community_id=org.community_id, org=org, resident=resident, name=name[:50], kind=kind, joined_on=joined_on,
        registered_on=timezone.localdate(), note=(note or "").strip()[:200], recorded_by=actor,
        work_status=work_status,
    )  # fmt: skip
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise PartyError(_("%(name)s已是本社区党员，请在其所在组织调整。") % {"name": name}, field="resident") from None
    if resident is not None:  # a candidate waiting for him is settled by this
        PartyCandidate.objects.in_community(org.community_id).filter(
            resident=resident, status=PartyCandidate.Status.PENDING
        ).update(status=PartyCandidate.Status.CONFIRMED, member=member, decided_by=actor, decided_at=timezone.now())
    events.member_added_event(member=member, actor=actor)
    return member


def _check_member_values(kind: str, joined_on: dt.date | None, work_status: str) -> None:
    if kind not in PartyMember.Kind.values:
        raise PartyError(_("请选择党员类别。"), field="kind")
    if joined_on is not None and joined_on > timezone.localdate():
        raise PartyError(_("入党日期不能晚于今天。"), field="joined_on")
    if work_status not in PartyMember.WorkStatus.values:
        raise PartyError(_("请选择在职或离退休。"), field="work_status")


@transaction.atomic
def member_change(*, actor: User, member: PartyMember, org: PartyOrg, kind: str, joined_on: dt.date | None,
                  work_status: str) -> PartyMember:  # fmt: skip
    """A member's node, kind, joining date or work (from the party roll's import)."""
    _require(actor, member.community_id)
    if org.community_id != member.community_id:
        raise PartyError(_("所选党组织不在本社区。"), field="org")
    _check_member_values(kind, joined_on, work_status)
    member = PartyMember.objects.in_community(member.community_id).select_for_update().get(pk=member.pk)
    values = {"org_id": org.pk, "kind": kind, "joined_on": joined_on, "work_status": work_status}
    changed = [f for f, v in values.items() if getattr(member, f) != v]
    if changed:
        for f, v in values.items():
            setattr(member, f, v)
        member.save(update_fields=[f.removesuffix("_id") for f in changed])
        events.member_changed_event(member=member, actor=actor, changed=changed)
    return member


@transaction.atomic
def member_leave(*, actor: User, member: PartyMember, on: dt.date | None = None) -> PartyMember:
    """Membership moved elsewhere (组织关系转出): kept with its dates, no longer counted."""
    _require(actor, member.community_id)
    member = PartyMember.objects.in_community(member.community_id).select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise PartyError(_("该党员已转出。"))
    member.left_on = on or timezone.localdate()
    member.save(update_fields=["left_on"])
    events.member_left_event(member=member, actor=actor)
    return member


# -- in-service members reporting in (在职党员报到) ------------------------------------------------


@dataclass
class ReportInInput:
    community_code: str = ""
    name: str = ""
    workplace: str = ""
    own_org: str = ""
    compound_id: int | None = None
    skills: list | str = ""
    free_slots: int = 0
    kinds: list | None = None
    commitment_hours: int | None = 12


@transaction.atomic
def report_in(*, actor: User, data: ReportInInput) -> ReportIn:
    """A member working elsewhere reports to a community, from his phone. Staff confirm it."""
    code = (data.community_code or "").strip()
    community = Community.objects.filter(code=code).first() if code else None
    if community is None:
        raise PartyError(
            _("没有代码为“%(code)s”的社区。请向社区工作人员问清社区代码，或扫社区的报到二维码。") % {"code": code[:30]},
            field="community",
            code="unknown_community",
        )
    name = (data.name or "").strip()
    if not name:
        raise PartyError(_("请填写姓名。"), field="name")
    workplace, own_org = (data.workplace or "").strip(), (data.own_org or "").strip()
    if not workplace:
        raise PartyError(_("请填写工作单位。"), field="workplace")
    if not own_org:
        raise PartyError(_("请填写所在党组织（如：区教育局机关党支部）。"), field="own_org")
    hours = data.commitment_hours
    if hours is None or not 1 <= hours <= 500:
        raise PartyError(_("年度承诺服务时长请填1到500小时。"), field="commitment_hours")
    compound = None
    if data.compound_id:
        from linli.places.models import Compound

        compound = Compound.objects.in_community(community.pk).filter(pk=data.compound_id).first()
        if compound is None:
            raise PartyError(_("所选小区不在这个社区。"), field="compound")
    row = ReportIn(
        community=community, user=actor, name=name[:50], workplace=workplace[:100], own_org=own_org[:100],
        compound=compound, skills=volunteering.clean_skills(data.skills), free_slots=int(data.free_slots or 0),
        kinds=volunteering.clean_kinds(data.kinds), commitment_hours=hours,
    )  # fmt: skip
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise PartyError(
            _("您已经向%(name)s报到过了，请等待社区确认或查看报到状态。") % {"name": community.name}, code="duplicate"
        ) from None
    events.report_in_submitted_event(row=row, actor=actor)
    return row


@transaction.atomic
def report_in_confirm(*, actor: User, row: ReportIn) -> ReportIn:
    """Staff confirm: he serves as a volunteer of the community (his existing registration, or a new
    one) and gets the community's in-service member role for his phone pages."""
    _require(actor, row.community_id)
    changed = (
        ReportIn.objects.in_community(row.community_id)
        .filter(pk=row.pk, status=ReportIn.Status.PENDING)
        .update(status=ReportIn.Status.CONFIRMED, decided_by=actor, decided_at=timezone.now())
    )
    if not changed:
        raise PartyError(_("这份报到已经处理过了。"), code="conflict")
    volunteer = volunteering.enlist_in_service_member(
        actor=actor, community=row.community, user=row.user, name=row.name, compound_id=row.compound_id,
        skills=row.skills, free_slots=row.free_slots, kinds=row.kinds, workplace=row.workplace,
    )  # fmt: skip
    ReportIn.objects.in_community(row.community_id).filter(pk=row.pk).update(volunteer=volunteer)
    if row.user_id and not Membership.objects.filter(user_id=row.user_id, community_id=row.community_id).exists():
        Membership.objects.create(user_id=row.user_id, community_id=row.community_id, role=Role.PARTY_MEMBER)
    row.refresh_from_db()
    events.report_in_confirmed_event(row=row, actor=actor)
    return row


@transaction.atomic
def report_in_decline(*, actor: User, row: ReportIn, reason: str) -> None:
    _require(actor, row.community_id)
    reason = (reason or "").strip()
    if not reason:
        raise PartyError(_("请写明原因，报到人会看到。"), field="reason")
    changed = (
        ReportIn.objects.in_community(row.community_id)
        .filter(pk=row.pk, status=ReportIn.Status.PENDING)
        .update(status=ReportIn.Status.DECLINED, decided_by=actor, decided_at=timezone.now(), decline_reason=reason)
    )
    if not changed:
        raise PartyError(_("这份报到已经处理过了。"), code="conflict")
    events.report_in_declined_event(row=row, actor=actor, reason=reason)


@transaction.atomic
def report_in_end(*, actor: User, row: ReportIn) -> None:
    """He no longer serves here (moved, changed jobs): kept, no longer counted."""
    if not (scope_for(actor).has(MANAGE_PARTY, row.community_id) or row.user_id == getattr(actor, "pk", None)):
        raise PermissionDeniedError(_("只有社区书记、党组织书记或本人可以结束报到。"))
    changed = (
        ReportIn.objects.in_community(row.community_id)
        .filter(pk=row.pk, status__in=[ReportIn.Status.PENDING, ReportIn.Status.CONFIRMED])
        .update(status=ReportIn.Status.ENDED, decided_at=timezone.now())
    )
    if not changed:
        raise PartyError(_("这份报到已经结束了。"), code="conflict")
    events.report_in_ended_event(row=row, actor=actor)


def commitments(community_id: int, rows, year: int) -> list[dict]:
    """Each confirmed member's yearly commitment against his verified hours in the community."""
    from linli.volunteering.selectors import verified_hours_in

    rows = list(rows)
    done = verified_hours_in(community_id, [r.volunteer_id for r in rows if r.volunteer_id], year)
    out = []
    for row in rows:
        # verified_hours_in's values are (hours, count) pairs, whatever its annotation says
        hours, count = cast(tuple[float, int], done.get(row.volunteer_id, (0, 0)))
        share = min(100, round(100 * hours / row.commitment_hours)) if row.commitment_hours else 0
        out.append({"row": row, "hours": hours, "count": count, "share": share})
    return out
