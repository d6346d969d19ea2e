"""The supervisor's list and a programme's report at the pilot's scale on one community.

    scripts/with_postgres.sh .venv/bin/python benchmarks/socialwork.py
    .venv/bin/python benchmarks/socialwork.py   (SQLite: var/bench/socialwork.sqlite3)

The world: one community, a supervisor with 50 social workers under her, 5,000 open cases (one per
client; risk 10 % high, 30 % medium), each with two goals (a third of the reviews overdue) and four
session notes this year (20,000), all linked to one programme. Built once and kept.

Measures, p50/p95 over 30 runs each, with a hand-written SQL baseline in the same run:
  list     - selectors.supervision_list(): the first page of 50 rows and the count (what the page
             reads); baseline: the same joins, the overdue subquery and the order in raw SQL
  report   - programme_report.programme_report() over the year's linked records
Targets (issue 21): the list ≤ 50 ms p95; the report ≤ 200 ms."""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKERS, CASES, RUNS = 50, 5_000, 30


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / "socialwork.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build():
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from linli.people.models import Resident
    from linli.socialwork.models import Case, Goal, Level, Practitioner, Programme, SessionNote
    from linli.tenancy.models import Community, Membership, Region

    User = get_user_model()
    community = Community.objects.filter(code="bench-sw").first()
    if community is not None:
        return community, User.objects.get(username="bench-sw-boss"), Programme.objects.in_community(community).get()
    today = timezone.localdate()
    with transaction.atomic():
        street = Region.objects.create(name="基准街道", level=Region.Level.STREET)
        community = Community.objects.create(code="bench-sw", name="基准社区", street=street, home_area_prefix="1403")
        boss_user = User.objects.create(username="bench-sw-boss")
        Membership.objects.create(user=boss_user, role="worker", community=community)
        boss = Practitioner.objects.create(community=community, user=boss_user, level=Level.SENIOR)
        workers = []
        for i in range(WORKERS):
            user = User.objects.create(username=f"bench-sw-{i}")
            Membership.objects.create(user=user, role="worker", community=community)
            workers.append(Practitioner(community=community, user=user, level=Level.INTERMEDIATE, supervisor=boss))
        workers = Practitioner.objects.bulk_create(workers)
        clients = Resident.objects.bulk_create(
            [Resident(community=community, name=f"居民{i}") for i in range(CASES)], batch_size=2000
        )
        programme = Programme.objects.create(community=community, name="独居不孤独", target_group="独居老人",
                                             start_date=dt.date(today.year, 1, 1),
                                             end_date=dt.date(today.year, 12, 31), created_by=boss_user)  # fmt: skip
        cases = Case.objects.bulk_create([
            Case(community=community, number=f"SW{i:06d}", client=c, source="self", referral_reason="求助",
                 referred_by=boss_user, status="open", social_worker=workers[i % WORKERS],
                 intake_date=today - dt.timedelta(days=i % 200), consent_how="signed",
                 risk="high" if i % 10 == 0 else "medium" if i % 10 < 4 else "low", programme=programme)
            for i, c in enumerate(clients)
        ], batch_size=2000)  # fmt: skip
        Goal.objects.bulk_create([
            Goal(community=community, case=c, text="目标", review_date=today + dt.timedelta(days=(i % 3 - 1) * 10 + g))
            for i, c in enumerate(cases) for g in (0, 1)
        ], batch_size=5000)  # fmt: skip
        SessionNote.objects.bulk_create([
            SessionNote(community=community, case=c, session_date=today - dt.timedelta(days=k * 7 % 300),
                        kind="phone", content="电话回访", author=boss_user)
            for c in cases for k in range(4)
        ], batch_size=5000)  # fmt: skip
    return community, boss_user, programme


BASELINE = """
SELECT c.id, c.number, c.risk, c.status, c.intake_date, r.name, u.username,
  COALESCE((SELECT COUNT(*) FROM socialwork_goal g WHERE g.community_id = c.community_id AND g.case_id = c.id
            AND g.rating = '' AND g.review_date < %s), 0) AS overdue
FROM socialwork_case c
JOIN socialwork_practitioner w ON w.id = c.social_worker_id AND w.community_id = c.community_id
JOIN socialwork_practitioner s ON s.id = w.supervisor_id AND s.community_id = c.community_id
JOIN people_resident r ON r.id = c.client_id
JOIN auth_user u ON u.id = w.user_id
WHERE c.community_id = %s AND s.user_id = %s AND c.status IN ('open', 'closing')
ORDER BY CASE c.risk WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, overdue DESC, c.intake_date, c.id
LIMIT 50
"""
COUNT = """
SELECT COUNT(*) FROM socialwork_case c
JOIN socialwork_practitioner w ON w.id = c.social_worker_id JOIN socialwork_practitioner s ON s.id = w.supervisor_id
WHERE c.community_id = %s AND s.user_id = %s AND c.status IN ('open', 'closing')
"""


def timed(call) -> tuple[float, float]:
    call()
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    return statistics.median(runs), runs[int(round(0.95 * (len(runs) - 1)))]


def main() -> None:
    setup()
    from django.db import connection
    from django.utils import timezone

    from linli.core.scoping import forget_scope
    from linli.socialwork.programme_report import programme_report
    from linli.socialwork.selectors import supervision_list

    community, boss, programme = build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")  # the tables were just bulk-filled: give the planner their sizes
    forget_scope(boss)
    if "--explain" in sys.argv:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            programme_report(actor=boss, programme=programme)
        for q in ctx.captured_queries:
            print(q["time"], q["sql"][:300])

    def ours():
        rows = supervision_list(actor=boss, community_id=community.pk)
        assert len(list(rows[:50])) == 50 and rows.count() == CASES

    def baseline():
        with connection.cursor() as cur:
            cur.execute(BASELINE, [timezone.localdate(), community.pk, boss.pk])
            assert len(cur.fetchall()) == 50
            cur.execute(COUNT, [community.pk, boss.pk])
            assert cur.fetchone()[0] == CASES

    def report():
        got = programme_report(actor=boss, programme=programme)
        assert got["cases"]["cases"] == CASES

    print(f"database: {connection.vendor}; {WORKERS} social workers, {CASES} open cases, {RUNS} runs")
    for name, call in (("list (ours)", ours), ("list (SQL)", baseline), ("report", report)):
        p50, p95 = timed(call)
        print(f"  {name:<12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
