"""Venues and the lending desk at a busy community's scale (issue 16's "Speed" section).

    scripts/with_postgres.sh .venv/bin/python benchmarks/venues.py
    .venv/bin/python benchmarks/venues.py   (SQLite: var/bench/venues.sqlite3)

The world: the test world (linli/core/tests/world.py: two communities, their staff, 仙湖's club with
its ping-pong table open 08:00-21:00 every day, the reading room's books), rebuilt at each run (the
file is removed first), plus three more things in the club and 10,000 live bookings this year over the
five of them (2,000 each, one hour, up to six a day).

Measures, with a hand-written baseline in the same run:
  race  - 200 booking requests through services.booking_create by a staff actor: 20 distinct
          20-minute slots of the table (every 30 minutes from 08:00, the day after tomorrow; the
          10-minute buffer fills the gaps) x 10 requests each, shuffled, from POOL threads at once
          (each request closes its connection, like venues/tests/test_concurrency.py):
          requests/s, and the check that exactly one wins each slot and the other 9 are refused
          with "overlap"; baseline: the same 200 requests (a day later) as a bare lock + SELECT
          overlap + INSERT in one transaction per request (no rules, no event, no scope); then
          the service again (two days later) with each thread keeping its connection.
  week  - selectors.week() of the club's five things for this week, p50/p95 over RUNS runs;
          baseline: one SQL query reading the same week's bookings of those things.
  desk  - services.loan_lend and loan_return of a copy by the desk worker: queries read (SELECT)
          and written, and p50/p95 over RUNS lend+return pairs; baseline: a SELECT of the copy
          and the reader, an INSERT of the loan and an UPDATE of the copy; the open loan, an
          UPDATE of it and of the copy, in raw SQL.
--explain prints the statements of the week view and of the desk's calls.
Targets (issue 16): race >= 200 requests/s on PostgreSQL, the same correctness on SQLite; week
<= 50 ms p95; the desk's loan or return <= 3 queries plus the write."""

