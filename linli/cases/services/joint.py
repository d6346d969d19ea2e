"""Joint handling (三方联动): the community and its partners each state a position and a commitment."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import DONE_STATUSES, LIVE_STATUSES, Case, CaseEvent, JointParty
from linli.cases.permissions import HANDLE_CASES
from linli.cases.services.common import (
    Actor,
    CaseError,
    _event,
    _move,
    _org_in_community,
    _reason,
    _require,
    can_handle,
)
from linli.cases.services.notices import _notice
from linli.core.errors import ConflictError
from linli.core.scoping import Scope, scope_for
from linli.tenancy.models import PartnerOrg

PARTY_FOR_KIND = {
    PartnerOrg.Kind.PROPERTY: JointParty.Party.PROPERTY,
    PartnerOrg.Kind.HOA: JointParty.Party.HOA,
    PartnerOrg.Kind.PARTY_BRANCH: JointParty.Party.PARTY_BRANCH,
    PartnerOrg.Kind.DEPARTMENT: JointParty.Party.DEPARTMENT,
}

# The seeds' three parties beside the community (党支部、业委会、物业): ticked by default.
DEFAULT_PARTY_KINDS = frozenset({PartnerOrg.Kind.PARTY_BRANCH, PartnerOrg.Kind.HOA, PartnerOrg.Kind.PROPERTY})


@transaction.atomic
def joint_start(*, actor: Actor, case: Case, org_ids: list[int], note: str = "") -> list[JointParty]:
    """Put the case to the community and the chosen partners together (三方联动)."""
    _require(can_handle(scope_for(actor), case))
    if case.status not in LIVE_STATUSES:
        raise CaseError(_("已办结的诉求不能再发起联动。"))
    orgs = [org for org in (_org_in_community(case, pk) for pk in org_ids) if org is not None]
    if len(orgs) < 2:
        raise CaseError(_("三方联动请至少选择两家合作单位（如物业和业委会）。"), field="orgs")
    parties = [JointParty.Party.COMMUNITY] + [
        PARTY_FOR_KIND.get(PartnerOrg.Kind(o.kind), JointParty.Party.DEPARTMENT) for o in orgs
    ]
    if len(set(parties)) != len(parties):
        raise CaseError(_("每一方只能选一家单位。"), field="orgs")
    rows = [JointParty(community_id=case.community_id, case=case, party=JointParty.Party.COMMUNITY)]
    rows += [
        JointParty(community_id=case.community_id, case=case, party=p, org=o)
        for p, o in zip(parties[1:], orgs, strict=True)
    ]
    existing = set(JointParty.objects.in_community(case.community_id).filter(case=case).values_list("party", flat=True))
    new = [r for r in rows if r.party not in existing]
    JointParty.objects.bulk_create(new)
    _move(case, frm=LIVE_STATUSES, to=case.status, joint=True)
    _event(case, CaseEvent.Kind.JOINT, actor, (note or "").strip()[:2000], parties=[r.party for r in rows])
    for org in orgs:
        users = get_user_model().objects.filter(memberships__partner_org=org, memberships__is_active=True)
        _notice(list(users), case, CaseEvent.Kind.JOINT, _("请参加三方联动：%(t)s") % {"t": case.title})
    return new


def can_speak_for(scope: Scope, party: JointParty) -> bool:
    if scope.has(HANDLE_CASES, party.community_id):
        return True
    return party.org_id is not None and party.org_id in scope.partner_org_ids


@transaction.atomic
def joint_position(
    *, actor: Actor, party: JointParty, position: str, commitment: str, commitment_due=None
) -> JointParty:
    _require(can_speak_for(scope_for(actor), party), _("只能填写本单位的意见。"))
    if party.case.status in DONE_STATUSES:
        raise CaseError(_("这件诉求已办结。"), code="closed")
    position, commitment = (position or "").strip(), (commitment or "").strip()
    if not position and not commitment:
        raise CaseError(_("请填写本方意见或承诺事项。"), field="position")
    JointParty.objects.in_community(party.community_id).filter(pk=party.pk).update(
        position=position[:2000], commitment=commitment[:300], commitment_due=commitment_due
    )
    party.refresh_from_db()
    _event(
        party.case,
        CaseEvent.Kind.POSITION,
        actor,
        f"{party.get_party_display()}：{position}" + (f"\n{_('承诺')}：{commitment}" if commitment else ""),
        party=party.party,
    )
    return party


@transaction.atomic
def joint_done(*, actor: Actor, party: JointParty, note: str) -> JointParty:
    _require(can_speak_for(scope_for(actor), party), _("只能确认本单位的承诺事项。"))
    note = _reason(note, _("完成情况"))
    if (
        not JointParty.objects.in_community(party.community_id)
        .filter(pk=party.pk, done_at__isnull=True)
        .update(done_at=timezone.now(), done_by=actor, done_note=note[:300])
    ):
        raise ConflictError(_("这项承诺已经确认完成过了。"))
    party.refresh_from_db()
    _event(party.case, CaseEvent.Kind.COMMITMENT_DONE, actor, f"{party.get_party_display()}：{note}", party=party.party)
    return party
