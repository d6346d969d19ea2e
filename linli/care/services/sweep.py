"""The missed-contact sweep (periodic job `sweep_care_contacts`): a scheduled contact whose day has
passed without one, or a contact that did not reach the person, is raised to the grid's workers the
day it is found; one still open the next day goes to the community's secretaries. Idempotent: the
unique constraints let each missed day and each failed contact escalate once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from linli.care.models import CareContact, CareEscalation, CarePlan, CareSchedule
from linli.messaging import services as messaging
from linli.places.models import GridAssignment
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role

MESSAGE_KIND = "care_missed_contact"
BATCH = 2000


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _overdue(today: dt.date) -> list[CareEscalation]:
    due = (
        CareSchedule.objects.unscoped()
        .filter(active=True, next_due_date__lt=today, plan__status=CarePlan.Status.ACTIVE)
        .values_list("pk", "community_id", "plan_id", "grid_id", "next_due_date")
    )
    rows = list(due)
    raised = set(
        CareEscalation.objects.unscoped()
        .filter(reason=CareEscalation.Reason.OVERDUE, schedule_id__in=[r[0] for r in rows])
        .values_list("schedule_id", "due_date")
    )
    return [
        CareEscalation(
            community_id=c, schedule_id=s, plan_id=p, grid_id=g, due_date=d, reason=CareEscalation.Reason.OVERDUE
        )  # fmt: skip
        for s, c, p, g, d in rows
        if (s, d) not in raised
    ]


def _not_reached(today: dt.date) -> list[CareEscalation]:
    since = _start_of(today - dt.timedelta(days=2))
    failed = list(
        CareContact.objects.unscoped()
        .filter(reached=False, contacted_at__gte=since, plan__status=CarePlan.Status.ACTIVE)
        .values_list("pk", "community_id", "plan_id", "grid_id", "schedule_id", "contacted_at")
    )
    raised = set(
        CareEscalation.objects.unscoped()
        .filter(contact_id__in=[f[0] for f in failed])
        .values_list("contact_id", flat=True)
    )
    reached_after: dict[int, dt.datetime | None] = defaultdict(lambda: None)
    for plan_id, at in (
        CareContact.objects.unscoped()
        .filter(reached=True, contacted_at__gte=since, plan_id__in={f[2] for f in failed})
        .values_list("plan_id", "contacted_at")
    ):
        reached_after[plan_id] = max(at, reached_after[plan_id] or at)
    out = []
    for pk, c, p, g, s, at in failed:
        later = reached_after[p]
        if pk in raised or (later is not None and later > at):
            continue
        day = timezone.localtime(at).date()
        reason = CareEscalation.Reason.NOT_REACHED
        out.append(CareEscalation(community_id=c, contact_id=pk, plan_id=p, grid_id=g, schedule_id=s, due_date=day,
                                  reason=reason))  # fmt: skip
    return out


def _notify(new: list[CareEscalation], raised: list[tuple[int, int | None]]) -> None:
    """One message per person told (how many to contact), never names: the list is on the home page."""
    by_grid: dict[tuple[int, int], int] = defaultdict(int)
    for e in new:
        if e.grid_id:
            by_grid[(e.community_id, e.grid_id)] += 1
    workers: dict[int, int] = defaultdict(int)
    for community_id, grid_id, user_id in (
        GridAssignment.objects.unscoped()
        .filter(grid_id__in={g for _c, g in by_grid})
        .values_list("community_id", "grid_id", "user_id")
    ):
        workers[user_id] += by_grid.get((community_id, grid_id), 0)
    secretaries: dict[int, int] = defaultdict(int)
    per_community: dict[int, int] = defaultdict(int)
    for community_id, _grid in raised:
        per_community[community_id] += 1
    for community_id, user_id in Membership.objects.filter(
        role=Role.SECRETARY, community_id__in=list(per_community)
    ).values_list("community_id", "user_id"):
        secretaries[user_id] += per_community[community_id]
    for user_id, count in {**workers, **secretaries}.items():
        if count:
            messaging.notify(user_id, MESSAGE_KIND, {"count": count}, link="/care/escalations/")


@transaction.atomic
def sweep_care_contacts(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    new = _overdue(today) + _not_reached(today)
    CareEscalation.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    stale = CareEscalation.objects.unscoped().filter(resolved_at__isnull=True, level=1, raised_at__lt=_start_of(today))
    to_secretary: list[tuple[int, int | None]] = list(stale.values_list("community_id", "grid_id"))
    stale.update(level=2, escalated_at=timezone.now())
    _notify(new, to_secretary)
    return {"raised": len(new), "to_secretary": len(to_secretary)}
