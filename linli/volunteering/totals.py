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
    where, args = "", []
    if community_ids is not None:
        ids = [int(c) for c in community_ids] or [0]
        where = f" AND {v}.community_id IN ({', '.join(['%s'] * len(ids))})"
        args = ids
    star = " + ".join(f"CASE WHEN {v}.carried_minutes + {v}.verified_minutes >= {h * 60} THEN 1 ELSE 0 END"
                      for h in STAR_HOURS)  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {v} SET verified_minutes = 0 WHERE verified_minutes <> 0 AND NOT EXISTS "
            f"(SELECT 1 FROM {r} WHERE {r}.volunteer_id = {v}.id AND {r}.status = 'verified'){where}",
            args,
        )
        cursor.execute(
            f"UPDATE {v} SET verified_minutes = t.total FROM (SELECT volunteer_id, SUM(minutes) AS total FROM {r} "
            f"WHERE status = 'verified' GROUP BY volunteer_id) AS t WHERE t.volunteer_id = {v}.id "
            f"AND {v}.verified_minutes <> t.total{where}",
            args,
        )
        cursor.execute(
            # Carried: what his first registration brought (hours from before the platform) plus
            # what he served under each earlier registration (new registrations have higher ids).
            f"UPDATE {v} SET carried_minutes = COALESCE((SELECT SUM(o.verified_minutes) FROM {v} o "
            f"WHERE o.person = {v}.person AND o.id < {v}.id), 0) + (SELECT f.carried_minutes FROM {v} f "
            f"WHERE f.person = {v}.person ORDER BY f.id LIMIT 1) WHERE {v}.person IN (SELECT person FROM {v} "
            f"GROUP BY person HAVING COUNT(*) > 1){where}",
            args,
        )
        cursor.execute(f"UPDATE {v} SET star = {star} WHERE star <> ({star}){where}", args)
        cursor.execute(
            f"UPDATE {v} SET points_balance = 0 WHERE points_balance <> 0 AND NOT EXISTS "
            f"(SELECT 1 FROM {p} WHERE {p}.volunteer_id = {v}.id){where}",
            args,
        )
        cursor.execute(
            f"UPDATE {v} SET points_balance = t.total FROM (SELECT volunteer_id, SUM(points) AS total FROM {p} "
            f"GROUP BY volunteer_id) AS t WHERE t.volunteer_id = {v}.id AND {v}.points_balance <> t.total{where}",
            args,
        )
        cursor.execute(f"SELECT COUNT(*) FROM {v} WHERE 1 = 1{where}", args)
        return cursor.fetchone()[0]