import base64
import datetime as dt
import os
import random
import secrets
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SLOTS, PER_SLOT, POOL, RUNS = 20, 10, 20, 30  # PostgreSQL of with_postgres.sh allows 50 connections
EXTRA_THINGS, PER_THING = 3, 2_000


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / "venues.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LINLI_VAR_DIR", str(ROOT / "var" / "bench" / "venues-var"))
    # throwaway field keys: the world is rebuilt at each run, so nothing encrypted outlives them
    os.environ.setdefault("LINLI_FIELD_KEYS", "b1:aes-256-gcm:" + base64.b64encode(secrets.token_bytes(32)).decode())
    os.environ.setdefault("LINLI_BLIND_INDEX_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build():
    from django.db import transaction
    from django.utils import timezone

    from linli.core.tests.world import build_world
    from linli.venues import services as venues
    from linli.venues.models import Booking

    with transaction.atomic():
        world = build_world()
        club, sec = world.venues.club, world.user("secretary")
        things = [world.venues.table, world.venues.room]
        for i in range(EXTRA_THINGS):
            data = venues.ThingInput(venue_id=club.pk, name=f"活动室{i + 1}", kind="room", capacity=10)
            things.append(venues.thing_save(actor=sec, community=world.a, thing=None, data=data))
        first = dt.date(timezone.localdate().year, 1, 1)
        today = timezone.localdate()
        kept = {today + dt.timedelta(days=n) for n in (1, 2, 3, 4)}  # add_venues's booking; the races' days
        rows = []
        for thing in things:
            for j in range(PER_THING):  # over the whole year, five or six a day, two hours apart
                day = first + dt.timedelta(days=j * 365 // PER_THING)
                if thing == things[0] and day in kept:
                    continue
                start = timezone.make_aware(dt.datetime.combine(day, dt.time(8 + 2 * (j % 6))))
                rows.append(Booking(community=world.a, thing=thing, starts_at=start,
                                    ends_at=start + dt.timedelta(hours=1), blocks_until=start + dt.timedelta(hours=1),
                                    kind="staff", booked_by=sec, purpose="基准"))  # fmt: skip
        Booking.objects.bulk_create(rows, batch_size=2000)
    return world, things


def timed(call, runs=RUNS) -> tuple[float, float]:
    call()
    got = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        got.append((time.perf_counter() - start) * 1000)
    got.sort()
    return statistics.median(got), got[int(round(0.95 * (len(got) - 1)))]


def race(world, slots, book, *, close=True) -> tuple[float, list]:
    """Every request of `slots` (a list of (start, end), each repeated) from POOL threads at once."""
    from django.db import connection

    outcomes, lock = [], threading.Lock()
    barrier = threading.Barrier(POOL)
    local = threading.local()

    def one(slot):
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait(timeout=60)  # the pool's threads start together
        try:
            outcome = book(*slot)
        finally:
            if close:
                connection.close()
        with lock:
            outcomes.append((slot[0], outcome))

    def close_kept(_):
        barrier.wait(timeout=60)  # one task per thread, so that each closes its own connection
        connection.close()

    with ThreadPoolExecutor(max_workers=POOL) as pool:
        start = time.perf_counter()
        list(pool.map(one, slots))
        elapsed = time.perf_counter() - start
        if not close:
            list(pool.map(close_kept, range(POOL)))
    return len(slots) / elapsed, outcomes


def check(outcomes) -> str:
    by_slot: dict = {}
    for start, outcome in outcomes:
        by_slot.setdefault(start, []).append(outcome)
    good = all(sorted(v) == ["ok"] + ["overlap"] * (PER_SLOT - 1) for v in by_slot.values())
    seen = sorted({o for _, o in outcomes})
    return f"{len(by_slot)} slots, exactly one ok and {PER_SLOT - 1} 'overlap' each: {good} (outcomes seen: {seen})"


def explain(ctx) -> None:
    if "--explain" in sys.argv:  # the statements of the call just captured
        for q in ctx.captured_queries:
            print("     ", q["sql"][:160])


def main() -> None:
    setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from linli.core.scoping import forget_scope, scope_for
    from linli.lending import services as lending
    from linli.lending.models import Copy, Title
    from linli.venues import services as venues
    from linli.venues.models import Booking
    from linli.venues.selectors import monday_of, week

    world, things = build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    table, worker = world.venues.table, world.user("worker")
    total = Booking.objects.unscoped().filter(thing__in=things).count()
    print(f"database: {connection.vendor}; {len(things)} things in the club, {total} bookings; {RUNS} runs")

    # race: 20 distinct slots of the table the day after tomorrow, 20 minutes each every 30 minutes
    # (the table's 10-minute buffer fills the gap), 10 requests for each
    base = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=2), dt.time(8)))
    starts = [base + dt.timedelta(minutes=30 * i) for i in range(SLOTS)]  # 08:00 ... 17:30
    slots = [(s, s + dt.timedelta(minutes=20)) for s in starts for _ in range(PER_SLOT)]
    random.Random(16).shuffle(slots)

    def ours(start, end):
        try:
            venues.booking_create(actor=worker, thing=table, data=venues.BookingInput(starts_at=start, ends_at=end))
            return "ok"
        except venues.VenueError as exc:
            return exc.code

    rate, outcomes = race(world, slots, ours)
    print(f"  race (ours)  {len(slots)} requests, {POOL} threads: {rate:7.1f} requests/s; {check(outcomes)}")
    buffer = dt.timedelta(minutes=table.buffer_minutes)
    in_day = [(s + dt.timedelta(days=1), e + dt.timedelta(days=1)) for s, e in slots]
    dbt = connection.ops.adapt_datetimefield_value  # raw SQL: datetimes as the ORM stores them (UTC)
    lock_sql = "SELECT id FROM venues_thing WHERE id = %s" + (
        " FOR UPDATE" if connection.vendor == "postgresql" else ""
    )

    def bare(start, end):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(lock_sql, [table.pk])
            cur.execute(
                "SELECT 1 FROM venues_booking WHERE thing_id = %s AND status IN ('pending', 'confirmed', "
                "'checked_in', 'no_show') AND starts_at < %s AND blocks_until > %s LIMIT 1",
                [table.pk, dbt(end + buffer), dbt(start)],
            )
            if cur.fetchone():
                return "overlap"
            now = timezone.now()
            cur.execute(
                "INSERT INTO venues_booking (community_id, thing_id, starts_at, ends_at, blocks_until, status, kind,"
                " booked_by_id, purpose, people, created_at, note) VALUES (%s, %s, %s, %s, %s, 'confirmed',"
                " 'staff', %s, '', 1, %s, '')",
                [world.a.pk, table.pk, dbt(start), dbt(end), dbt(end + buffer), worker.pk, dbt(now)],
            )
            return "ok"

    rate, outcomes = race(world, in_day, bare)
    print(f"  race (SQL)   {len(in_day)} requests, {POOL} threads: {rate:7.1f} requests/s; {check(outcomes)}")
    kept = [(s + dt.timedelta(days=2), e + dt.timedelta(days=2)) for s, e in slots]
    rate, outcomes = race(world, kept, ours, close=False)
    print(f"  race (ours, connections kept: no connect per request) {rate:7.1f} requests/s; {check(outcomes)}")

    nine = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=5), dt.time(9)))
    for label in ("a booking made", "the same slot refused"):
        with CaptureQueriesContext(connection) as ctx:
            ours(nine, nine + dt.timedelta(minutes=20))
        sql = [q["sql"].lstrip().split()[0].upper() for q in ctx.captured_queries]
        print(
            f"  booking_create, {label}: {len(sql)} statements: "
            + ", ".join(f"{k} {sql.count(k)}" for k in sorted(set(sql)))
        )

    # week: this week of the club's things
    monday = monday_of(timezone.localdate())
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time(0)))
    end = start + dt.timedelta(days=7)
    expected = Booking.objects.unscoped().filter(thing__in=things, status__in=Booking.LIVE, starts_at__lt=end,
                                                 ends_at__gt=start).count()  # fmt: skip
    staff = world.user("secretary")

    def week_ours():
        forget_scope(staff)  # a request's scope is built afresh
        days = week(actor=staff, community_id=world.a.pk, things=things, monday=monday)
        assert sum(len(d.items) for d in days) == expected

    def week_sql():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT b.id, b.thing_id, b.starts_at, b.ends_at, b.status, b.kind, b.purpose, t.name, r.name"
                " FROM venues_booking b LEFT JOIN volunteering_team t ON t.id = b.team_id"
                " LEFT JOIN people_resident r ON r.id = b.resident_id"
                " WHERE b.community_id = %s AND b.thing_id IN (" + ", ".join(["%s"] * len(things)) + ")"
                " AND b.status IN ('pending', 'confirmed', 'checked_in', 'no_show')"
                " AND b.starts_at < %s AND b.ends_at > %s ORDER BY b.starts_at",
                [world.a.pk, *[t.pk for t in things], dbt(end), dbt(start)],
            )
            assert len(cur.fetchall()) == expected

    with CaptureQueriesContext(connection) as ctx:
        week_ours()
    print(f"  week: {expected} items this week, {len(ctx.captured_queries)} queries for selectors.week()")
    explain(ctx)
    for name, call in (("week (ours)", week_ours), ("week (SQL)", week_sql)):
        p50, p95 = timed(call)
        print(f"  {name:<12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")

    # desk: lend and return one copy, by card
    title = Title.objects.create(community=world.a, title="围城", author="钱锺书")
    Copy.objects.create(community=world.a, title=title, barcode="Q000001")
    a = world.a.pk

    def lend(fresh=True):
        if fresh:  # a request's scope is built afresh (timed with the call)
            forget_scope(worker)
            scope_for(worker)
        lending.loan_lend(actor=worker, community_id=a, barcode="Q000001", card="A00001")

    def give_back(fresh=True):
        if fresh:
            forget_scope(worker)
            scope_for(worker)
        lending.loan_return(actor=worker, community_id=a, barcode="Q000001")

    for name, call in (("loan_lend", lend), ("loan_return", give_back)):
        forget_scope(worker)
        scope_for(worker)  # the request's scope, built by the middleware before the view (3 queries)
        with CaptureQueriesContext(connection) as ctx:
            call(fresh=False)
        explain(ctx)
        sql = [q["sql"].lstrip().split()[0].upper() for q in ctx.captured_queries]
        print(f"  {name}: {len(sql)} statements: " + ", ".join(f"{k} {sql.count(k)}" for k in sorted(set(sql))))

    def desk_ours():
        lend()
        give_back()

    wang = world.wang.pk
    copy = Copy.objects.unscoped().get(barcode="Q000001", community_id=a)

    def desk_sql():
        today = timezone.localdate()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT c.id, c.status, c.title_id FROM lending_copy c WHERE c.community_id = %s AND"
                        " c.barcode = %s", [a, "Q000001"])  # fmt: skip
            cur.fetchone()
            cur.execute("SELECT r.resident_id FROM lending_readercard r WHERE r.community_id = %s AND r.number = %s",
                        [a, "A00001"])  # fmt: skip
            cur.fetchone()
            cur.execute(
                "INSERT INTO lending_loan (community_id, copy_id, title_id, resident_id, lent_at, due_date,"
                " deposit_fen, condition_out, outcome, condition_in, deposit_kept_fen, renewals)"
                " VALUES (%s, %s, %s, %s, %s, %s, 0, '', 'open', '', 0, 0)",
                [a, copy.pk, title.pk, wang, dbt(timezone.now()), today + dt.timedelta(days=30)],
            )
            cur.execute("UPDATE lending_copy SET status = 'on_loan' WHERE id = %s", [copy.pk])
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT l.id FROM lending_loan l JOIN lending_copy c ON c.id = l.copy_id WHERE"
                        " l.community_id = %s AND c.barcode = %s AND l.returned_at IS NULL", [a, "Q000001"])  # fmt: skip
            (loan_id,) = cur.fetchone()
            cur.execute("UPDATE lending_loan SET returned_at = %s, outcome = 'returned' WHERE id = %s",
                        [dbt(timezone.now()), loan_id])  # fmt: skip
            cur.execute("UPDATE lending_copy SET status = 'available' WHERE id = %s", [copy.pk])

    for name, call in (("desk (ours)", desk_ours), ("desk (SQL)", desk_sql)):
        p50, p95 = timed(call)
        print(f"  {name:<12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (a loan and its return)")


if __name__ == "__main__":
    main()
