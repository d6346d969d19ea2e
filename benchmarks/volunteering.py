"""Volunteers at city scale: 200,000 volunteers with 5,000,000 service records on PostgreSQL.

    scripts/with_postgres.sh .venv/bin/python benchmarks/volunteering.py
    (DATABASE_URL= ... runs it on var/bench/volunteering-<N>.sqlite3; the targets are for PostgreSQL)

The city: 100 communities; one of them holds 20,000 volunteers (the ranking target), the others
share the rest. Each volunteer has ~25 records over two years (92 % verified) and one time-bank
entry per verified record. Built once and kept (COPY through core.bulk.BulkWriter).

Measures, with a hand-written baseline of each in the same run:
  rank       - matching.rank() for one need (skills, an hour, a building) over the 20,000 volunteers
               of one community, p50/p95 over 30 runs; baseline: the same columns read with a cursor
  recompute  - totals.recompute_totals() over the whole city, first with every total wrong (all
               zero), then again with nothing to change; baseline: one hand-written
               SELECT volunteer_id, SUM(minutes) … GROUP BY over the records
  person     - selectors.person_totals() of one volunteer (lifetime, this year, pending, star,
               points), p50/p95 over 300 random volunteers; baseline: the volunteer row by key
Targets (issue 5): rank ≤ 100 ms; recompute ≤ 5 s on PostgreSQL; per-person read ≤ 10 ms."""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PREFIX = "bench-vol"
BIG = 20_000


def setup(volunteers: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / f"volunteering-{volunteers}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def build(volunteers: int, records: int, communities: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from linli.core.bulk import BulkWriter
    from linli.places.models import Building, Compound, Grid
    from linli.tenancy.models import Community, Region
    from linli.volunteering import slots
    from linli.volunteering.models import PointEntry, ServiceKind, ServiceRecord, Volunteer

    call_command("migrate", verbosity=0)
    have = Volunteer.objects.unscoped().filter(community__code__startswith=PREFIX).count()
    if have >= BIG + (volunteers - BIG) // (communities - 1) * (communities - 1):
        return
    if have:
        sys.exit(f"A partial bench city is there ({have:,} volunteers): drop the database and run again.")
    started = time.monotonic()
    rng = random.Random(7)
    now = timezone.now()
    street, _ = Region.objects.get_or_create(name="志愿基准街道", level=Region.Level.STREET, parent=None)
    skills = ["理发", "维修", "水电维修", "陪护", "电脑", "医疗", "法律咨询", "书法", "唱歌", "驾驶", "心理疏导", "急救", "摄影",
              "辅导", "烹饪", "手工", "宣传写作", "垃圾分类"]  # fmt: skip
    patterns = [slots.WEEKEND, slots.WEEKDAYS & sum(slots.bit(d, 2) for d in range(7)), slots.ALL, 0,
                slots.bit(2, 1) | slots.bit(5, 0)]  # fmt: skip
    v_fields = {f.attname: f.get_default() for f in Volunteer._meta.concrete_fields}
    r_fields = {f.attname: f.get_default() for f in ServiceRecord._meta.concrete_fields}
    p_fields = {f.attname: f.get_default() for f in PointEntry._meta.concrete_fields}
    v_writer, r_writer, p_writer = BulkWriter(Volunteer), BulkWriter(ServiceRecord), BulkWriter(PointEntry)
    per_record = records / volunteers
    rest = (volunteers - BIG) // (communities - 1)
    written = 0
    for c in range(communities):
        size = BIG if c == 0 else rest
        with transaction.atomic():
            community = Community.objects.create(code=f"{PREFIX}-{c:03d}", name=f"志愿基准社区{c:03d}", street=street)
            compounds = [Compound.objects.create(community=community, name=f"小区{i}") for i in range(4)]
            grids = [Grid.objects.create(community=community, name=f"网格{i}") for i in range(4)]
            buildings = [
                Building.objects.create(
                    community=community, compound=compounds[i % 4], grid=grids[i % 4], name=f"{i}栋"
                )
                for i in range(40)
            ]
            rows = []
            for i in range(size):
                b = rng.choice(buildings)
                row = dict(v_fields)
                row.update(
                    community_id=community.pk, person=uuid.uuid4(), name=f"志愿者{c}-{i}", compound_id=b.compound_id,
                    building_id=b.pk, grid_id=b.grid_id, skills=rng.sample(skills, rng.randint(0, 3)),
                    free_slots=rng.choice(patterns), kinds=rng.sample(ServiceKind.values, rng.randint(0, 2)),
                    in_service=rng.random() < 0.1, status="active" if rng.random() < 0.95 else "left",
                    joined_on=now.date(), created_at=now,
                )  # fmt: skip
                rows.append(row)
            v_writer.write_values(rows)
            ids = [r["id"] for r in rows]
            r_rows, p_rows = [], []
            for vid in ids:
                for _k in range(int(per_record * 2 * rng.random()) if c else int(per_record)):
                    start = now - dt.timedelta(days=rng.randint(1, 730), hours=rng.randint(0, 12))
                    minutes = rng.choice([60, 90, 120, 180, 240])
                    status = "verified" if rng.random() < 0.92 else rng.choice(["pending", "rejected"])
                    rr = dict(r_fields)
                    rr.update(
                        community_id=community.pk, volunteer_id=vid, title="基准服务", started_at=start,
                        ended_at=start + dt.timedelta(minutes=minutes), day=start.date(), minutes=minutes,
                        status=status, points=minutes // 6 if status == "verified" else 0, logged_at=start,
                        verified_at=start if status == "verified" else None,
                    )  # fmt: skip
                    r_rows.append(rr)
                if len(r_rows) >= 100_000:
                    written += _flush(r_writer, p_writer, r_rows, p_rows, p_fields)
                    r_rows, p_rows = [], []
            written += _flush(r_writer, p_writer, r_rows, p_rows, p_fields)
        if c % 10 == 9:
            print(f"  {c + 1} communities, {written:,} records, {time.monotonic() - started:.0f} s", flush=True)
    for writer in (v_writer, r_writer, p_writer):
        writer.finish()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {volunteers:,} volunteers and {written:,} records in {time.monotonic() - started:.0f} s")


def _flush(r_writer, p_writer, r_rows, p_rows, p_fields) -> int:
    r_writer.write_values(r_rows)
    for r in r_rows:
        if r["status"] == "verified":
            row = dict(p_fields)
            row.update(community_id=r["community_id"], volunteer_id=r["volunteer_id"], kind="earn",
                       points=r["points"], record_id=r["id"], at=r["verified_at"])  # fmt: skip
            p_rows.append(row)
    p_writer.write_values(p_rows)
    return len(r_rows)


def rank(rounds: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from linli.tenancy.models import Community
    from linli.volunteering.matching import Need
    from linli.volunteering.matching import rank as rank_need
    from linli.volunteering.models import Volunteer

    community = Community.objects.get(code=f"{PREFIX}-000")
    size = Volunteer.objects.in_community(community).filter(status="active").count()
    building = Volunteer.objects.in_community(community).values_list("building_id", flat=True).first()
    saturday = timezone.localtime() + dt.timedelta(days=(5 - timezone.localtime().weekday()) % 7)
    need = Need(community.pk, "义剪", skills=["理发", "陪护"], at=saturday.replace(hour=9), building_id=building)
    rank_need(need)  # warm
    times, base = [], []
    table = Volunteer._meta.db_table
    for _ in range(rounds):
        t = time.perf_counter()
        top = rank_need(need)
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, name, skills, free_slots, building_id, compound_id, grid_id, kinds, in_service, star "
                f"FROM {table} WHERE community_id = %s AND status = 'active'",
                [community.pk],
            )
            cursor.fetchall()
        base.append((time.perf_counter() - t) * 1000)
    print(f"rank: {size:,} active volunteers, top {len(top)} (best {top[0].score}: {'; '.join(top[0].reasons)})")
    print(f"  rank()            p50 {statistics.median(times):6.1f} ms   p95 {percentile(times, 0.95):6.1f} ms")
    print(f"  baseline (cursor) p50 {statistics.median(base):6.1f} ms   p95 {percentile(base, 0.95):6.1f} ms")


def recompute() -> None:
    from django.db import connection
    from django.db.models import Count

    from linli.volunteering.models import ServiceRecord, Volunteer
    from linli.volunteering.totals import recompute_totals

    table = ServiceRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        records = cursor.fetchone()[0]
        cursor.execute(f"UPDATE {Volunteer._meta.db_table} SET verified_minutes = 0, star = 0, points_balance = 0")
    t = time.perf_counter()
    looked = recompute_totals()
    first = time.perf_counter() - t
    t = time.perf_counter()
    recompute_totals()
    again = time.perf_counter() - t
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT volunteer_id, SUM(minutes) FROM {table} WHERE status = 'verified' GROUP BY volunteer_id"
        )
        cursor.fetchall()
    base = time.perf_counter() - t
    stars = dict(Volunteer.objects.unscoped().values("star").annotate(n=Count("pk")).values_list("star", "n"))
    print(f"recompute: {looked:,} volunteers, {records:,} records; stars {dict(sorted(stars.items()))}")
    print(f"  every total wrong  {first:6.2f} s")
    print(f"  nothing to change  {again:6.2f} s")
    print(f"  baseline GROUP BY  {base:6.2f} s")


