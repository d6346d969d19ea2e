"""Registry changes seen at the door, typed once on the visit and applied through people's services
when confirmed: a new phone number (resident_update), a move out (resident_move_out), a newborn
(resident_create and household_add_member). A refusal there leaves the proposal pending and the
registry as it was."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.care import events
from linli.care.errors import CareError
from linli.care.models import RegistryProposal, Visit
from linli.care.permissions import RECORD_VISITS
from linli.care.services.visits import PROPOSAL_TABLE
from linli.core import crypto
from linli.core.scoping import scope_for
from linli.people import services as people
from linli.people.models import Household, Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _pending(actor: User, proposal: RegistryProposal) -> RegistryProposal:
    if not scope_for(actor).has(RECORD_VISITS, proposal.community_id):
        raise CareError(_("您在本社区没有登记走访的权限。"), code="forbidden")
    current = RegistryProposal.objects.in_community(proposal.community_id).select_for_update().get(pk=proposal.pk)
    if current.status != RegistryProposal.Status.PENDING:
        raise CareError(_("这项变更已经处理过了。"), code="decided")
    return current


def _resident_input(resident: Resident, phone: str) -> people.ResidentInput:
    values = {name: getattr(resident, name) for name in people.PLAIN_FIELDS}
    return people.ResidentInput(**values, id_number=people.UNCHANGED, phone=phone, dwelling_id=resident.dwelling_id)


def _resident(proposal: RegistryProposal) -> Resident:
    return Resident.objects.in_community(proposal.community_id).get(pk=proposal.resident_id or 0)


def _apply(actor: User, proposal: RegistryProposal, visit: Visit) -> None:
    if proposal.kind == RegistryProposal.Kind.PHONE:
        phone = crypto.decrypt(proposal.phone_enc, table=PROPOSAL_TABLE, column="phone", row=str(proposal.uid))
        resident = _resident(proposal)
        people.resident_update(actor=actor, resident=resident, data=_resident_input(resident, phone),
                               expected_version=None)  # fmt: skip
    elif proposal.kind == RegistryProposal.Kind.MOVED_OUT:
        date = min(timezone.localtime(visit.visited_at).date(), timezone.localdate())
        people.resident_move_out(actor=actor, resident=_resident(proposal), date=date, reason=_("网格员走访发现已搬离"))
    else:
        household = Household.objects.in_community(proposal.community_id).get(pk=visit.household_id)
        birth = dt.date.fromisoformat(proposal.data["birth_date"])
        child = people.resident_create(actor=actor, community=visit.community, data=people.ResidentInput(
            name=proposal.data["name"], gender=proposal.data["gender"], birth_date=birth,
            dwelling_id=household.dwelling_id, moved_in_date=birth))  # fmt: skip
        people.household_add_member(actor=actor, household=household, resident=child,
                                    relation=proposal.data["relation"], joined_date=birth)  # fmt: skip
        proposal.result_resident_id = child.pk


@transaction.atomic
def proposal_apply(*, actor: User, proposal: RegistryProposal) -> RegistryProposal:
    current = _pending(actor, proposal)
    visit = Visit.objects.in_community(current.community_id).select_related("community").get(pk=current.visit_id)
    _apply(actor, current, visit)
    current.status, current.decided_by, current.decided_at = RegistryProposal.Status.APPLIED, actor, timezone.now()
    current.phone_enc = ""  # the registry holds the number now: no second copy is kept
    current.save(update_fields=["status", "decided_by", "decided_at", "phone_enc", "result_resident_id"])
    events.proposal_decided_event(proposal=current, actor=actor)
    return current


@transaction.atomic
def proposal_dismiss(*, actor: User, proposal: RegistryProposal) -> RegistryProposal:
    current = _pending(actor, proposal)
    current.status, current.decided_by, current.decided_at = RegistryProposal.Status.DISMISSED, actor, timezone.now()
    current.phone_enc = ""
    current.save(update_fields=["status", "decided_by", "decided_at", "phone_enc"])
    events.proposal_decided_event(proposal=current, actor=actor)
    return current
