"""Cases at city scale: 1,000,000 cases across 100 communities on PostgreSQL.

    scripts/with_postgres.sh .venv/bin/python benchmarks/cases.py --cases 1000000
    (DATABASE_URL= ... runs it on var/bench/cases-<N>.sqlite3; the targets are for PostgreSQL)

Measures, with the hand-written baseline of each in the same run:
  inbox  - a partner account's and a community worker's inbox: the first page as the selector
           reads it, the whole page through Django (middleware, scope, counts of the five boxes,
           template), and the partner query as hand-written SQL; p50/p95 over 200 requests each
  sweep  - the deadline sweep over all live cases, with 10,000 of them newly overdue and 10,000
           newly due soon (events and notices written), then again with nothing to do; baseline:
           one hand-written UPDATE of the same rows
  open311 - POST /open311/v2/requests.json under gunicorn (3 sync workers on this 2-core machine),
           4 client processes on the same machine for 20 s; baseline: GET discovery.json (no DB)
The city is built once and kept (cases are written with COPY; 4% are live, as in a steady state)."""

import argparse
import datetime as dt
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PREFIX = "bench-case"


def setup(cases: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / f"cases-{cases}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"  # as in production: cached templates, no query log
    import django

    django.setup()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def build(total: int, communities: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from linli.cases.demo import CATEGORIES
    from linli.cases.models import Case, Category
    from linli.core.bulk import BulkWriter
    from linli.tenancy.models import Community, Membership, PartnerOrg, Region
    from linli.tenancy.permissions import Role

    call_command("migrate", verbosity=0)
    have = Case.objects.unscoped().filter(community__code__startswith=PREFIX).count()
    if have >= total:
        return
    if have:
        sys.exit(f"A partial bench city is there ({have:,} cases): drop the database and run again.")
    started = time.monotonic()
    rng = random.Random(5)
    User = get_user_model()
    street, _ = Region.objects.get_or_create(name="基准街道", level=Region.Level.STREET, parent=None)
    per = total // communities
    now = timezone.now()
    fields = {f.attname: f.get_default() for f in Case._meta.concrete_fields}
    with transaction.atomic():
        for c in range(communities):
            community = Community.objects.create(code=f"{PREFIX}-{c:03d}", name=f"基准社区{c:03d}", street=street)
            prop = PartnerOrg.objects.create(community=community, name="物业", kind=PartnerOrg.Kind.PROPERTY)
            hoa = PartnerOrg.objects.create(community=community, name="业委会", kind=PartnerOrg.Kind.HOA)
            cats = []
            for order, spec in enumerate(CATEGORIES):
                org = prop if spec[3] == "property" else hoa if spec[3] == "hoa" else None
                cats.append(Category.objects.create(
                    community=community, name=spec[0], code=spec[1], kind=spec[2], handler_org=org,
                    handler="partner" if org else "staff", sla_hours=spec[4], public=spec[5], keywords=spec[6],
                    order=order))  # fmt: skip
            worker = User.objects.create(username=f"{community.code}.worker")
            partner = User.objects.create(username=f"{community.code}.property")
            Membership.objects.create(user=worker, role=Role.WORKER, community=community)
            Membership.objects.create(user=partner, role=Role.PROPERTY, community=community, partner_org=prop)
            rows = []
            for i in range(per):
                category = rng.choice(cats)
                created = now - dt.timedelta(days=730 * (1 - i / per), minutes=rng.random() * 60)
                live = rng.random() < 0.04 or (now - created).days < 3
                status = rng.choice(["accepted", "assigned", "in_progress", "resolved"]) if live else "closed"
                due = created + dt.timedelta(hours=category.sla_hours)
                assignee = (
                    (partner.pk if category.handler_org_id == prop.pk else worker.pk)
                    if status == "in_progress"
                    else None
                )
                row = dict(fields)
                row.update(
                    community_id=community.pk, uid=uuid.uuid4(), number=f"{created.year}{i:06d}",
                    category_id=category.pk, kind=category.kind, title=f"基准诉求{i}", description="楼道灯坏了，请尽快维修。",
                    channel="grid", status=status, handler_org_id=category.handler_org_id, assignee_id=assignee,
                    due_at=due, warn_at=due - max(dt.timedelta(hours=2), (due - created) / 4), created_at=created,
                    updated_at=created + dt.timedelta(hours=3),
                    closed_at=None if live else created + dt.timedelta(hours=30),
                    overdue_at=due + dt.timedelta(minutes=5) if live and due < now else None,
                    due_soon_at=due - dt.timedelta(hours=2) if live and due < now else None,
                    satisfaction=None if live else rng.choice([5, 5, 4, 3]), public=category.public,
                )  # fmt: skip
                rows.append(row)
            writer = BulkWriter(Case, concurrent=True)
            writer.write_values(rows)
            if c % 10 == 9:
                print(f"  {c + 1} communities, {(c + 1) * per:,} cases, {time.monotonic() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {total:,} cases in {time.monotonic() - started:.0f} s")


def inbox(rounds: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from linli.cases.selectors import CaseFilters, case_inbox
    from linli.core.scoping import forget_scope
    from linli.tenancy.models import Community

    rng = random.Random(9)
    communities = list(Community.objects.filter(code__startswith=PREFIX).order_by("pk"))
    User = get_user_model()
    results = {}
    for role, box in (("property", "team"), ("worker", "team"), ("worker", "mine"), ("worker", "overdue")):
        selector, page, raw, queries = [], [], [], 0
        for _ in range(rounds):
            community = rng.choice(communities)
            user = User.objects.get(username=f"{community.code}.{role}")
            forget_scope(user)
            t = time.perf_counter()
            rows = list(case_inbox(actor=user, filters=CaseFilters(community_id=community.pk, box=box))[:26])
            selector.append((time.perf_counter() - t) * 1000)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            with CaptureQueriesContext(connection) as captured:
                t = time.perf_counter()
                response = client.get(f"/cases/?box={box}")
                page.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, response.status_code
            queries = max(queries, len(captured))
            if role == "property" and box == "team":
                org = user.memberships.get().partner_org_id
                t = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT c.id, c.number, c.title, c.status, c.updated_at, c.due_at, g.name FROM cases_case c "
                        "JOIN cases_category g ON g.id = c.category_id WHERE c.community_id = %s AND c.handler_org_id = %s "
                        "AND c.status IN ('submitted','accepted','assigned','in_progress','resolved') "
                        "ORDER BY c.updated_at DESC, c.id DESC LIMIT 26",
                        [community.pk, org],
                    )
                    cursor.fetchall()
                raw.append((time.perf_counter() - t) * 1000)
            reset_queries()
        results[(role, box)] = (selector, page, raw, queries, len(rows))
    print(
        "| inbox | first page (selector) p50 / p95 | whole page p50 / p95 | queries per page | hand-written SQL p50 / p95 |"
    )
    print("| --- | --- | --- | --- | --- |")
    for (role, box), (selector, page, raw, queries, _n) in results.items():
        raw_text = f"{statistics.median(raw):.1f} / {percentile(raw, 0.95):.1f} ms" if raw else "—"
        print(f"| {role} · {box} | {statistics.median(selector):.1f} / {percentile(selector, 0.95):.1f} ms | "
              f"{statistics.median(page):.1f} / {percentile(page, 0.95):.1f} ms | {queries} | {raw_text} |")  # fmt: skip


def sweep(fresh: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from linli.cases.models import LIVE_STATUSES, Case, CaseEvent, Notice
    from linli.cases.services import sweep_deadlines

    now = timezone.now()
    live = Case.objects.unscoped().filter(status__in=LIVE_STATUSES)
    print(f"live cases: {live.count():,}")
    ids = list(live.filter(due_at__lt=now).values_list("pk", flat=True)[:fresh])
    soon = list(live.filter(due_at__gt=now).values_list("pk", flat=True)[:fresh])
    # Baseline: one hand-written UPDATE marking the same rows, rolled back.
    with transaction.atomic():
        Case.objects.unscoped().filter(pk__in=ids).update(overdue_at=None)
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE cases_case SET overdue_at = %s, escalation = escalation + 1 WHERE status IN "
                "('submitted','accepted','assigned','in_progress','resolved') AND due_at < %s AND overdue_at IS NULL",
                [now, now],
            )
        raw = time.perf_counter() - t
        transaction.set_rollback(True)
    Case.objects.unscoped().filter(pk__in=ids).update(overdue_at=None)
    Case.objects.unscoped().filter(pk__in=soon).update(
        due_soon_at=None, overdue_at=None, due_at=now + dt.timedelta(hours=1), warn_at=now - dt.timedelta(hours=1)
    )
    events, notices = CaseEvent.objects.unscoped().count(), Notice.objects.unscoped().count()
    t = time.perf_counter()
    counts = sweep_deadlines(now=now)
    first = time.perf_counter() - t
    t = time.perf_counter()
    again = sweep_deadlines(now=now)
    second = time.perf_counter() - t
    print("| sweep | cases marked | events / notices written | time |")
    print("| --- | --- | --- | --- |")
    print(f"| with {len(ids):,} newly overdue + {len(soon):,} due soon | {counts} | "
          f"{CaseEvent.objects.unscoped().count() - events:,} / {Notice.objects.unscoped().count() - notices:,} | {first:.2f} s |")  # fmt: skip
    print(f"| again, nothing to do | {again} | 0 | {second:.3f} s |")
    print(f"| hand-written UPDATE of the {len(ids):,} (rolled back) | | | {raw:.2f} s |")


def open311(seconds: int, clients: int, workers: int) -> None:
    import http.client
    import multiprocessing

    from linli.cases.models import Open311Key
    from linli.tenancy.models import Community

    communities = list(Community.objects.filter(code__startswith=PREFIX).order_by("pk")[:20])
    keys = [(c.code, Open311Key.issue(community=c, name="bench")[1]) for c in communities]
    port = 18000 + random.randint(0, 999)
    env = dict(os.environ, DEBUG="false", ALLOWED_HOSTS="127.0.0.1", DJANGO_SETTINGS_MODULE="config.settings.dev")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/open311/v2/discovery.json")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        for name, kind in (("GET discovery.json (no database)", "get"), ("POST requests.json (files a case)", "post")):
            with multiprocessing.Pool(clients) as pool:
                results = pool.starmap(_client, [(port, kind, keys, seconds, i) for i in range(clients)])
            ok = sum(r[0] for r in results)
            bad = sum(r[1] for r in results)
            latencies = [x for r in results for x in r[2]]
            print(f"| {name} | {ok / seconds:.0f} req/s | {statistics.median(latencies):.1f} / "
                  f"{percentile(latencies, 0.95):.1f} ms | {bad} failed |")  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(10)


def _client(port, kind, keys, seconds, seed):
    import http.client
    import urllib.parse

    rng = random.Random(seed)
    ok = bad = 0
    latencies = []
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        code, key = rng.choice(keys)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        t = time.perf_counter()
        if kind == "get":
            conn.request("GET", "/open311/v2/discovery.json")
        else:
            n += 1
            body = urllib.parse.urlencode({
                "jurisdiction_id": code, "api_key": key, "service_code": "repair", "address_string": "3栋2单元楼道",
                "description": f"楼道灯坏了 {seed}-{n}", "lat": "23.03", "long": "112.90"})  # fmt: skip
            conn.request(
                "POST", "/open311/v2/requests.json", body, {"Content-Type": "application/x-www-form-urlencoded"}
            )
        response = conn.getresponse()
        response.read()
        latencies.append((time.perf_counter() - t) * 1000)
        if response.status in (200, 201):
            ok += 1
        else:
            bad += 1
        conn.close()
    return ok, bad, latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--only", choices=["inbox", "sweep", "open311"])
    args = parser.parse_args()
    setup(args.cases)
    from django.db import connection

    print(f"database: {connection.vendor}")
    build(args.cases, args.communities)
    if args.only in (None, "inbox"):
        inbox(args.rounds)
    if args.only in (None, "sweep"):
        sweep(args.fresh)
    if args.only in (None, "open311"):
        open311(args.seconds, args.clients, args.workers)


if __name__ == "__main__":
    main()
