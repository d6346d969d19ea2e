"""Link requests: a signed-up account asks to be linked to its registry record by name, ID number
and dwelling; the blind index finds the record; staff of the community confirm or refuse. Every
refusal raises LinkError and changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import crypto
from linli.core.errors import DomainError
from linli.core.identity import InvalidIdentity, mask_id_number, parse_id_number
from linli.core.normalize import normalize_name
from linli.core.scoping import scope_for
from linli.messaging import services as messaging
from linli.people import account_link
from linli.people.models import Resident
from linli.people.selectors import residents_by_keys
from linli.places.models import Dwelling
from linli.residents.models import LinkRequest
from linli.residents.permissions import CONFIRM_LINK, can_confirm
from linli.tenancy.models import Membership


class LinkError(DomainError):
    pass


NO_NAME = _("请填写姓名。")
NO_DWELLING = _("请选择您居住的房屋。")
ALREADY_LINKED = _("您的账号已关联居民登记信息。")
PENDING = _("您已提交关联申请，请等待社区确认。")
RECORD_TAKEN = _("这条登记信息已关联其他账号。如有疑问请到社区居委会核实。")
OTHER_COMMUNITY = _("您登记在其他社区，请选择您登记所在社区的房屋，或到现住社区办理登记。")
NOT_MATCHING = _("身份证号与所填姓名和房屋的登记信息不符，请核对。")
NO_RECORD = _("没有找到与姓名、身份证号和房屋相符的登记信息，请到社区居委会登记。")
NOT_ALLOWED = _("只有本社区工作人员可以确认关联申请。")
DECIDED = _("这条申请已处理过了。")
NEED_REASON = _("请填写不通过的原因，居民会收到这条说明。")


def _dwelling(dwelling_id) -> Dwelling:
    dwelling = Dwelling.objects.unscoped().filter(pk=dwelling_id or 0).select_related("building").first()
    if dwelling is None:
        raise LinkError(NO_DWELLING, field="dwelling")
    return dwelling


def _match(*, community_id: int, name: str, id_number: str, dwelling: Dwelling) -> Resident:
    by_id, _phones = residents_by_keys(community_id, id_numbers=[id_number], phones=[])
    resident = by_id.get(crypto.blind_index(id_number, purpose="id_number"))
    if resident is None:
        elsewhere = Resident.objects.unscoped().filter(
            id_number_bidx=crypto.blind_index(id_number, purpose="id_number")
        )
        if elsewhere.exclude(community_id=community_id).exclude(status=Resident.Status.MOVED_OUT).exists():
            raise LinkError(OTHER_COMMUNITY, field="dwelling", code="other_community")
        if Resident.objects.in_community(community_id).filter(dwelling_id=dwelling.pk, name=name).exists():
            raise LinkError(NOT_MATCHING, field="id_number", code="not_matching")
        raise LinkError(NO_RECORD, code="no_record")
    if normalize_name(resident.name) != name or resident.dwelling_id != dwelling.pk:
        raise LinkError(NOT_MATCHING, field="id_number", code="not_matching")
    return resident


def link_request_create(*, actor, name: str, id_number: str, dwelling_id) -> LinkRequest:
    name = normalize_name(name or "")
    if not name:
        raise LinkError(NO_NAME, field="name")
    try:
        card = parse_id_number(id_number or "")
    except InvalidIdentity as exc:
        raise LinkError(str(exc), field="id_number") from None
    dwelling = _dwelling(dwelling_id)
    community_id = dwelling.community_id
    if Resident.objects.unscoped().filter(user_id=actor.pk).exists():
        raise LinkError(ALREADY_LINKED, code="already_linked")
    if LinkRequest.objects.unscoped().filter(user_id=actor.pk, status=LinkRequest.Status.PENDING).exists():
        raise LinkError(PENDING, code="pending")
    resident = _match(community_id=community_id, name=name, id_number=card.number, dwelling=dwelling)
    if resident.user_id and resident.user_id != actor.pk:
        raise LinkError(RECORD_TAKEN, code="record_linked")
    with transaction.atomic():
        row = LinkRequest.objects.create(
            community_id=community_id, user=actor, name=name, dwelling=dwelling, resident=resident,
            id_number_bidx=crypto.blind_index(card.number, purpose="id_number"), id_masked=mask_id_number(card.number),
        )  # fmt: skip
        staff = Membership.objects.filter(community_id=community_id, is_active=True, role__in=_confirming_roles())
        messaging.notify_many(
            list(staff.values_list("user_id", flat=True).distinct()), "link_pending",
            {"name": name[:1] + "*" * (len(name) - 1)}, community=community_id, link="/residents/requests/",
        )  # fmt: skip
    return row


def _confirming_roles() -> list[str]:
    from linli.core import modules

    return [role for role, codes in modules.role_grants().items() if CONFIRM_LINK in codes]


def _locked(row: LinkRequest, actor) -> LinkRequest:
    if not can_confirm(scope_for(actor), row.community_id):
        raise LinkError(NOT_ALLOWED, code="forbidden")
    row = LinkRequest.objects.in_community(row.community_id).select_for_update().get(pk=row.pk)
    if row.status != LinkRequest.Status.PENDING:
        raise LinkError(DECIDED, code="decided")
    return row


@transaction.atomic
def link_confirm(*, actor, link_request: LinkRequest, request=None) -> LinkRequest:
    row = _locked(link_request, actor)
    if row.resident is None:
        raise LinkError(NO_RECORD, code="no_record")
    try:
        account_link.resident_account_link_confirmed(actor=actor, resident=row.resident, user=row.user, request=request)
    except account_link.AccountLinkError as exc:
        raise LinkError(RECORD_TAKEN if exc.message == account_link.RECORD_LINKED else exc.message) from None
    row.status, row.decided_by, row.decided_at = LinkRequest.Status.CONFIRMED, actor, timezone.now()
    row.save(update_fields=["status", "decided_by", "decided_at"])
    messaging.notify(row.user, "link_confirmed", {"community": row.community.name}, community=row.community_id,
                     link="/me/")  # fmt: skip
    return row


@transaction.atomic
def link_refuse(*, actor, link_request: LinkRequest, reason: str) -> LinkRequest:
    reason = (reason or "").strip()
    if not reason:
        raise LinkError(NEED_REASON, field="reason")
    row = _locked(link_request, actor)
    row.status, row.decided_by, row.decided_at, row.reason = (
        LinkRequest.Status.REFUSED,
        actor,
        timezone.now(),
        reason[:200],
    )
    row.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    messaging.notify(row.user, "link_refused", {"reason": row.reason}, community=row.community_id,
                     link="/residents/start/")  # fmt: skip
    return row
