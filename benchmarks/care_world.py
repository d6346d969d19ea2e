"""The world of benchmarks/care.py: built once with bulk SQL and kept (see that file's docstring)."""

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
COMMUNITIES, GRIDS, PER_BUILDING = 20, 10, 100
HOUSEHOLDS = int(20_000 * SCALE)  # per community
PLANS = int(2_500 * SCALE)  # care plans per community
RUNS, BATCH = 20, 200


def progress(what: str, started: float) -> None:
    print(f"  build: {what} ({time.perf_counter() - started:.0f} s)", flush=True)


class Sql:
    """The few expressions that differ between PostgreSQL and SQLite in the bulk build."""

    def __init__(self, vendor: str):
        self.pg = vendor == "postgresql"

    def series(self, n: int) -> str:  # a CTE `s(n)` of 1..n, to put before SELECT
        if self.pg:
            return f"WITH s(n) AS (SELECT generate_series(1, {int(n)}))"
        return f"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {int(n)})"

    def uuid(self) -> str:
        return "gen_random_uuid()" if self.pg else "lower(hex(randomblob(16)))"

    def minus_seconds(self, expr: str) -> str:  # the %s timestamp less `expr` seconds
        return (
            f"(%s::timestamptz - ({expr}) * interval '1 second')"
            if self.pg
            else f"datetime(%s, '-' || ({expr}) || ' seconds')"
        )

    def plus_days(self, expr: str) -> str:  # the %s date plus `expr` days
        return f"(%s::date + ({expr})::int)" if self.pg else f"date(%s, ({expr}) || ' days')"


