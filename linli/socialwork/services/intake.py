"""Referral to the social workers and intake with consent (接案)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.messaging import services as messaging
from linli.socialwork.events import case_event
from linli.socialwork.models import Case, Source
from linli.socialwork.permissions import REFER_CLIENT
from linli.socialwork.services.common import (
    SocialWorkError,
    a_date,
    case_for_update,
    require_practitioner,
    text,
    today,
)

CONSENT_WAYS = ("signed", "verbal", "guardian")

SOURCES_WITH_RECORD = (Source.VISIT, Source.CARE_PLAN, Source.CASE)  # referred once per record and person


def _client(actor, client_id, community_id: int):
    from linli.people.selectors import get_resident_for

    try:
        client = get_resident_for(actor, client_id)
    except Http404:
        client = None
    if client is None or client.community_id != community_id:
        raise SocialWorkError(_("找不到这位居民。"), field="client")
    return client


def _check_source(actor, *, source: str, source_id, client, partner_name: str) -> int | None:
    if source not in Source.values:
        raise SocialWorkError(_("请选择转介来源。"), field="source")
    if source == Source.PARTNER and not partner_name:
        raise SocialWorkError(_("合作单位转介须写明转介单位。"), field="partner_name")
    if source not in (Source.VISIT, Source.CARE_PLAN, Source.CASE):
        return None
    from linli.care import selectors as care
    from linli.cases import selectors as cases

    loaders: dict[str, Any] = {
        Source.VISIT: care.get_visit_for,
        Source.CARE_PLAN: care.get_plan_for,
        Source.CASE: cases.get_case_for,
    }
    try:
        record = loaders[source](actor, source_id)
    except Http404:
        raise SocialWorkError(_("找不到转介所依据的记录。"), field="source_id") from None
    if record.community_id != client.community_id:
        raise SocialWorkError(_("找不到转介所依据的记录。"), field="source_id")
    if source == Source.VISIT and client.pk not in (record.seen or []):
        raise SocialWorkError(_("这位居民不在该次走访见到的人中。"), field="client")
    if source == Source.CARE_PLAN and record.resident_id != client.pk:
        raise SocialWorkError(_("这个关爱计划不是这位居民的。"), field="client")
    return record.pk


def _next_number(community_id: int) -> str:
    year = today().year
    prefix = f"SW{year}"
    last = Case.objects.in_community(community_id).filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    seq = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


@transaction.atomic
def case_refer(
    *, actor, community_id: int, client_id, source: str, reason: str, source_id=None, partner_name: str = ""
) -> Case:
    """Any staff member refers a resident (from a visit, a care plan, a case, a partner or herself)."""
    if not scope_for(actor).has(REFER_CLIENT, community_id):
        raise PermissionDeniedError(_("您没有转介社工服务的权限。"))
    client = _client(actor, client_id, community_id)
    partner_name = text(partner_name, field="partner_name", label=_("转介单位"), max_length=100, required=False)
    reason = text(reason, field="reason", label=_("转介原因"), max_length=2000)
    ref = _check_source(actor, source=source, source_id=source_id, client=client, partner_name=partner_name)
    ended = (Case.Status.CLOSED, Case.Status.DECLINED)
    pending = Case.objects.in_community(community_id).filter(client=client).exclude(status__in=ended)
    if pending.exists():
        raise SocialWorkError(_("这位居民已有未结的个案，请联系其社工。"), field="client", code="duplicate")
    if ref is not None and source in SOURCES_WITH_RECORD:
        earlier = (
            Case.objects.in_community(community_id).filter(client=client, source=source, source_id=ref)
            .exclude(status=Case.Status.DECLINED).first()
        )  # fmt: skip
        if earlier is not None:
            raise SocialWorkError(
                _("已从这条记录转介过这位居民（个案%(number)s，已结案）；如需继续服务，请社工在原个案上重新开案。")
                % {"number": earlier.number}, field="client", code="duplicate",
            )  # fmt: skip
    case = Case.objects.create(
        community_id=community_id, number=_next_number(community_id), client=client, source=source, source_id=ref,
        partner_name=partner_name, referral_reason=reason, referred_by=actor,
    )  # fmt: skip
    case_event("case_referred", case=case, actor=actor, source=source)
    return case


@transaction.atomic
def case_decline(*, actor, case: Case, reason: str) -> Case:
    """A social worker of the community does not take a referral (not for social work, or already served
    elsewhere), saying why; the resident may be referred again later."""
    require_practitioner(actor, case.community_id)
    case = case_for_update(actor, case)
    if case.status != Case.Status.REFERRED:
        raise SocialWorkError(_("这个转介已经有社工接案，或已处理。"), code="state")
    why = text(reason, field="reason", label=_("不予接案的原因"), max_length=300)
    case.status, case.closure_reason, case.closed_by, case.closed_at = Case.Status.DECLINED, why, actor, timezone.now()
    case.save(update_fields=["status", "closure_reason", "closed_by", "closed_at"])
    case_event("referral_declined", case=case, actor=actor, note=why)
    if case.referred_by_id != actor.pk:  # the one who referred is told why, on his bell
        messaging.notify(case.referred_by_id, "socialwork_referral_declined", {"number": case.number, "reason": why},
                         community=case.community_id, link=reverse("socialwork:refer"))  # fmt: skip
    return case


@transaction.atomic
def case_intake(*, actor, case: Case, consent_how: str, intake_date, consent_note: str = "") -> Case:
    """A social worker takes the referral: not without the client's consent recorded."""
    me = require_practitioner(actor, case.community_id)
    case = case_for_update(actor, case)
    if case.status != Case.Status.REFERRED:
        raise SocialWorkError(_("这个转介已经有社工接案。"), code="state")
    if consent_how not in CONSENT_WAYS:
        raise SocialWorkError(_("未记录服务对象的知情同意，不能接案。"), field="consent_how", code="consent")
    consent_note = text(consent_note, field="consent_note", label=_("知情同意说明"), max_length=200, required=False)
    when = a_date(intake_date, field="intake_date", label=_("接案日期"))
    if when > today():
        raise SocialWorkError(_("接案日期不能晚于今天。"), field="intake_date")
    if when < timezone.localdate(case.referred_at):
        raise SocialWorkError(_("接案日期不能早于转介日期。"), field="intake_date")
    case.status, case.social_worker, case.intake_date = Case.Status.OPEN, me, when
    case.consent_how, case.consent_note = consent_how, consent_note
    case.save(update_fields=["status", "social_worker", "intake_date", "consent_how", "consent_note"])
    case_event("case_taken", case=case, actor=actor, consent=consent_how)
    return case
