"""Neighbour disputes (邻里纠纷调解): the parties, the sessions and the agreement."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import (
    DONE_STATUSES,
    Case,
    CaseEvent,
    Category,
    MediationAgreement,
    MediationParty,
    MediationSession,
    Status,
)
from linli.cases.services.common import Actor, CaseError, _event, _move, _require, can_handle
from linli.core.audit import MIN_REASON_LENGTH
from linli.core.scoping import scope_for
from linli.core.typing import account_of
from linli.people.models import Resident


def _require_mediation(actor: Actor, case: Case) -> None:
    _require(can_handle(scope_for(actor), case), _("调解记录由社区工作人员填写。"))
    if case.kind != Category.Kind.MEDIATION:
        raise CaseError(_("这件诉求不是纠纷调解，请先把类别改为纠纷调解类。"))


@transaction.atomic
def mediation_add_party(
    *, actor: Actor, case: Case, side: str, name: str, resident_id=None, address=""
) -> MediationParty:
    _require_mediation(actor, case)
    name = (name or "").strip()
    resident = None
    if resident_id:
        resident = Resident.objects.in_community(case.community_id).filter(pk=resident_id).first()
        if resident is None:
            raise CaseError(_("所选居民不在本社区。"), field="resident")
        name = name or resident.name
    if not name:
        raise CaseError(_("请填写当事人姓名。"), field="name")
    if side not in MediationParty.Side.values:
        raise CaseError(_("请选择当事人身份。"), field="side")
    party = MediationParty.objects.create(
        community_id=case.community_id,
        case=case,
        side=side,
        name=name[:50],
        resident=resident,
        address=(address or "").strip()[:100],
    )
    return party


@transaction.atomic
def mediation_record(*, actor: Actor, case: Case, kind: str, held_on, place: str, mediators: str, notes: str):
    _require_mediation(actor, case)
    if kind not in MediationSession.Kind.values:
        raise CaseError(_("请选择调解会或回访。"), field="kind")
    if held_on is None or held_on > timezone.localdate():
        raise CaseError(_("请填写已经发生的日期。"), field="held_on")
    if kind == MediationSession.Kind.FOLLOW_UP and not hasattr(case, "agreement"):
        raise CaseError(_("达成调解协议后才有回访。"), field="kind")
    notes = (notes or "").strip()
    if len(notes) < MIN_REASON_LENGTH or not (mediators or "").strip():
        raise CaseError(_("请填写调解人和记录。"), field="notes")
    if case.status in DONE_STATUSES and kind == MediationSession.Kind.SESSION:
        raise CaseError(_("这件纠纷已办结，只能记录回访。"), field="kind", code="closed")
    session = MediationSession.objects.create(
        community_id=case.community_id,
        case=case,
        kind=kind,
        held_on=held_on,
        place=(place or "")[:100],
        mediators=mediators.strip()[:200],
        notes=notes[:4000],
        recorded_by=account_of(actor),
    )
    event_kind = CaseEvent.Kind.SESSION if kind == MediationSession.Kind.SESSION else CaseEvent.Kind.FOLLOW_UP
    _event(case, event_kind, actor, notes[:2000], internal=True, held_on=str(held_on))
    if case.status in (Status.ACCEPTED, Status.ASSIGNED):
        _move(
            case,
            frm=[Status.ACCEPTED, Status.ASSIGNED],
            to=Status.IN_PROGRESS,
            assignee_id=case.assignee_id or actor.pk,
        )
    return session


@transaction.atomic
def mediation_agreement_save(
    *,
    actor: Actor,
    case: Case,
    dispute: str,
    terms: str,
    fulfilment: str,
    reached_on,
    mediators: str,
    signed: bool = False,
) -> MediationAgreement:
    _require_mediation(actor, case)
    if not MediationParty.objects.in_community(case.community_id).filter(case=case).exists():
        raise CaseError(_("请先登记纠纷双方当事人。"))
    if len((terms or "").strip()) < MIN_REASON_LENGTH or len((dispute or "").strip()) < MIN_REASON_LENGTH:
        raise CaseError(_("请写明纠纷事实和协议内容。"), field="terms")
    if reached_on is None or reached_on > timezone.localdate():
        raise CaseError(_("请填写达成协议的日期（不能晚于今天）。"), field="reached_on")
    agreement, created = MediationAgreement.objects.in_community(case.community_id).update_or_create(
        case=case,
        defaults={
            "community_id": case.community_id,
            "dispute": dispute.strip()[:4000],
            "terms": terms.strip()[:4000],
            "fulfilment": (fulfilment or "").strip()[:300],
            "reached_on": reached_on,
            "mediators": (mediators or "").strip()[:200],
            "signed": bool(signed),
            "created_by": account_of(actor),
        },
    )
    _event(case, CaseEvent.Kind.AGREEMENT, actor, _("达成调解协议") if created else _("修改调解协议"), internal=True)
    return agreement
