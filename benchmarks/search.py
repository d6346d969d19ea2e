"""Resident search: p50/p95 per kind of query, through the service layer and as hand-written SQL
of the same query, timed in the same run.

    scripts/with_postgres.sh .venv/bin/python benchmarks/search.py --residents 1000000
    DATABASE_URL= .venv/bin/python benchmarks/search.py --residents 200000

Without DATABASE_URL it uses var/bench/search-<N>.sqlite3 and keeps it for the next run. The city
is made by `generate_population` (communities of 20,000 by default, as DESIGN.md's largest)."""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(residents: int) -> None:
    if not os.environ.get("DATABASE_URL"):
        path = Path(__file__).resolve().parent.parent / "var" / "bench" / f"search-{residents}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def build(residents: int, per_community: int) -> None:
    from django.core.management import call_command

    from linli.people.models import Resident

    call_command("migrate", verbosity=0)
    have = Resident.objects.unscoped().filter(community__code__startswith="bench-").count()
    if have >= residents * 0.99:
        return
    if have:
        sys.exit(f"The database holds a partial bench city ({have:,} residents); drop it and run again.")
    started = time.monotonic()
    call_command("generate_population", communities=max(1, residents // per_community), residents=residents,
                 prefix="bench", no_households=False)  # fmt: skip
    print(f"generated {residents:,} residents in {time.monotonic() - started:.0f}s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def samples(community, rng: random.Random, count: int) -> dict[str, list[str]]:
    from linli.people.models import Resident
    from linli.people.services import resident_pii

    pool = list(Resident.objects.in_community(community).order_by("?")[:4000])
    two = [r.name for r in pool if len(r.name) == 2]
    three = [r.name for r in pool if len(r.name) == 3]
    with_phone = [r for r in pool if r.phone_last4]
    return {
        "two-character name": rng.choices(two, k=count),
        "three-character name": rng.choices(three, k=count),
        "partial name (given name)": [n[1:] for n in rng.choices(three, k=count)],
        "pinyin initials": [r.name_abbr for r in rng.choices(pool, k=count)],
        "phone last four": [r.phone_last4 for r in rng.choices(with_phone, k=count)],
        "exact ID number": [resident_pii(r, "id_number") for r in rng.choices(pool, k=count)],
    }


def selector_page(actor, community, query: str) -> tuple[int, list]:
    """What the resident list asks of the selector: the first page with addresses and visible
    tags, and the count (a separate query only when the page is full)."""
    from linli.core.scoping import scope_for
    from linli.core.ui import first_page
    from linli.people.selectors import ResidentFilters, list_rows, resident_list

    filters = ResidentFilters(community_id=community.pk, query=query)
    residents = list_rows(resident_list(actor=actor, filters=filters), scope_for(actor))
    rows, count = first_page(residents, 25)
    return (residents.count() if count is None else count), rows


def service_page(actor, community, query: str) -> int:
    """What a page request costs in the service layer: the scope built afresh, the selector,
    and every ID and phone number of the page decrypted and masked."""
    from linli.core.scoping import scope_for
    from linli.people.presenters import present_all

    total, rows = selector_page(actor, community, query)
    present_all(rows, scope_for(actor))
    return total


WHERE = {
    "name": """r.id IN (SELECT k.resident_id FROM people_residentnamekey k WHERE k.community_id = %(c)s AND k.key = %(key)s)
               AND r.name LIKE %(like)s""",
    "pinyin": """((r.name_abbr >= %(q)s AND r.name_abbr < %(hi)s) OR (r.name_shengmu >= %(q)s AND r.name_shengmu < %(hi)s)
               OR (r.name_pinyin >= %(q)s AND r.name_pinyin < %(hi)s))""",
    "phone4": "r.phone_last4 = %(q)s",
    "id_number": "r.id_number_bidx = %(bidx)s",
}
ORDER = {
    "name": "CASE WHEN r.name = %(q)s THEN 0 WHEN r.name LIKE %(prefix)s THEN 1 ELSE 2 END, r.name, r.id",
    "pinyin": "r.name_pinyin, r.id",
    "phone4": "r.name, r.id",
    "id_number": "r.name, r.id",
}
PAGE_SQL = """
    SELECT r.id, r.community_id, r.uid, r.name, r.name_pinyin, r.gender, r.birth_date, r.status, r.residence,
           r.moved_in_date, r.moved_out_date, r.version, r.id_number_enc, r.phone_enc, r.dwelling_id,
           d.room, d.unit_id, u.name, d.building_id, b.name, b.compound_id, c.name
    FROM people_resident r
    LEFT JOIN places_dwelling d ON d.id = r.dwelling_id LEFT JOIN places_unit u ON u.id = d.unit_id
    LEFT JOIN places_building b ON b.id = d.building_id LEFT JOIN places_compound c ON c.id = b.compound_id
    WHERE r.community_id = %(c)s AND r.status = 'active' AND {where} ORDER BY {order} LIMIT 26"""
COUNT_SQL = "SELECT count(*) FROM people_resident r WHERE r.community_id = %(c)s AND r.status = 'active' AND {where}"
TAGS_SQL = """SELECT rt.resident_id, t.name FROM people_residenttag rt JOIN people_tag t ON t.id = rt.tag_id
              WHERE rt.community_id = %(c)s AND t.sensitive = {false} AND rt.resident_id IN ({ids})"""


def raw_page(community, query: str) -> int:
    """The same search written by hand: the page with its addresses, the count when the page is
    full, the page's tags."""
    from django.db import connection

    from linli.core import crypto
    from linli.people.selectors import classify_query

    kind = classify_query(query).kind
    params = {"c": community.pk, "q": query, "hi": query + "\U0010ffff", "key": query[:2], "like": f"%{query}%",
              "prefix": f"{query}%", "bidx": crypto.blind_index(query, purpose="id_number")}  # fmt: skip

    def run(sql):
        if connection.vendor == "sqlite":
            sql = sql.replace("%(", ":").replace(")s", "")
        cursor.execute(sql, params)
        return cursor.fetchall()

    with connection.cursor() as cursor:
        rows = run(PAGE_SQL.format(where=WHERE[kind], order=ORDER[kind]))
        total = len(rows) if len(rows) <= 25 else run(COUNT_SQL.format(where=WHERE[kind]))[0][0]
        rows = rows[:25]
        if rows:
            false = "0" if connection.vendor == "sqlite" else "false"
            run(TAGS_SQL.format(false=false, ids=",".join(str(r[0]) for r in rows)))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--per-community", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    args = parser.parse_args()
    setup(args.residents)
    build(args.residents, args.per_community)

    from django.contrib.auth import get_user_model
    from django.db import connection

    from linli.tenancy.models import Community, Membership
    from linli.tenancy.permissions import Role

    community = Community.objects.filter(code__startswith="bench-").order_by("code").first()
    worker, _ = get_user_model().objects.get_or_create(username="bench.worker")
    Membership.objects.get_or_create(user=worker, role=Role.WORKER, community=community)
    rng = random.Random(7)
    queries = samples(community, rng, args.queries)
    print(
        f"\n{connection.vendor}, {args.residents:,} residents in {Community.objects.filter(code__startswith='bench-').count()} "
        f"communities; a community worker searching {community.name}; {args.queries} queries per kind\n"
    )
    print(
        "| kind | service p50 / p95 | selector p50 / p95 | raw SQL p50 / p95 | selector ÷ raw (p95) | service ÷ raw (p95) | mean hits |"
    )
    print("|---|---|---|---|---|---|---|")
    same_request = get_user_model().objects.get(pk=worker.pk)
    for kind, values in queries.items():
        service_times, selector_times, raw_times, hits = [], [], [], []
        for query in values:
            fresh = get_user_model().objects.get(pk=worker.pk)  # a new request: the scope is rebuilt
            t0 = time.perf_counter()
            hits.append(service_page(fresh, community, query))
            t1 = time.perf_counter()
            selector_page(same_request, community, query)
            t2 = time.perf_counter()
            assert raw_page(community, query) == hits[-1], f"raw SQL and service disagree for {query!r}"
            t3 = time.perf_counter()
            service_times.append((t1 - t0) * 1000)
            selector_times.append((t2 - t1) * 1000)
            raw_times.append((t3 - t2) * 1000)
        cells = []
        for times in (service_times, selector_times, raw_times):
            cells.append(f"{statistics.median(times):.1f} / {percentile(times, 0.95):.1f} ms")
        raw95 = percentile(raw_times, 0.95)
        print(
            f"| {kind} | {' | '.join(cells)} | {percentile(selector_times, 0.95) / raw95:.1f}× "
            f"| {percentile(service_times, 0.95) / raw95:.1f}× | {statistics.mean(hits):.1f} |"
        )


if __name__ == "__main__":
    main()
