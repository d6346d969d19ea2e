"""Hand-made data for the figures' tests: residents with chosen birth, moving and leaving dates in
community A (besides the test world's two), and a helper to run hand-written SQL."""

import datetime as dt

from django.db import connection

from linli.people.models import Move, Resident


def resident(community, name, *, born=None, gender="F", moved_in=None, status="active", moved_out=None, **kw):
    return Resident.objects.create(
        community=community,
        name=name,
        birth_date=born,
        gender=gender,
        moved_in_date=moved_in,
        status=status,
        moved_out_date=moved_out,
        **kw,
    )


def move(community, person, kind, day, user):
    return Move.objects.create(community=community, resident=person, kind=kind, date=day, recorded_by=user)


def sql(query: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return [tuple(row) for row in cursor.fetchall()]


def sql_one(query: str, params: list):
    return sql(query, params)[0][0]


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
