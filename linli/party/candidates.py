"""Candidates (待确认党员): residents a list says are party members — the register's 政治面貌 — until
staff confirm each onto a node of the roll or dismiss him. Kept apart from services.py, whose member
changes they use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.permissions import IMPORT_DATA
from linli.core.scoping import scope_for
from linli.party import events
from linli.party.models import PartyCandidate, PartyMember, PartyOrg
from linli.party.permissions import MANAGE_PARTY
from linli.party.services import PartyError, _require, member_add
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class CandidateProposal:
    resident_id: int
    kind: str = PartyMember.Kind.FULL
    source: str = ""


def candidates_propose(*, actor: User, community_id: int, proposals: list[CandidateProposal]) -> int:
    """Put residents on the list of 待确认党员 (from an import). Those already on the roll or already
    waiting are left as they are; returns how many were added."""
    scope = scope_for(actor)
    if not (scope.has(IMPORT_DATA, community_id) or scope.has(MANAGE_PARTY, community_id)):
        raise PermissionDeniedError(_("你没有导入数据的权限。"))
    wanted = {p.resident_id: p for p in proposals}
    names = dict(Resident.objects.in_community(community_id).filter(pk__in=list(wanted)).values_list("pk", "name"))
    if set(names) != set(wanted):
        raise PartyError(_("所选居民不在本社区。"), field="resident")
    taken = set(
        PartyMember.objects.in_community(community_id)
        .filter(resident_id__in=list(wanted), left_on__isnull=True)
        .values_list("resident_id", flat=True)
    ) | set(
        PartyCandidate.objects.in_community(community_id)
        .filter(resident_id__in=list(wanted), status=PartyCandidate.Status.PENDING)
        .values_list("resident_id", flat=True)
    )
    fresh = [
        PartyCandidate(
            community_id=community_id,
            resident_id=p.resident_id,
            name=names[p.resident_id][:50],
            kind=p.kind,
            source=p.source[:200],
            proposed_by=actor,
        )  # fmt: skip
        for p in wanted.values()
        if p.resident_id not in taken
    ]
    PartyCandidate.objects.bulk_create(fresh)
    return len(fresh)


def _pending(actor: User, candidate: PartyCandidate) -> PartyCandidate:
    _require(actor, candidate.community_id)
    locked = PartyCandidate.objects.in_community(candidate.community_id).select_for_update().get(pk=candidate.pk)
    if locked.status != PartyCandidate.Status.PENDING:
        raise PartyError(_("这位待确认党员已经处理过了。"), code="conflict")
    return locked


@transaction.atomic
def candidate_confirm(*, actor: User, candidate: PartyCandidate, org: PartyOrg | None,
                      joined_on: dt.date | None = None) -> PartyMember:  # fmt: skip
    """He is a member: onto the roll of the node staff chose."""
    locked = _pending(actor, candidate)
    if org is None or org.community_id != locked.community_id:
        raise PartyError(_("请选择他所在的党组织。"), field="org")
    member = member_add(actor=actor, org=org, resident_id=locked.resident_id, kind=locked.kind, joined_on=joined_on,
                        note=_("据%(source)s确认") % {"source": locked.source} if locked.source else "")  # fmt: skip
    locked.status, locked.member = PartyCandidate.Status.CONFIRMED, member
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.save(update_fields=["status", "member", "decided_by", "decided_at"])
    return member


def candidates_confirm(*, actor: User, choices: list[tuple[PartyCandidate, PartyOrg]]) -> tuple[int, list[str]]:
    """Several at once, each onto the node chosen for it; one that fails is named, the others stay."""
    done, failed = 0, []
    for candidate, org in choices:
        try:
            candidate_confirm(actor=actor, candidate=candidate, org=org)
        except PermissionDeniedError:
            raise
        except DomainError as exc:
            failed.append(f"{candidate.name}：{exc.message}")
        else:
            done += 1
    return done, failed


@transaction.atomic
def candidate_dismiss(*, actor: User, candidate: PartyCandidate, reason: str) -> PartyCandidate:
    """Not a member of this community (typed in error, membership kept elsewhere …): kept, with why."""
    locked = _pending(actor, candidate)
    reason = (reason or "").strip()
    if not reason:
        raise PartyError(_("请写明原因（如：登记有误、组织关系不在本社区）。"), field="reason")
    locked.status, locked.reason = PartyCandidate.Status.DISMISSED, reason[:200]
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    events.candidate_dismissed_event(candidate=locked, actor=actor)
    return locked