def build():
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from linli.care.services.plans import default_plans
    from linli.people.models import Tag
    from linli.places.models import Compound, Grid, GridAssignment
    from linli.tenancy.models import Community, Membership, Region
    from linli.tenancy.permissions import Role

    User = get_user_model()
    communities = list(Community.objects.filter(code__startswith="bench-care-").order_by("code"))
    if len(communities) == COMMUNITIES:
        return communities
    started = time.perf_counter()
    q = Sql(connection.vendor)
    now = timezone.now()
    today = timezone.localdate()
    ts = connection.ops.adapt_datetimefield_value
    with transaction.atomic(), connection.cursor() as cur:
        if q.pg:
            cur.execute("SET LOCAL session_replication_role = replica")
        street = Region.objects.create(name="基准街道(关爱)", level=Region.Level.STREET)
        for i in range(COMMUNITIES):
            c = Community.objects.create(code=f"bench-care-{i:02d}", name=f"基准社区{i + 1}", street=street,
                                         home_area_prefix="1403")  # fmt: skip
            communities.append(c)
            Compound.objects.create(community=c, name=f"基准小区{i + 1}")
            sec = User.objects.create(username=f"bench-care-{i:02d}-sec")
            Membership.objects.create(user=sec, role=Role.SECRETARY, community=c)
            for g in range(GRIDS):
                grid = Grid.objects.create(community=c, name=f"第{g}网格", code=f"G{g}")
                user = User.objects.create(username=f"bench-care-{i:02d}-grid{g}")
                Membership.objects.create(user=user, role=Role.GRID_WORKER, community=c)
                GridAssignment.objects.create(community=c, grid=grid, user=user)
            for name in ("独居老人", "高龄", "残疾"):
                Tag.objects.create(community=c, name=name)
            default_plans(c)
        ids = ", ".join(str(c.pk) for c in communities)
        progress("communities, grids, workers, plans", started)

        def analyze(*tables: str) -> None:  # the planner must see the rows just inserted (else nested loops)
            if q.pg:
                cur.execute("ANALYZE " + ", ".join(tables))

        cur.execute(
            f"INSERT INTO places_building (name, community_id, compound_id, grid_id) {q.series(HOUSEHOLDS // PER_BUILDING)}"
            " SELECT s.n || '栋', c.id, cp.id, g.id FROM s, tenancy_community c"
            " JOIN places_compound cp ON cp.community_id = c.id"
            f" JOIN places_grid g ON g.community_id = c.id WHERE c.id IN ({ids}) AND g.code = 'G' || (s.n % {GRIDS})"
        )
        cur.execute(
            f"INSERT INTO places_dwelling (room, use, building_id, community_id) {q.series(PER_BUILDING)}"
            f" SELECT (s.n / 4 + 1) || '0' || (s.n % 4 + 1), 'owner', b.id, b.community_id FROM s, places_building b"
            f" WHERE b.community_id IN ({ids})"
        )
        cur.execute(
            "INSERT INTO people_household (number, status, notes, version, created_at, community_id, dwelling_id)"
            " SELECT 'H' || d.id, 'active', '', 1, %s, d.community_id, d.id FROM places_dwelling d"
            f" WHERE d.community_id IN ({ids})",
            [ts(now)],
        )
        analyze("places_building", "places_dwelling", "people_household")
        progress("buildings, dwellings, households", started)
        cur.execute(
            "INSERT INTO people_resident (uid, name, name_pinyin, name_abbr, name_shengmu, gender, ethnicity,"
            " id_number_enc, id_number_bidx, phone_enc, phone_bidx, phone_last4, residence, hukou_area_code,"
            " hukou_address, status, occupation, free_time, notes, version, created_at, updated_at, community_id,"
            f" dwelling_id) {q.series(2)} SELECT {q.uuid()}, '居民' || h.id || '-' || s.n, '', '', '', '', '', '', '',"
            " '', '', '', 'registered', '', '', 'active', '', '', '', 1, %s, %s, h.community_id, h.dwelling_id"
            f" FROM s, people_household h WHERE h.community_id IN ({ids})",
            [ts(now), ts(now)],
        )
        analyze("people_resident")
        cur.execute(
            "INSERT INTO people_householdmember (relation, joined_date, community_id, household_id, resident_id)"
            " SELECT CASE WHEN r.name LIKE '%%-1' THEN 'head' ELSE 'spouse' END, %s, r.community_id, h.id, r.id"
            " FROM people_resident r JOIN people_household h ON h.dwelling_id = r.dwelling_id"
            f" WHERE r.community_id IN ({ids})",
            [today - dt.timedelta(days=3000)],
        )
        for name, cond in (("独居老人", "r.id %% 20 = 0"), ("高龄", "r.id %% 10 = 1"), ("残疾", "r.id %% 33 = 2")):
            cur.execute(
                "INSERT INTO people_residenttag (note, added_at, community_id, resident_id, tag_id)"
                " SELECT '', %s, r.community_id, r.id, t.id FROM people_resident r JOIN people_tag t"
                f" ON t.community_id = r.community_id AND t.name = %s WHERE r.community_id IN ({ids}) AND {cond}",
                [ts(now), name],
            )
        analyze("people_resident", "people_householdmember", "people_residenttag")
        progress("residents, members, tags", started)
        span = 730 * 86400
        for i, c in enumerate(communities):  # one community at a time, for progress
            cur.execute(
                "INSERT INTO care_visit (key, household_id, dwelling_id, grid_id, visitor_id, visited_at, purpose,"
                " outcome, seen, findings, note, photo, photo_type, created_at, community_id)"
                f" {q.series(13)} SELECT {q.uuid()}, h.id, h.dwelling_id, b.grid_id, a.user_id,"
                f" {q.minus_seconds(f'(h.id * 7919 + s.n * 104729) %% {span}')}, 'routine',"
                " CASE WHEN (h.id + s.n) %% 10 = 0 THEN 'nobody' ELSE 'met' END, '[]', '[\"fine\"]', '', '', '', %s,"
                " h.community_id FROM s, people_household h JOIN places_dwelling d ON d.id = h.dwelling_id"
                " JOIN places_building b ON b.id = d.building_id JOIN places_gridassignment a ON a.grid_id = b.grid_id"
                " WHERE h.community_id = %s AND (s.n <= 12 OR h.id %% 2 = 0)",
                [ts(now), ts(now), c.pk],
            )
            progress(f"visits of community {i + 1}/{COMMUNITIES}", started)
        cur.execute(
            "INSERT INTO care_careplan (uid, resident_id, grid_id, reason, health_notes_enc, status, created_by_id,"
            f" created_at, community_id) SELECT {q.uuid()}, r.id, b.grid_id, '独居老人', '', 'active', m.user_id, %s,"
            " r.community_id FROM people_resident r JOIN places_dwelling d ON d.id = r.dwelling_id"
            " JOIN places_building b ON b.id = d.building_id"
            " JOIN tenancy_membership m ON m.community_id = r.community_id AND m.role = 'secretary'"
            f" WHERE r.community_id IN ({ids}) AND r.id %% 16 = 0",
            [ts(now)],
        )
        analyze("care_careplan")
        cur.execute(
            "INSERT INTO care_careschedule (plan_id, grid_id, kind, every_days, responsible_user_id,"
            " responsible_name, next_due_date, active, community_id)"
            f" SELECT p.id, p.grid_id, 'phone', 7, a.user_id, '', {q.plus_days('p.id %% 10 - 2')}, %s, p.community_id"
            " FROM care_careplan p JOIN places_gridassignment a ON a.grid_id = p.grid_id"
            f" WHERE p.community_id IN ({ids})",
            [today, True],
        )
        cur.execute(
            "INSERT INTO care_carecontact (key, plan_id, grid_id, kind, reached, note, contacted_at, by_id,"
            f" community_id) SELECT {q.uuid()}, p.id, p.grid_id, 'phone', %s, '电话没人接', %s, a.user_id,"
            " p.community_id FROM care_careplan p JOIN places_gridassignment a ON a.grid_id = p.grid_id"
            f" WHERE p.community_id IN ({ids}) AND p.id %% 50 = 3",
            [False, ts(now - dt.timedelta(days=1))],
        )
        progress("care plans, schedules, contacts", started)
    return communities
