"""Changing the party organisation tree and its members."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.party.models import PartyMember, PartyOrg
from linli.people.models import Household, Resident
from linli.places.models import Building, Grid
from linli.tenancy.permissions import MANAGE_PARTY

PLACE_FOR_LEVEL = {
    PartyOrg.Level.BRANCH: ("grid", Grid),
    PartyOrg.Level.GROUP: ("building", Building),
    PartyOrg.Level.CENTER: ("household", Household),
}


class PartyError(DomainError):
    pass


def _require(actor, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_PARTY, community_id):
        raise PermissionDeniedError(_("只有社区书记或党组织书记可以维护党组织。"))


@transaction.atomic
def org_save(*, actor, community, org: PartyOrg | None, name: str, level: str, parent: PartyOrg | None,
             place_id: int | None = None, leader: str = "") -> PartyOrg:  # fmt: skip
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
    expected = PartyOrg.PARENT_LEVEL.get(level)
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
    return org


def _is_below(node: PartyOrg, ancestor: PartyOrg) -> bool:
    while node is not None:
        if node.pk == ancestor.pk:
            return True
        node = node.parent
    return False


@transaction.atomic
def member_add(*, actor, org: PartyOrg, resident_id: int | None = None, name: str = "", kind: str = "full",
               joined_on: dt.date | None = None, note: str = "") -> PartyMember:  # fmt: skip
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
    if kind not in PartyMember.Kind.values:
        raise PartyError(_("请选择党员类别。"), field="kind")
    if joined_on is not None and joined_on > timezone.localdate():
        raise PartyError(_("入党日期不能晚于今天。"), field="joined_on")
    member = PartyMember(
        community_id=org.community_id, org=org, resident=resident, name=name[:50], kind=kind, joined_on=joined_on,
        registered_on=timezone.localdate(), note=(note or "").strip()[:200], recorded_by=actor,
    )  # fmt: skip
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise PartyError(_("%(name)s已是本社区党员，请在其所在组织调整。") % {"name": name}, field="resident") from None
    return member


@transaction.atomic
def member_leave(*, actor, member: PartyMember, on: dt.date | None = None) -> PartyMember:
    """Membership moved elsewhere (组织关系转出): kept with its dates, no longer counted."""
    _require(actor, member.community_id)
    if member.left_on is not None:
        raise PartyError(_("该党员已转出。"))
    member.left_on = on or timezone.localdate()
    member.save(update_fields=["left_on"])
    return member