def person(rounds: int) -> None:
    from django.db import connection

    from linli.volunteering.models import Volunteer
    from linli.volunteering.selectors import person_totals

    rng = random.Random(3)
    top = Volunteer.objects.unscoped().order_by("-pk").values_list("pk", flat=True).first()
    ids = [rng.randint(1, top) for _ in range(rounds)]
    times, base = [], []
    for pk in ids:
        t = time.perf_counter()
        volunteer = Volunteer.objects.unscoped().filter(pk=pk).first()
        if volunteer is None:
            continue
        person_totals(volunteer)
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {Volunteer._meta.db_table} WHERE id = %s", [pk])
            cursor.fetchone()
        base.append((time.perf_counter() - t) * 1000)
    print(f"person: {len(times)} volunteers")
    print(f"  person_totals()   p50 {statistics.median(times):6.2f} ms   p95 {percentile(times, 0.95):6.2f} ms")
    print(f"  baseline (row)    p50 {statistics.median(base):6.2f} ms   p95 {percentile(base, 0.95):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--volunteers", type=int, default=200_000)
    parser.add_argument("--records", type=int, default=5_000_000)
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--only", choices=["rank", "recompute", "person"])
    args = parser.parse_args()
    setup(args.volunteers)
    from django.db import connection

    print(f"database: {connection.vendor}")
    build(args.volunteers, args.records, args.communities)
    if args.only in (None, "rank"):
        rank(args.rounds)
    if args.only in (None, "person"):
        person(300)
    if args.only in (None, "recompute"):
        recompute()


if __name__ == "__main__":
    main()
