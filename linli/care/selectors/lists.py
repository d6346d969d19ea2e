"""Lists and single rows of care, each through `visible_to` (a grid worker: his grids; the
community's staff: the community; anyone else: nothing; 404 for a row out of reach)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from linli.care.models import (
    CareContact,
    CareEscalation,
    CarePlan,
    CareSchedule,
    EmergencyContact,
    RegistryProposal,
    Visit,
    VisitNeed,
)
from linli.care.selectors.schedules import volunteer_labels
from linli.core import crypto
from linli.core.events import timeline
from linli.core.identity import mask_phone
from linli.core.scoping import Scope, tenant_join
from linli.people.models import Resident


def _one(queryset, pk):
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _masked(stored: str, table: str, uid) -> str:
    return mask_phone(crypto.decrypt(stored, table=table, column="phone", row=str(uid))) if stored else ""


def get_visit_for(actor, pk) -> Visit:
    return _one(Visit.objects.visible_to(actor).select_related("household", "dwelling", "visitor", "community"), pk)


def get_need_for(actor, pk) -> VisitNeed:
    return _one(VisitNeed.objects.visible_to(actor), pk)


def get_proposal_for(actor, pk) -> RegistryProposal:
    return _one(RegistryProposal.objects.visible_to(actor), pk)


def get_plan_for(actor, pk) -> CarePlan:
    return _one(CarePlan.objects.visible_to(actor).select_related("resident", "community"), pk)


def get_escalation_for(actor, pk) -> CareEscalation:
    return _one(CareEscalation.objects.visible_to(actor), pk)


def visit_list(*, scope: Scope, community_id: int, grid_id: int | None = None, mine: bool = False):
    joined, needs = tenant_join(
        Visit.objects.visible_to(scope).filter(community_id=community_id), "needs", community_id
    )
    visits = (
        joined.select_related("household", "dwelling__building__compound", "dwelling__unit", "visitor")
        .annotate(need_count=Count(needs))
        .order_by("-visited_at", "-pk")
    )
    if grid_id:
        visits = visits.filter(grid_id=grid_id)
    if mine:
        visits = visits.filter(visitor_id=scope.user_id)
    return visits


def visit_page(visit: Visit) -> dict:
    cid = visit.community_id
    names = dict(Resident.objects.in_community(cid).filter(pk__in=visit.seen).values_list("pk", "name"))
    proposals = list(
        RegistryProposal.objects.in_community(cid).filter(visit=visit).select_related("resident").order_by("pk")
    )
    for p in proposals:
        p.phone_masked = _masked(p.phone_enc, "care_registryproposal", p.uid)  # type: ignore[attr-defined]
    return {
        "visit": visit,
        "seen_names": [names[r] for r in visit.seen if r in names],
        "needs": list(VisitNeed.objects.in_community(cid).filter(visit=visit).order_by("pk")),
        "proposals": proposals,
        "events": timeline("care_visit", visit.pk),
    }


def care_plan_list(*, scope: Scope, community_id: int, status: str = CarePlan.Status.ACTIVE):
    today = timezone.localdate()
    plans = CarePlan.objects.visible_to(scope).filter(community_id=community_id, status=status)
    plans, due = tenant_join(plans, "schedules", community_id, active=True, next_due_date__lte=today)
    plans, open_rows = tenant_join(plans, "escalations", community_id, resolved_at__isnull=True)
    return (
        plans.select_related("resident", "resident__dwelling__building__compound", "resident__dwelling__unit")
        .annotate(due_count=Count(due, distinct=True), open_escalations=Count(open_rows, distinct=True))
        .order_by("-open_escalations", "-due_count", "resident__name", "pk")
    )


def plan_page(plan: CarePlan, *, may_read_health: bool) -> dict:
    cid = plan.community_id
    contacts = list(EmergencyContact.objects.in_community(cid).filter(plan=plan).order_by("pk"))
    for c in contacts:  # masked on the server (DESIGN.md): decrypted here, never sent whole
        c.phone_masked = _masked(c.phone_enc, "care_emergencycontact", c.uid)  # type: ignore[attr-defined]
    schedules = list(
        CareSchedule.objects.in_community(cid).filter(plan=plan, active=True).select_related("responsible_user")
    )
    volunteer_labels(schedules)
    return {
        "plan": plan,
        "schedules": schedules,
        "emergency": contacts,
        "contacts": list(CareContact.objects.in_community(cid).filter(plan=plan).select_related("by")[:20]),
        "escalations": list(
            CareEscalation.objects.in_community(cid).filter(plan=plan, resolved_at__isnull=True).order_by("due_date")
        ),
        "settled": list(  # the latest reminders dealt with, and how (a contact, a note, the schedule stopped)
            CareEscalation.objects.in_community(cid)
            .filter(plan=plan, resolved_at__isnull=False)
            .select_related("resolved_by")
            .order_by("-resolved_at", "-pk")[:10]
        ),  # fmt: skip
        "has_health_notes": bool(plan.health_notes_enc),
        "may_read_health": may_read_health,
        "events": timeline("care_plan", plan.pk),
    }


def escalation_list(*, scope: Scope, community_id: int, open_only: bool = True):
    rows = (
        CareEscalation.objects.visible_to(scope)
        .filter(community_id=community_id)
        .select_related("plan__resident", "schedule")
        .order_by("-level", "due_date", "pk")
    )
    return rows.filter(resolved_at__isnull=True) if open_only else rows


def contact_figures(community_id: int, plan_ids, *, since: dt.date, until: dt.date) -> dict[str, int]:
    """Contacts made on these care plans in [since, until), those that reached the person, and the
    people reached (a programme's report in socialwork links care plans by id). Counts only."""
    start, end = (timezone.make_aware(dt.datetime.combine(d, dt.time.min)) for d in (since, until))
    rows = CareContact.objects.in_community(community_id).filter(
        plan_id__in=list(plan_ids), contacted_at__gte=start, contacted_at__lt=end
    )
    got = rows.aggregate(
        n_contacts=Count("pk"), n_reached=Count("pk", filter=Q(reached=True)),
        n_people=Count("plan__resident_id", distinct=True, filter=Q(reached=True)),
    )  # fmt: skip
    return {k.removeprefix("n_"): v or 0 for k, v in got.items()}


def report_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    """The street's overview: visits this month and open escalations per community (counts only)."""
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate().replace(day=1), dt.time.min))
    out: dict[int, dict[str, int]] = {cid: {"care_visits": 0, "care_open": 0} for cid in community_ids}
    for cid, n in (
        Visit.objects.in_community_ids(community_ids).filter(visited_at__gte=start)
        .values("community_id").annotate(n=Count("pk")).values_list("community_id", "n")
    ):  # fmt: skip
        out[cid]["care_visits"] = n
    for cid, n in (
        CareEscalation.objects.in_community_ids(community_ids).filter(resolved_at__isnull=True)
        .values("community_id").annotate(n=Count("pk")).values_list("community_id", "n")
    ):  # fmt: skip
        out[cid]["care_open"] = n
    return out


def visit_community(actor, household_id: int):
    """The community of the household a visit is sent for, when the actor records visits there
    (404 otherwise); whether the household is his to visit is the service's check, with its message."""
    from linli.care.permissions import RECORD_VISITS
    from linli.core.scoping import scope_for
    from linli.people.models import Household

    household = Household.objects.unscoped().select_related("community").filter(pk=household_id).first()
    if household is None or not scope_for(actor).has(RECORD_VISITS, household.community_id):
        raise Http404
    return household.community
