"""Coverage of the visit plans: for each household of the reader's grids (or community), the plans
that apply (its members' key-group tags, and the plan for every household), whether it was visited
this cycle, and when it falls due (its last visit plus the strictest plan's period; never visited:
the start of this cycle). A handful of queries whatever the number of households."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from linli.care.models import Visit, VisitPlan
from linli.care.models.plans import PERIOD_DAYS, Period, cycle_start
from linli.core.scoping import Scope
from linli.people.models import Household, HouseholdMember, ResidentTag
from linli.places.models import Grid, GridAssignment
from linli.places.scope import places_scope


@dataclass
class PlanCount:
    plan: VisitPlan
    label: str
    target: int = 0
    visited: int = 0

    @property
    def share(self) -> int:
        return round(100 * self.visited / self.target) if self.target else 100


@dataclass
class Due:
    household_id: int
    number: str
    place: str
    grid_id: int | None
    plan_label: str
    last_visit: dt.date | None
    due_date: dt.date
    late_days: int


@dataclass
class Coverage:
    today: dt.date
    plans: list[VisitPlan]
    by_grid: dict[int | None, list[PlanCount]] = field(default_factory=dict)
    overdue: list[Due] = field(default_factory=list)
    due_this_cycle: int = 0
    grids: dict[int, str] = field(default_factory=dict)
    by_worker: list[dict] = field(default_factory=list)


def _grids_of(scope: Scope, community_id: int) -> set[int] | None:
    """None: the whole community (its whole staff); otherwise the reader's grids."""
    if scope.is_superuser or community_id in scope.full_community_ids:
        return None
    return set(places_scope(scope).grid_ids)


def _plan_label(plan: VisitPlan, tag_names: dict[int, str]) -> str:
    from django.utils.translation import gettext as _

    who = tag_names.get(plan.tag_id, "") if plan.tag_id else _("全部住户")
    return f"{who} · {Period(plan.period).label}"


def _active_households(community_id: int, grids: set[int] | None):
    rows = Household.objects.in_community(community_id).filter(status=Household.Status.ACTIVE)
    return rows if grids is None else rows.filter(dwelling__building__grid_id__in=grids)


def _households(community_id: int, grids: set[int] | None) -> list[tuple]:
    return list(_active_households(community_id, grids).values_list(
        "pk", "number", "dwelling__building__grid_id", "dwelling__building__compound__name",
        "dwelling__building__name", "dwelling__unit__name", "dwelling__room",
    ))  # fmt: skip


def _tags_by_household(community_id: int, tag_ids: set[int], grids: set[int] | None) -> dict[int, set[int]]:
    """The planned tags of the grids' households, through their current members. Two reads, each
    narrowed by the other as a subquery: no list of ids goes back to the database (a community of
    20,000 households has thousands of tagged residents; only the grid's are read)."""
    if not tag_ids:
        return {}
    tagged = ResidentTag.objects.in_community(community_id).filter(tag_id__in=tag_ids)
    members = HouseholdMember.objects.in_community(community_id).filter(
        left_date__isnull=True,
        household_id__in=_active_households(community_id, grids).values("pk"),
        resident_id__in=tagged.values("resident_id"),
    )
    household_of: dict[int, list[int]] = defaultdict(list)
    for resident_id, household_id in members.values_list("resident_id", "household_id"):
        household_of[resident_id].append(household_id)
    out: dict[int, set[int]] = defaultdict(set)
    for resident_id, tag_id in tagged.filter(resident_id__in=members.values("resident_id")).values_list(
        "resident_id", "tag_id"
    ):
        for household_id in household_of.get(resident_id, ()):
            out[household_id].add(tag_id)
    return out


def _last_visits(community_id: int, grids: set[int] | None, today: dt.date) -> dict[int, dt.date]:
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=PERIOD_DAYS[Period.YEAR]), dt.time.min))
    visits = Visit.objects.in_community(community_id).filter(outcome=Visit.Outcome.MET, visited_at__gte=since)
    if grids is not None:
        visits = visits.filter(grid_id__in=grids)
    rows = visits.values("household_id").annotate(last=Max("visited_at")).values_list("household_id", "last")
    return {h: timezone.localtime(at).date() for h, at in rows}


