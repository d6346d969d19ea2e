"""care's events, one typed function per kind (labels: care/module.py `event_kinds`), written in the
same transaction as the change: a visit's and a care plan's timelines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.events import record
from linli.core.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.care.models import CareContact, CareEscalation, CarePlan, RegistryProposal, Visit


def visit_recorded_event(*, visit: Visit, actor: User) -> Event:
    return record(module="care", kind="visit_recorded", subject=("care_visit", visit.pk),
                  community_id=visit.community_id, actor=actor)  # fmt: skip


def proposal_decided_event(*, proposal: RegistryProposal, actor: User) -> Event:
    kind = "proposal_applied" if proposal.status == "applied" else "proposal_dismissed"
    data = {"note": proposal.get_kind_display()}
    return record(module="care", kind=kind, subject=("care_visit", proposal.visit_id),
                  community_id=proposal.community_id, actor=actor, data=data)  # fmt: skip


def _plan_event(kind: str, plan_id: int, community_id: int, actor: User | None, data: dict | None = None) -> Event:
    return record(module="care", kind=kind, subject=("care_plan", plan_id), community_id=community_id,
                  actor=actor, data=data)  # fmt: skip


def plan_saved_event(*, plan: CarePlan, actor: User, created: bool) -> Event:
    return _plan_event("plan_created" if created else "plan_updated", plan.pk, plan.community_id, actor)


def plan_closed_event(*, plan: CarePlan, actor: User) -> Event:
    return _plan_event("plan_closed", plan.pk, plan.community_id, actor)


def contact_logged_event(*, contact: CareContact, actor: User) -> Event:
    kind = "contact_logged" if contact.reached else "contact_missed"
    return _plan_event(kind, contact.plan_id, contact.community_id, actor, {"note": contact.get_kind_display()})


def escalation_event(*, escalation: CareEscalation, kind: str, actor: User | None = None) -> Event:
    return _plan_event(kind, escalation.plan_id, escalation.community_id, actor,
                       {"note": escalation.get_reason_display()})  # fmt: skip


def schedule_event(*, kind: str, plan_id: int, community_id: int, actor: User, note: str) -> Event:
    """A schedule added, changed or stopped (kind: schedule_added / schedule_changed / schedule_stopped)."""
    return _plan_event(kind, plan_id, community_id, actor, {"note": note})


def volunteer_hours_event(*, contact: CareContact, actor: User, minutes: int) -> Event:
    return _plan_event("volunteer_hours", contact.plan_id, contact.community_id, actor,
                       {"note": str(minutes), "contact_id": contact.pk})  # fmt: skip
