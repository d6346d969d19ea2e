"""The community's staff roster: accounts, their role here, their grid or building. Each change
leaves an event row on the role (staff/events.py); a password set here also shows on the account's
own security timeline (core.accounts.password_changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from linli.core.accounts import password_changed
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.people import account_link
from linli.places.models import Building, BuildingHead, Grid, GridAssignment
from linli.staff import events
from linli.tenancy.models import Membership, PartnerOrg
from linli.tenancy.permissions import MANAGE_STAFF, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community


class StaffError(DomainError):
    pass


NOT_ALLOWED = _("只有社区书记可以管理工作人员账号。")
USERNAME_TAKEN = _("账号“%(username)s”已被使用，请换一个（如加上社区代码：xianhu.zhang）。")
USERNAME_INVALID = _("账号只能用字母、数字和 . _ - 组成。")
ROLE_NOT_HERE = _("这个角色不能在社区内设置。")
GRID_REQUIRED = _("网格员须选择负责的网格。")
BUILDING_REQUIRED = _("楼长须选择所在楼栋。")
PARTNER_REQUIRED = _("物业、业委会人员须选择所属单位。")
OTHER_COMMUNITY = _("所选网格、楼栋或单位不属于本社区。")
LAST_SECRETARY = _("不能停用本社区最后一位书记的账号。")
RESIDENT_ROLE_ONLY = _("从居民登记信息开通的账号，角色须为“居民”。")
NOT_YOURS_TO_RESET = _("这个账号在其他社区或街道也有角色，或是系统管理员：只能由本人或系统管理员重设密码。")

COMMUNITY_ROLES = [r for r in Role if r != Role.SUPERVISOR]


def _require(actor: User, community_id: int | None) -> int:
    """The community the actor manages staff in (a role of no community, e.g. a supervisor's, is no one's)."""
    if community_id is None or not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise StaffError(NOT_ALLOWED, code="forbidden")
    return community_id


def _password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise StaffError(" ".join(exc.messages), field="password") from None


def _scope_object(model, pk, community_id, message):
    if pk is None:
        raise StaffError(message, field={Grid: "grid", Building: "building", PartnerOrg: "partner_org"}[model])
    obj = model.dangerously_unscoped.filter(pk=pk).first()
    if obj is None or obj.community_id != community_id:
        raise StaffError(OTHER_COMMUNITY)
    return obj


@transaction.atomic
def staff_add(
    *,
    actor: User,
    community: Community,
    username: str,
    full_name: str,
    role: str,
    password: str,
    grid_id: int | None = None,
    building_id: int | None = None,
    partner_org_id: int | None = None,
    resident_id: int | None = None,
) -> Membership:
    """Open an account with its role here; `resident_id`: a resident account linked to that record."""
    _require(actor, community.pk)
    username = username.strip()
    if not username or not all(ch.isalnum() or ch in "._-" for ch in username):
        raise StaffError(USERNAME_INVALID, field="username")
    if role not in COMMUNITY_ROLES:
        raise StaffError(ROLE_NOT_HERE, field="role")
    User = get_user_model()
    user = User(username=username, first_name=full_name.strip()[:150])
    _password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise StaffError(USERNAME_TAKEN % {"username": username}, field="username") from None
    partner = None
    if role in (Role.PROPERTY, Role.HOA):
        partner = _scope_object(PartnerOrg, partner_org_id, community.pk, PARTNER_REQUIRED)
    membership = Membership.objects.create(user=user, role=role, community=community, partner_org=partner)
    if role == Role.GRID_WORKER:
        grid = _scope_object(Grid, grid_id, community.pk, GRID_REQUIRED)
        GridAssignment.objects.create(community=community, grid=grid, user=user)
    if role == Role.BUILDING_HEAD:
        building = _scope_object(Building, building_id, community.pk, BUILDING_REQUIRED)
        BuildingHead.objects.create(community=community, building=building, user=user)
    if resident_id is not None:
        if role != Role.RESIDENT:
            raise StaffError(RESIDENT_ROLE_ONLY, field="role")
        resident = account_link.resident_for_account(actor=actor, community_id=community.pk, pk=resident_id)
        account_link.resident_account_link(actor=actor, resident=resident, user_id=user.pk)
    events.staff_added_event(membership=membership, actor=actor)
    return membership


@transaction.atomic
def staff_deactivate(*, actor: User, membership: Membership) -> Membership:
    community_id = _require(actor, membership.community_id)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.role == Role.SECRETARY:
        others = Membership.objects.filter(community_id=community_id, role=Role.SECRETARY, is_active=True)
        if not others.exclude(pk=membership.pk).exists():
            raise StaffError(LAST_SECRETARY)
    was_active = membership.is_active
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    GridAssignment.objects.in_community(community_id).filter(user_id=membership.user_id).delete()
    BuildingHead.objects.in_community(community_id).filter(user_id=membership.user_id).delete()
    if was_active:
        events.staff_deactivated_event(membership=membership, actor=actor)
    return membership


def _require_wholly_managed(actor: User, user: User) -> None:
    """An account is global: a secretary may set the password only of one whose every active role is
    in a community he manages (else a role elsewhere, e.g. from a report-in, would hand him that
    account and all it sees). Administrators' accounts are never a secretary's to reset."""
    scope = scope_for(actor)
    if scope.is_superuser and not user.is_superuser:
        return
    if user.is_superuser or user.is_staff:
        raise StaffError(NOT_YOURS_TO_RESET, code="forbidden")
    for community_id in Membership.objects.filter(user=user, is_active=True).values_list("community_id", flat=True):
        if community_id is None or not scope.has(MANAGE_STAFF, community_id):
            raise StaffError(NOT_YOURS_TO_RESET, code="forbidden")


@transaction.atomic
def staff_set_password(*, actor: User, membership: Membership, password: str) -> None:
    _require(actor, membership.community_id)
    user = get_user_model().objects.select_for_update().get(pk=membership.user_id)
    _require_wholly_managed(actor, user)
    _password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    password_changed(user=user, actor=actor)
    events.staff_password_reset_event(membership=membership, actor=actor)