def coverage(
    *, scope: Scope, community_id: int, today: dt.date | None = None, grid_id: int | None = None, workers: bool = True
) -> Coverage:
    today = today or timezone.localdate()
    grids = _grids_of(scope, community_id)
    if grid_id is not None:
        grids = {grid_id} if grids is None or grid_id in grids else set()
    plans = list(VisitPlan.objects.in_community(community_id).filter(active=True).select_related("tag"))
    tag_names = {p.tag_id: p.tag.name for p in plans if p.tag_id and p.tag}
    result = Coverage(today=today, plans=plans)
    result.grids = dict(Grid.objects.in_community(community_id).order_by("name").values_list("pk", "name"))
    if not plans:
        return result
    general = next((p for p in plans if p.tag_id is None), None)
    households = _households(community_id, grids)
    tags = _tags_by_household(community_id, set(tag_names), grids)
    last = _last_visits(community_id, grids, today)
    counts: dict[tuple[int | None, int], PlanCount] = {}
    for pk, number, grid, compound, building, unit, room in households:
        applying = [p for p in plans if p.tag_id in tags.get(pk, ())] + ([general] if general else [])
        if not applying:
            continue
        seen = last.get(pk)
        unsatisfied = False
        for plan in applying:
            count = counts.setdefault((grid, plan.pk), PlanCount(plan, _plan_label(plan, tag_names)))
            count.target += 1
            if seen is not None and seen >= cycle_start(plan.period, today):
                count.visited += 1
            else:
                unsatisfied = True
        result.due_this_cycle += unsatisfied
        strictest = min(applying, key=lambda p: p.days)
        due = seen + dt.timedelta(days=strictest.days) if seen else cycle_start(strictest.period, today)
        if due < today:
            place = " ".join(x for x in (compound, building, unit, room) if x)
            result.overdue.append(Due(pk, number, place, grid, _plan_label(strictest, tag_names), seen, due,
                                      (today - due).days))  # fmt: skip
    result.overdue.sort(key=lambda d: (-d.late_days, d.place))
    for (grid, _plan), count in sorted(
        counts.items(), key=lambda kv: (str(result.grids.get(kv[0][0] or 0, "")), kv[0][1])
    ):
        result.by_grid.setdefault(grid, []).append(count)
    if workers:  # the coverage page's table per worker; the home card needs none of it
        result.by_worker = _by_worker(community_id, grids, result)
    return result


def _by_worker(community_id: int, grids: set[int] | None, result: Coverage) -> list[dict]:
    from django.contrib.auth import get_user_model

    assignments = GridAssignment.objects.in_community(community_id)
    if grids is not None:
        assignments = assignments.filter(grid_id__in=grids)
    per_user: dict[int, list[int]] = defaultdict(list)
    for user_id, grid in assignments.values_list("user_id", "grid_id"):
        per_user[user_id].append(grid)
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=list(per_user))}
    overdue_by_grid: dict[int | None, int] = defaultdict(int)
    for d in result.overdue:
        overdue_by_grid[d.grid_id] += 1
    rows = []
    for user_id, user_grids in per_user.items():
        target = sum(c.target for g in user_grids for c in result.by_grid.get(g, []))
        visited = sum(c.visited for g in user_grids for c in result.by_grid.get(g, []))
        user = users[user_id]
        rows.append({"user": user, "name": user.get_full_name() or user.username, "target": target,
                     "visited": visited, "overdue": sum(overdue_by_grid[g] for g in user_grids),
                     "grids": [result.grids.get(g, "") for g in user_grids]})  # fmt: skip
    return sorted(rows, key=lambda r: r["name"])


def home_counts(*, scope: Scope, community_id: int) -> dict[str, int]:
    """A worker's home card: households due this cycle and overdue in his grids."""
    result = coverage(scope=scope, community_id=community_id, workers=False)
    return {"due": result.due_this_cycle, "overdue": len(result.overdue), "plans": len(result.plans)}
