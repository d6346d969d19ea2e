"""A resident's login account linked to his registry record: what the account's own pages ("我的信息",
his cases and volunteering) read. Linking hands that account the record's personal data (the own-data
download holds the full ID number), so it is the job of whoever manages the community's accounts
(MANAGE_STAFF, docs/PERMISSIONS.md). Each link and unlink is a history row and an access-log row."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from linli.core.audit import access_log_write
from linli.core.errors import DomainError
from linli.core.models import AccessLog
from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.people.models import Resident
from linli.tenancy.models import Membership
from linli.tenancy.permissions import MANAGE_STAFF, Role


class AccountLinkError(DomainError):
    pass


NOT_ALLOWED = _("只有管理本社区账号的人员（社区书记）可以关联或解除居民账号。")
NOT_A_RESIDENT_ACCOUNT = _("只能关联本社区的居民账号。")
ACCOUNT_LINKED = _("该账号已关联其他居民登记信息，请先解除。")
RECORD_LINKED = _("这位居民已关联账号，请先解除。")
ERASED = _("已删除个人信息的记录不能关联账号。")
NOT_HERE = _("所选居民不在本社区。")


def can_link(actor, community_id: int) -> bool:
    return scope_for(actor).has(MANAGE_STAFF, community_id)


def _require(actor, community_id: int) -> None:
    if not can_link(actor, community_id):
        raise AccountLinkError(NOT_ALLOWED, code="forbidden")


def linkable_accounts(*, community_id: int) -> QuerySet:
    """Active resident accounts of the community that no record holds yet."""
    members = Membership.objects.filter(community_id=community_id, role=Role.RESIDENT, is_active=True)
    return (
        get_user_model()
        .objects.filter(pk__in=members.values("user_id"), is_active=True, resident__isnull=True)
        .order_by("username")
    )


def resident_for_account(*, actor, community_id: int, pk) -> Resident:
    """The record an account is opened for, from the staff page: of this community, or refused."""
    _require(actor, community_id)
    pk = id_param(pk)
    resident = Resident.objects.in_community(community_id).filter(pk=pk).first() if pk is not None else None
    if resident is None:
        raise AccountLinkError(NOT_HERE, field="resident")
    return resident


def _log(*, actor, resident: Resident, what: str, username: str, request=None) -> None:
    access_log_write(
        actor=actor, action=AccessLog.Action.ACCOUNT, community_id=resident.community_id, subject_type="resident",
        subject_id=resident.pk, fields=[what], reason=username, request=request,
    )  # fmt: skip


@transaction.atomic
def resident_account_link(*, actor, resident: Resident, user_id, request=None) -> Resident:
    from linli.people.services import ERASED_NAME

    _require(actor, resident.community_id)
    resident = Resident.objects.in_community(resident.community_id).select_for_update().get(pk=resident.pk)
    if resident.name == ERASED_NAME:
        raise AccountLinkError(ERASED)
    if resident.user_id:
        raise AccountLinkError(RECORD_LINKED)
    user_id = id_param(user_id)
    user = linkable_accounts(community_id=resident.community_id).filter(pk=user_id).first() if user_id else None
    if user is None:
        if user_id and Resident.objects.unscoped().filter(user_id=user_id).exists():
            raise AccountLinkError(ACCOUNT_LINKED, field="user")
        raise AccountLinkError(NOT_A_RESIDENT_ACCOUNT, field="user")
    resident.user = user
    try:
        with transaction.atomic():
            resident.save(update_fields=["user"])
    except IntegrityError:  # linked to another record meanwhile
        raise AccountLinkError(ACCOUNT_LINKED, field="user") from None
    _log(actor=actor, resident=resident, what="account_link", username=user.username, request=request)
    return resident


@transaction.atomic
def resident_account_unlink(*, actor, resident: Resident, request=None) -> Resident:
    _require(actor, resident.community_id)
    resident = Resident.objects.in_community(resident.community_id).select_for_update().get(pk=resident.pk)
    if resident.user_id is None:
        return resident
    username = get_user_model().objects.get(pk=resident.user_id).username
    resident.user = None
    resident.save(update_fields=["user"])
    _log(actor=actor, resident=resident, what="account_unlink", username=username, request=request)
    return resident


def account_panel(*, actor, resident: Resident) -> dict | None:
    """What the resident page shows of the link, or None for those who may not manage it."""
    if not can_link(actor, resident.community_id):
        return None
    linked = get_user_model().objects.filter(pk=resident.user_id).first() if resident.user_id else None
    return {"linked": linked, "choices": [] if linked else list(linkable_accounts(community_id=resident.community_id))}


@transaction.atomic
def resident_account_link_confirmed(*, actor, resident: Resident, user, request=None) -> Resident:
    """Link a self-registered account to its record once a link request is confirmed. The caller
    (residents.services.link_confirm) checked its own permission and the request; this keeps the
    invariants of every link: one account per record, one record per account, no erased record."""
    from linli.people.services import ERASED_NAME

    resident = Resident.objects.in_community(resident.community_id).select_for_update().get(pk=resident.pk)
    if resident.name == ERASED_NAME:
        raise AccountLinkError(ERASED)
    if resident.user_id and resident.user_id != user.pk:
        raise AccountLinkError(RECORD_LINKED)
    if Resident.objects.unscoped().filter(user_id=user.pk).exclude(pk=resident.pk).exists():
        raise AccountLinkError(ACCOUNT_LINKED, field="user")
    Membership.objects.get_or_create(user=user, role=Role.RESIDENT, community_id=resident.community_id)
    if resident.user_id != user.pk:
        resident.user = user
        resident.save(update_fields=["user"])
    _log(actor=actor, resident=resident, what="account_link", username=user.username, request=request)
    return resident
