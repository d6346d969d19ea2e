"""care at a city's scale: coverage and the overdue list, offline sync, the missed-contact sweep (issue 17).

    scripts/with_postgres.sh .venv/bin/python benchmarks/care.py
    .venv/bin/python benchmarks/care.py --scale 0.1   (SQLite: var/bench/care.sqlite3)

The world (built once with bulk SQL, INSERT ... SELECT over generate_series / a recursive CTE, and
kept; `--scale` shrinks it): 20 communities of 20,000 households each (400,000), 10 grids per
community with one grid worker each, 100 households per building, two residents per household (5 %
独居老人, 10 % 高龄, 3 % 残疾; the default visit plans), 5,000,000 visits over the last two years
(12 or 13 per household, 10 % nobody home), 50,000 active care plans with one weekly schedule each
(20 % of them past due, i.e. missed) and 1,000 contacts that did not reach the person yesterday.
On PostgreSQL the bulk load runs with session_replication_role = replica (the deferred tenant
foreign-key triggers are skipped: the generated rows are consistent by construction).

Measures, p50/p95 over RUNS runs, the SQL baseline timed in the same run:
  coverage - selectors.coverage() for grid 1's worker of community 1 (what /care/coverage/ reads)
             and selectors.home_counts() (the home card); baseline: the same counts per plan, the
             households due this cycle and the overdue list in two raw SQL statements; the two
             answers are compared (counts per grid and plan, due this cycle, overdue (household, due)).
  sync     - one POST of 200 queued visits (grid 2, by its worker) to /api/v1/care/visits/sync (the real endpoint, Django's
             test Client logged in as that grid worker): time, requests, statements, rows created
             (must be 200) and the replay of the same batch (must create 0).
  sweep    - services.sweep_care_contacts() over the 50,000 care plans (escalations of the bench
             communities removed first): time, escalations created (checked against a COUNT in SQL)
             and a second sweep (must create none).
Targets (issue 17): coverage and overdue list ≤ 100 ms p95 on PostgreSQL; the sync ≤ 2 s, one
request, exactly 200 rows; the sweep over 50,000 care plans ≤ 5 s."""

import datetime as dt
import os
import statistics
import sys
import time
import uuid

