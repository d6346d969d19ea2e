"""Rebuilding the volunteers' totals from their rows (a repair and the nightly check).

The SQL is built from model metadata (table names) and takes values only as parameters."""

from django.db import connection, transaction

from linli.volunteering.models import STAR_HOURS, PointEntry, ServiceRecord, Volunteer


def recompute_totals(community_ids=None) -> int:
    """Rebuild every volunteer's verified minutes, carried minutes, star and points balance from the
    records and the ledger (a repair, and the nightly check). Set-based SQL: a handful of statements
    whatever the number of volunteers. Returns the number of volunteers looked at."""
    v = Volunteer._meta.db_table
    r = ServiceRecord._meta.db_table
    p = PointEntry._meta.db_table
    ids = None if community_ids is None else ([int(c) for c in community_ids] or [0])
    marks = ", ".join(["%s"] * len(ids)) if ids else ""

    def only(table: str, glue: str = "AND") -> str:
        return f" {glue} {table}.community_id IN ({marks})" if ids else ""

    args = ids or []
    star = " + ".join(
        f"CASE WHEN {v}.carried_minutes + {v}.verified_minutes >= {h * 60} THEN 1 ELSE 0 END" for h in STAR_HOURS
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # 1. Hours and points of every volunteer from his records and the ledger. The sums are taken
        #    by a SELECT into a temporary table (PostgreSQL runs it in parallel; it does not for the
        #    subqueries of an UPDATE), then only the volunteers whose totals differ are written.
        cursor.execute("DROP TABLE IF EXISTS volunteer_totals_now")
        cursor.execute(
            f"CREATE TEMPORARY TABLE volunteer_totals_now AS "
            f"SELECT w.id, COALESCE(m.total, 0) AS minutes, COALESCE(q.total, 0) AS points FROM {v} w "
            f"LEFT JOIN (SELECT volunteer_id, SUM(minutes) AS total FROM {r} WHERE status = 'verified'"
            f"{only(r)} GROUP BY volunteer_id) m ON m.volunteer_id = w.id "
            f"LEFT JOIN (SELECT volunteer_id, SUM(points) AS total FROM {p}{only(p, 'WHERE')} "
            f"GROUP BY volunteer_id) q ON q.volunteer_id = w.id{only('w', 'WHERE')}",
            args * 3,
        )
        cursor.execute(
            f"UPDATE {v} SET verified_minutes = t.minutes, points_balance = t.points FROM volunteer_totals_now t "
            f"WHERE t.id = {v}.id AND ({v}.verified_minutes <> t.minutes OR {v}.points_balance <> t.points)"
        )
        cursor.execute("DROP TABLE volunteer_totals_now")
        # 2. Carried: what his first registration brought (hours from before the platform) plus what
        #    he served under each earlier registration (new registrations have higher ids).
        cursor.execute(
            f"UPDATE {v} SET carried_minutes = COALESCE((SELECT SUM(o.verified_minutes) FROM {v} o "
            f"WHERE o.person = {v}.person AND o.id < {v}.id), 0) + (SELECT f.carried_minutes FROM {v} f "
            f"WHERE f.person = {v}.person ORDER BY f.id LIMIT 1) WHERE {v}.person IN (SELECT person FROM {v} "
            f"GROUP BY person HAVING COUNT(*) > 1){only(v)}",
            args,
        )
        # 3. Stars from the hours in all.
        cursor.execute(f"UPDATE {v} SET star = {star} WHERE star <> ({star}){only(v)}", args)
        cursor.execute(f"SELECT COUNT(*) FROM {v}{only(v, 'WHERE')}", args)
        return cursor.fetchone()[0]
