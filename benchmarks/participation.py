"""Taking part at a city's scale (issue 15's "Speed" section).

    scripts/with_postgres.sh .venv/bin/python benchmarks/participation.py
    .venv/bin/python benchmarks/participation.py --attendance 500000   (SQLite: var/bench/participation.sqlite3)

Two parts, each with a hand-written baseline timed in the same run:
  signups - 500 residents, each with his own account and API token, sign up at once for a 50-place
            event (waitlist on) through POST /api/v1/activities/events/{id}/registrations under
            gunicorn (WORKERS sync workers; CLIENTS client threads in one process on the same 2-core
            machine): sign-ups/s from the first request sent to the last answer, and the check that
            500 rows exist with seq 1..500, the first 50 confirmed and 450 waitlisted, registered_at
            in seq order (arrival order) and the offering's counters 50 / 501. Baselines: GET discovery.json
            (no database; same server, same clients), and the same 500 sign-ups as bare SQL (lock the
            offering row, insert, bump the counters) from CLIENTS threads in-process.
  figures - a city of COMMUNITIES communities under one street with a year of events and college
            sessions and `--attendance` rows of attendance (5,000,000 by default, written with
            INSERT … SELECT generate_series on PostgreSQL): activities.selectors.year_figures and
            college.selectors.year_figures for one community, participation.selectors.figures and
            college's year_figures for the street, p50/p95 over RUNS runs; baseline: one hand-written
            aggregate (person-times and distinct people per month) over the same rows.
Targets (issue 15): ≥ 300 sign-ups/s with exactly 50 confirmed and 450 waitlisted in arrival order;
a community's year figures ≤ 100 ms, a street's ≤ 300 ms."""

import argparse
import datetime as dt
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEOPLE, PLACES, WORKERS, CLIENTS, RUNS, COMMUNITIES = 500, 50, 3, 25, 20, 100


