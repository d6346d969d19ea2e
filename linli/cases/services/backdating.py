"""For demo seeds only: a case made through the services, moved back to when it happened."""

import datetime as dt

from django.utils import timezone

from linli.cases.models import Case, CaseEvent, JointParty, MediationAgreement


def case_backdate(*, case: Case, created: dt.datetime) -> None:
    """Move a case made through the services (its steps stamped now) back to when it happened:
    mediation sessions on their dates, the agreement on the day it was reached, the other steps
    shortly after the one before."""
    now = timezone.now()
    events = list(CaseEvent.objects.in_community(case.community_id).filter(case=case).order_by("pk"))
    agreement = MediationAgreement.objects.in_community(case.community_id).filter(case=case).first()
    at = created
    for event in events:
        if event.data.get("held_on"):
            target = timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(event.data["held_on"]), dt.time(10)))
        elif event.kind == CaseEvent.Kind.AGREEMENT and agreement is not None:
            target = timezone.make_aware(dt.datetime.combine(agreement.reached_on, dt.time(16)))
        elif event.kind in (CaseEvent.Kind.RESOLVED, CaseEvent.Kind.CONFIRMED):
            target = at + dt.timedelta(days=3)
        else:
            target = at + dt.timedelta(hours=1)
        at = min(max(target, at + dt.timedelta(minutes=10)), now - dt.timedelta(minutes=5))
        CaseEvent.objects.in_community(case.community_id).filter(pk=event.pk).update(at=at)
    case.refresh_from_db()
    shift = created - case.created_at
    fields: dict[str, dt.datetime | None] = {"created_at": created, "updated_at": at}
    if case.due_at is not None and case.warn_at is not None:
        fields.update(due_at=case.due_at + shift, warn_at=case.warn_at + shift)
    if case.closed_at:
        fields["closed_at"] = at
    if case.resolved_at:
        fields["resolved_at"] = min(at, at - dt.timedelta(days=3) if case.closed_at else at)
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(**fields)
    done = {
        e.data.get("party"): e.at
        for e in CaseEvent.objects.in_community(case.community_id).filter(
            case=case, kind=CaseEvent.Kind.COMMITMENT_DONE
        )
    }
    for party, when in done.items():
        JointParty.objects.in_community(case.community_id).filter(case=case, party=party).update(done_at=when)