from care_world import BATCH, COMMUNITIES, HOUSEHOLDS, PLANS, ROOT, RUNS, build


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / "care.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")  # the test Client's host
    os.environ.setdefault("LINLI_VAR_DIR", str(ROOT / "var" / "bench" / "care-var"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(call, runs=RUNS) -> tuple[float, float]:
    call()
    got = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        got.append((time.perf_counter() - start) * 1000)
    got.sort()
    return statistics.median(got), got[int(round(0.95 * (len(got) - 1)))]


def coverage_sql(community_id: int, grid_ids: list[int], today: dt.date):
    """The coverage selector's answer in raw SQL: (counts {(grid, plan): (target, visited)},
    due this cycle, overdue [(household, due date)])."""
    from django.db import connection
    from django.utils import timezone

    from linli.care.models import VisitPlan
    from linli.care.models.plans import PERIOD_DAYS, Period, cycle_start

    def start_of(day):
        return connection.ops.adapt_datetimefield_value(timezone.make_aware(dt.datetime.combine(day, dt.time.min)))

    plans = list(VisitPlan.objects.in_community(community_id).filter(active=True).values_list("pk", "tag_id", "period"))
    values = ", ".join("(%s, %s, %s, %s)" for _p in plans)
    plan_params = [x for pk, tag, period in plans for x in (pk, tag or 0, period, PERIOD_DAYS[Period(period)])]
    grids = ", ".join(str(int(g)) for g in grid_ids)
    periods = list(Period)
    cast = "::timestamptz" if connection.vendor == "postgresql" else ""  # a bare literal in CASE is text
    since_case = " ".join(f"WHEN '{p.value}' THEN %s{cast}" for p in periods)
    since_params = [start_of(cycle_start(p, today)) for p in periods]
    cut_case = " ".join(f"WHEN {PERIOD_DAYS[p]} THEN %s{cast}" for p in periods)
    cut_params = [start_of(today - dt.timedelta(days=PERIOD_DAYS[p])) for p in periods]
    never_case = " ".join(f"WHEN {PERIOD_DAYS[p]} THEN {int(cycle_start(p, today) < today)}" for p in periods)
    with_ = f"""
WITH plans(id, tag_id, period, days) AS (VALUES {values}),
hh AS (SELECT h.id, h.number, b.grid_id FROM people_household h JOIN places_dwelling d ON d.id = h.dwelling_id
       JOIN places_building b ON b.id = d.building_id
       WHERE h.community_id = %s AND h.status = 'active' AND b.grid_id IN ({grids})),
last AS (SELECT household_id, MAX(visited_at) AS at FROM care_visit WHERE community_id = %s AND outcome = 'met'
         AND visited_at >= %s AND grid_id IN ({grids}) GROUP BY household_id),
tagged AS (SELECT DISTINCT m.household_id, t.tag_id FROM people_householdmember m
           JOIN people_residenttag t ON t.resident_id = m.resident_id AND t.community_id = m.community_id
           WHERE m.community_id = %s AND m.left_date IS NULL AND m.household_id IN (SELECT id FROM hh)
           AND t.tag_id IN (SELECT tag_id FROM plans WHERE tag_id <> 0)),
applying AS (SELECT hh.id AS household_id, p.id AS plan_id, p.period, p.days FROM hh JOIN plans p ON p.tag_id = 0
             UNION ALL SELECT x.household_id, p.id, p.period, p.days FROM tagged x JOIN plans p ON p.tag_id = x.tag_id),
judged AS (SELECT a.household_id, a.plan_id, a.days, hh.grid_id, l.at,
           CASE WHEN l.at >= CASE a.period {since_case} END THEN 1 ELSE 0 END AS visited
           FROM applying a JOIN hh ON hh.id = a.household_id LEFT JOIN last l ON l.household_id = a.household_id)"""
    params = [*plan_params, community_id, community_id, start_of(today - dt.timedelta(days=366)), community_id,
              *since_params]  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(with_ + " SELECT grid_id, plan_id, COUNT(*), SUM(visited) FROM judged GROUP BY grid_id, plan_id",
                    params)  # fmt: skip
        counts = {(g, p): (n, v) for g, p, n, v in cur.fetchall()}
        cur.execute(
            with_
            + f""", per AS (SELECT household_id, MIN(days) AS days, MAX(at) AS at, MIN(visited) AS all_visited
                FROM judged GROUP BY household_id)
SELECT household_id, days, at, all_visited,
  CASE WHEN at IS NULL THEN CASE days {never_case} END WHEN at < CASE days {cut_case} END THEN 1 ELSE 0 END
FROM per WHERE all_visited = 0""",
            [*params, *cut_params],
        )
        rows = cur.fetchall()
    overdue = []
    for household, days, at, _visited, late in rows:
        if late:
            if at is None:
                due = cycle_start(next(p for p in periods if PERIOD_DAYS[p] == days), today)
            else:
                if isinstance(at, str):  # SQLite's MAX() of a text column
                    at = timezone.make_aware(dt.datetime.fromisoformat(at), dt.UTC)
                due = timezone.localtime(at).date() + dt.timedelta(days=days)
            overdue.append((household, due))
    return counts, len(rows), sorted(overdue)


def main() -> None:
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from linli.care import selectors
    from linli.care.models import CareEscalation, CareSchedule, Visit
    from linli.care.services.sweep import sweep_care_contacts
    from linli.core.scoping import forget_scope, scope_for
    from linli.people.models import Household
    from linli.places.models import GridAssignment

    t0 = time.perf_counter()
    communities = build()
    print(f"  build/reuse of the world: {time.perf_counter() - t0:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    community = communities[0]
    assignment = GridAssignment.objects.in_community(community).select_related("user", "grid").get(grid__code="G1")
    worker, grid = assignment.user, assignment.grid
    today = timezone.localdate()
    n_visits = Visit.objects.unscoped().filter(community_id__in=[c.pk for c in communities]).count()
    n_households = HOUSEHOLDS * COMMUNITIES
    in_grid = Household.objects.in_community(community).filter(dwelling__building__grid=grid).count()
    print(f"database: {connection.vendor}; {COMMUNITIES} communities, {n_households} households, {n_visits} visits;"
          f" grid 1 of community 1: {in_grid} households; {RUNS} runs", flush=True)  # fmt: skip

    # coverage and the overdue list, for grid 1's worker
    def ours():
        forget_scope(worker)  # a request's scope is built afresh
        return selectors.coverage(scope=scope_for(worker), community_id=community.pk, today=today)

    def home():
        forget_scope(worker)
        return selectors.home_counts(scope=scope_for(worker), community_id=community.pk)

    got = ours()
    counts = {(g, c.plan.pk): (c.target, c.visited) for g, cs in got.by_grid.items() for c in cs}
    overdue = sorted((d.household_id, d.due_date) for d in got.overdue)
    sql_counts, sql_due, sql_overdue = coverage_sql(community.pk, [grid.pk], today)
    agree = counts == sql_counts and got.due_this_cycle == sql_due and overdue == sql_overdue
    print(f"  coverage: {sum(t for t, _v in counts.values())} plan targets, {got.due_this_cycle} households due this"
          f" cycle, {len(got.overdue)} overdue; SQL baseline agrees: {agree}", flush=True)  # fmt: skip
    if not agree:
        print("    ours", counts, got.due_this_cycle, len(overdue), "\n    sql ", sql_counts, sql_due, len(sql_overdue))
    with CaptureQueriesContext(connection) as ctx:
        ours()
    print(f"  coverage(): {len(ctx.captured_queries)} queries (the scope's included)")
    if "--explain" in sys.argv:
        for qq in ctx.captured_queries:
            print(f"     {qq['time']} s  {qq['sql'][:200]}")
    client = Client()
    client.force_login(worker)

    def page():
        response = client.get("/care/coverage/")
        assert response.status_code == 200, response.status_code

    for name, call in (("coverage (ours)", ours), ("home card (ours)", home), ("coverage page", page),
                       ("coverage (SQL)", lambda: coverage_sql(community.pk, [grid.pk], today))):  # fmt: skip
        p50, p95 = timed(call)
        print(f"  {name:<17} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms", flush=True)

    # offline sync: 200 queued visits of grid 2's households in one POST by its worker (another grid than
    # the coverage one, so that a kept world measures the same coverage at each run)
    sync_assignment = GridAssignment.objects.in_community(community).select_related("user", "grid").get(grid__code="G2")
    worker, grid = sync_assignment.user, sync_assignment.grid
    client = Client()
    client.force_login(worker)
    ids = list(
        Household.objects.in_community(community)
        .filter(dwelling__building__grid=grid)
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    when = timezone.now() - dt.timedelta(hours=2)
    items = [{"key": str(uuid.uuid4()), "household_id": h, "visited_at": (when + dt.timedelta(seconds=i)).isoformat(),
              "findings": ["fine"], "note": "离线补录" if i % 5 == 0 else ""} for i, h in enumerate(ids)]  # fmt: skip
    for label in ("first", "replay"):
        before = Visit.objects.in_community(community).count()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.post("/api/v1/care/visits/sync", {"items": items}, content_type="application/json")
            took = (time.perf_counter() - start) * 1000
        body = response.json()
        created = Visit.objects.in_community(community).count() - before
        in_sql = sum(float(x["time"]) for x in ctx.captured_queries) * 1000
        print(f"  sync ({label}) 1 request, HTTP {response.status_code}: {took:7.1f} ms, {len(ctx.captured_queries)}"
              f" statements ({in_sql:.0f} ms in SQL), recorded {body.get('recorded')} refused {body.get('refused')},"
              f" rows created {created}", flush=True)  # fmt: skip

    # the missed-contact sweep over every care plan
    bench = [c.pk for c in communities]
    CareEscalation.objects.unscoped().filter(community_id__in=bench).delete()
    expected = CareSchedule.objects.unscoped().filter(community_id__in=bench, active=True,
                                                      next_due_date__lt=today).count()  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) FROM care_carecontact c WHERE c.reached = %s AND c.contacted_at >= %s AND NOT EXISTS"
            " (SELECT 1 FROM care_carecontact l WHERE l.plan_id = c.plan_id AND l.reached = %s AND l.contacted_at >"
            " c.contacted_at)" + f" AND c.community_id IN ({', '.join(map(str, bench))})",
            [False, connection.ops.adapt_datetimefield_value(
                timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=2), dt.time.min))), True],
        )  # fmt: skip
        expected += cur.fetchone()[0]
    n_plans = PLANS * COMMUNITIES
    for label in ("first", "second"):
        start = time.perf_counter()
        result = sweep_care_contacts(today=today)
        took = (time.perf_counter() - start) * 1000
        made = CareEscalation.objects.unscoped().filter(community_id__in=bench).count()
        print(f"  sweep ({label}) over {n_plans} care plans: {took:7.1f} ms, raised {result['raised']}"
              f" (expected {expected if label == 'first' else 0}), to secretary {result['to_secretary']},"
              f" escalations in the bench communities {made}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