def setup(attendance: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / "participation.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"  # as in production: cached templates, no query log
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[int(round(0.95 * (len(values) - 1)))]


def timed(call) -> tuple[float, float]:
    call()
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    return percentiles(runs)


# -- sign-ups -------------------------------------------------------------------------------------


def signup_world(code: str):
    """A community, its secretary, PEOPLE residents with accounts and tokens, a PLACES-place event."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from linli.activities import services as activities
    from linli.activities.models import Category
    from linli.core.models import ApiToken
    from linli.people.models import Resident
    from linli.tenancy.models import Community, Membership, Region

    User = get_user_model()
    with transaction.atomic():
        street = Region.objects.create(name=f"报名街道{code}", level=Region.Level.STREET)
        community = Community.objects.create(code=code, name=f"报名社区{code}", street=street, home_area_prefix="4406")
        secretary = User.objects.create(username=f"{code}-sec")
        Membership.objects.create(user=secretary, role="secretary", community=community)
        users = User.objects.bulk_create([User(username=f"{code}-r{i}") for i in range(PEOPLE)])
        Membership.objects.bulk_create([Membership(user=u, role="resident", community=community) for u in users])
        Resident.objects.bulk_create(
            [Resident(community=community, name=f"居民{i}", user=u) for i, u in enumerate(users)], batch_size=1000
        )
        tokens = [ApiToken.issue(user=u, name="bench")[1] for u in users]
        activities.categories_ensure(community.pk)
        category = Category.objects.in_community(community.pk).first()
        start = timezone.now() + dt.timedelta(days=3)
        event = activities.event_save(actor=secretary, community_id=community.pk, data=activities.EventInput(
            title="风筝节", category_id=category.pk, place="社区广场", starts_at=start,
            ends_at=start + dt.timedelta(hours=3), capacity=PLACES))  # fmt: skip
    ids = dict(Resident.objects.in_community(community.pk).values_list("user_id", "pk"))
    return community, secretary, event, [(tok, ids[u.pk]) for tok, u in zip(tokens, users, strict=True)]


def check(offering_id: int) -> str:
    from linli.participation.models import Offering, Registration

    rows = list(Registration.objects.unscoped().filter(offering_id=offering_id).order_by("seq"))
    saved = Offering.objects.unscoped().get(pk=offering_id)
    ok = (
        [r.seq for r in rows] == list(range(1, PEOPLE + 1))
        and [r.status for r in rows] == ["confirmed"] * PLACES + ["waitlisted"] * (PEOPLE - PLACES)
        and [r.registered_at for r in rows] == sorted(r.registered_at for r in rows)
        and (saved.confirmed, saved.next_seq) == (PLACES, PEOPLE + 1)
    )
    confirmed = sum(r.status == "confirmed" for r in rows)
    return (
        f"{len(rows)} rows, {confirmed} confirmed, {len(rows) - confirmed} waitlisted: {'correct' if ok else 'WRONG'}"
    )


def serve(port: int) -> subprocess.Popen:
    env = dict(os.environ, DEBUG="false", ALLOWED_HOSTS="127.0.0.1", DJANGO_SETTINGS_MODULE="config.settings.dev")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "--backlog", "1024"], cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def blast(
    port: int, requests: list[tuple[str, str, str | None, str | None]]
) -> tuple[float, list[float], dict[int, int]]:
    """Every (method, path, token) from CLIENTS threads released together; one connection each."""
    barrier, lock = threading.Barrier(CLIENTS), threading.Lock()
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    chunks = [requests[i::CLIENTS] for i in range(CLIENTS)]

    def run(chunk):
        barrier.wait(timeout=60)
        for method, path, token, body in chunk:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
            t = time.perf_counter()
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            with lock:
                latencies.append((time.perf_counter() - t) * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(run, chunks))
    return time.perf_counter() - started, latencies, statuses


def bare_sql_signups(community_id: int, offering_id: int, resident_ids: list[int]) -> float:
    """The same sign-ups with nothing but the lock, the insert and the counters."""
    from django.db import connection, transaction
    from django.utils import timezone

    barrier = threading.Barrier(CLIENTS)
    chunks = [resident_ids[i::CLIENTS] for i in range(CLIENTS)]
    pg = connection.vendor == "postgresql"

    def run(chunk):
        barrier.wait(timeout=60)
        for resident_id in chunk:
            with transaction.atomic(), connection.cursor() as cursor:
                lock = " FOR UPDATE" if pg else ""
                cursor.execute(f"SELECT confirmed, next_seq, capacity FROM participation_offering WHERE id = %s{lock}",
                               [offering_id])  # fmt: skip
                confirmed, seq, capacity = cursor.fetchone()
                full = confirmed >= capacity
                cursor.execute(
                    "INSERT INTO participation_registration (community_id, offering_id, resident_id, seq, status,"
                    " registered_at, on_behalf, note) VALUES (%s, %s, %s, %s, %s, %s, %s, '')",
                    [community_id, offering_id, resident_id, seq, "waitlisted" if full else "confirmed",
                     timezone.now(), False],
                )  # fmt: skip
                cursor.execute("UPDATE participation_offering SET next_seq = next_seq + 1, confirmed = confirmed + %s"
                               " WHERE id = %s", [0 if full else 1, offering_id])  # fmt: skip
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(run, chunks))
    return time.perf_counter() - started


def signups() -> None:
    from django.db import connection

    from linli.participation.models import Registration

    community, _sec, event, people = signup_world("bench-su")
    random.Random(15).shuffle(people)
    port = 19000 + random.randint(0, 999)
    server = serve(port)
    try:
        path = f"/api/v1/activities/events/{event.pk}/registrations"
        posts = [("POST", path, token, json.dumps({"resident_id": rid})) for token, rid in people]
        gets = [("GET", "/open311/v2/discovery.json", None, None)] * PEOPLE
        blast(port, gets[:CLIENTS])  # every worker has loaded the code
        floor, floor_lat, floor_status = blast(port, gets)
        took, lat, statuses = blast(port, posts)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(10)
    connection.close()
    print(f"### Sign-ups under gunicorn ({connection.vendor}, {WORKERS} workers, {CLIENTS} client threads)\n")
    print("| what | requests | per second | latency p50 / p95 | answers | check |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| GET /open311/v2/discovery.json (no database) | {PEOPLE} | {PEOPLE / floor:.0f} | "
          "{:.0f} / {:.0f} ms | {} | |".format(*percentiles(floor_lat), floor_status))  # fmt: skip
    print(f"| POST sign-up, {PLACES} places | {PEOPLE} | {PEOPLE / took:.0f} | "
          "{:.0f} / {:.0f} ms | {} | {} |".format(*percentiles(lat), statuses, check(event.offering_id)))  # fmt: skip
    _c2, _s2, event2, people2 = signup_world("bench-su2")
    took = bare_sql_signups(event2.community_id, event2.offering_id, [rid for _t, rid in people2])
    rows = Registration.objects.unscoped().filter(offering_id=event2.offering_id)
    print(
        f"| bare SQL in-process (lock, insert, counters) | {PEOPLE} | {PEOPLE / took:.0f} | | "
        f"{rows.count()} rows | {rows.filter(status='confirmed').count()} confirmed |\n"
    )


# -- figures --------------------------------------------------------------------------------------


def figures(attendance: int) -> None:
    from django.db import connection

    from linli.activities import selectors as activities
    from linli.college import selectors as college
    from linli.participation import selectors as engine
    from linli.participation.models import Attendance

    year = dt.date.today().year - 1
    from participation_world import city

    street, ids = city(attendance, year, COMMUNITIES)
    rows = Attendance.objects.in_community_ids(ids).count()
    one = ids[len(ids) // 2]
    since, until = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    sql = (
        "SELECT a.month, COUNT(*), COUNT(DISTINCT a.resident_id) FROM participation_attendance a"
        " JOIN participation_offering o ON o.id = a.offering_id AND o.community_id = a.community_id"
        " WHERE a.community_id IN ({}) AND a.month >= %s AND a.month < %s AND o.owner_type = %s GROUP BY a.month"
    )

    def baseline(community_ids, owner):
        with connection.cursor() as cursor:
            cursor.execute(sql.format(",".join(["%s"] * len(community_ids))), [*community_ids, since, until, owner])
            return cursor.fetchall()

    from django.contrib.auth import get_user_model

    users = get_user_model().objects  # the street office's reader: names of compounds and tags as he may see them
    actor = users.filter(username="bench-figures").first() or users.create_superuser("bench-figures", None, "b-pass")
    got = activities.year_figures(actor, one, year)
    raw = baseline([one], "activities.event")
    agree = got["times"] == sum(r[1] for r in raw) and [m["times"] for m in got["months"]] == [
        dict((r[0] if isinstance(r[0], dt.date) else dt.date.fromisoformat(r[0]), r[1]) for r in raw).get(
            dt.date(year, m, 1), 0) for m in range(1, 13)
    ]  # fmt: skip
    print(f"### Year figures ({connection.vendor}, {len(ids)} communities, {rows:,} attendance rows)\n")
    print(f"activities' year of one community: {got['times']:,} person-times, {got['people']:,} people; "
          f"the hand-written aggregate agrees: {agree}\n")  # fmt: skip
    from linli.activities.figures import FIGURES as EVENT_FIGURES
    from linli.college.figures import FIGURES as COLLEGE_FIGURES
    from linli.core.figures import WHOLE
    from linli.reports import values

    kept = [fig for fig in (*EVENT_FIGURES, *COLLEGE_FIGURES) if fig.key in ("event_attendance", "college_attendance")]
    months, began = [dt.date(year, m, 1) for m in range(1, 13)], time.perf_counter()
    values.refresh_kept(kept, set(ids), months)  # what the periodic job does each round
    print(f"the periodic job's round for {len(kept)} kept figures × 12 months × {len(ids)} communities: "
          f"{time.perf_counter() - began:.1f} s\n")  # fmt: skip

    def street_year() -> dict:  # the street dashboard's year: the kept values summed
        got = values.read(kept, set(ids), months, parts=False).data
        return {k: sum(p[WHOLE][0] for m in got.get(k, {}).values() for p in m.values()) for k in [f.key for f in kept]}

    events_rows = sum(r[1] for r in baseline(ids, "activities.event"))
    print(
        f"kept street events person-times {int(street_year()['event_attendance']):,}, live aggregate {events_rows:,}\n"
    )
    print("| what | p50 | p95 |")
    print("| --- | --- | --- |")
    cases = [
        ("community: activities.selectors.year_figures", lambda: activities.year_figures(actor, one, year)),
        ("community: college.selectors.year_figures", lambda: college.year_figures([one], year)),
        ("community: hand-written SQL, events per month", lambda: baseline([one], "activities.event")),
        ("street: participation.selectors.figures (events)",
         lambda: engine.figures(ids, since=since, until=until, owner_type="activities.event")),
        ("street: college.selectors.year_figures", lambda: college.year_figures(ids, year)),
        ("street: hand-written SQL, events per month", lambda: baseline(ids, "activities.event")),
        ("street: hand-written SQL, sessions per month", lambda: baseline(ids, "college.session")),
        ("street: the year's person-times from reports' kept figures", street_year),
    ]  # fmt: skip
    for name, call in cases:
        p50, p95 = timed(call)
        print(f"| {name} | {p50:.1f} ms | {p95:.1f} ms |")
    print()


def main() -> None:
    global COMMUNITIES
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendance", type=int, default=5_000_000)
    parser.add_argument("--communities", type=int, default=COMMUNITIES)
    parser.add_argument("--only", choices=("signups", "figures"))
    args = parser.parse_args()
    COMMUNITIES = args.communities
    setup(args.attendance)
    if args.only != "figures":
        signups()
    if args.only != "signups":
        figures(args.attendance)


if __name__ == "__main__":
    main()
