"""people's figures agree with hand-written SQL over hand-made residents (on SQLite and PostgreSQL):
residents living here as of a month's last day, the 60-and-over, 新市民 and their share, moves."""

import datetime as dt

import pytest

from linli.core import figures as f
from linli.core import modules
from linli.reports import values
from linli.reports.tests.handmade import move, resident, sql, sql_one, years_before


@pytest.fixture
def town(world, today):
    a = world.a
    month = f.month_start(today)
    last = f.shift_month(month, -1)
    people = {
        "old": resident(
            a, "老李", born=years_before(today, 70), moved_in=dt.date(2000, 1, 1), hukou_area_code="440600"
        ),
        "new": resident(a, "小周", born=years_before(today, 30), moved_in=month, hukou_area_code="510100"),
        "left": resident(
            a,
            "老陈",
            born=years_before(today, 61),
            moved_in=dt.date(2010, 5, 1),
            status="moved_out",
            moved_out=f.month_end(last) + dt.timedelta(days=1),
            hukou_area_code="510100",
        ),
        "arrived_last": resident(a, "小吴", born=years_before(today, 25), moved_in=last, hukou_area_code="350100"),
    }
    user = world.user("secretary")
    move(a, people["new"], "in", month, user)
    move(a, people["arrived_last"], "in", last, user)
    move(a, people["left"], "out", f.month_end(last) + dt.timedelta(days=1), user)
    return {"a": a, "month": month, "last": last, "people": people}


LIVING = """SELECT COUNT(*) FROM people_resident WHERE community_id = %s
  AND (moved_in_date IS NULL OR moved_in_date <= %s)
  AND (status = 'active' OR moved_out_date > %s)"""


def _value(key, community, month):
    fig = modules.figure_catalogue()[key]
    return values.compute(fig, {community.pk}, month)[community.pk][f.WHOLE]


def test_residents_this_month_and_last_agree_with_sql(town, today):
    a, last_day = town["a"], f.month_end(town["last"])
    assert _value("residents", a, town["month"])[0] == sql_one(
        "SELECT COUNT(*) FROM people_resident WHERE community_id = %s AND status = 'active'"
        " AND (moved_in_date IS NULL OR moved_in_date <= %s)", [a.pk, today]
    )  # fmt: skip
    expected_last = sql_one(LIVING, [a.pk, last_day, last_day])
    assert _value("residents", a, town["last"])[0] == expected_last
    # 老陈 left after last month ended and 小周 came this month: last month counts 老陈, not 小周
    names = sql(
        "SELECT name FROM people_resident WHERE community_id = %s AND (moved_in_date IS NULL OR"
        " moved_in_date <= %s) AND (status = 'active' OR moved_out_date > %s)",
        [a.pk, last_day, last_day],
    )
    assert "老陈" in {n for (n,) in names} and "小周" not in {n for (n,) in names}


def test_the_sixty_and_over_agree_with_sql(town, today):
    a = town["a"]
    assert _value("elderly_60", a, town["month"])[0] == sql_one(
        "SELECT COUNT(*) FROM people_resident WHERE community_id = %s AND status = 'active'"
        " AND (moved_in_date IS NULL OR moved_in_date <= %s) AND birth_date <= %s",
        [a.pk, today, years_before(today, 60)],
    )


def test_newcomers_and_their_share_agree_with_sql(town, today):
    a = town["a"]
    since = years_before(today, a.newcomer_years)
    living = sql_one(LIVING.replace("moved_out_date > %s", "1 = 0 AND %s IS NULL"), [a.pk, today, None])
    new = sql_one(
        "SELECT COUNT(*) FROM people_resident WHERE community_id = %s AND status = 'active'"
        " AND moved_in_date <= %s AND moved_in_date >= %s AND hukou_area_code NOT LIKE %s",
        [a.pk, today, since, a.home_area_prefix + "%"],
    )
    assert new == 2  # 小周 and 小吴; 老李 is local, 老陈 has left
    assert _value("newcomers", a, town["month"])[0] == new
    share = modules.figure_catalogue()["newcomer_share"]
    v, w = _value("newcomer_share", a, town["month"])
    assert (v, w) == (new, living) and f.shown(share, v, w) == pytest.approx(100 * new / living)


def test_moves_in_and_out_per_month_agree_with_sql(town):
    a = town["a"]
    for month in (town["month"], town["last"]):
        for key, kind in (("moves_in", "in"), ("moves_out", "out")):
            expected = sql_one(
                "SELECT COUNT(*) FROM people_move WHERE community_id = %s AND kind = %s AND date >= %s AND date < %s",
                [a.pk, kind, month, f.shift_month(month, 1)],
            )
            assert _value(key, a, month)[0] == expected
    assert _value("moves_in", a, town["last"])[0] == 1


def test_the_age_pyramid_sums_to_the_residents_and_bands_agree_with_sql(town, today):
    a, fig = town["a"], modules.figure_catalogue()["age_pyramid"]
    parts = values.compute(fig, {a.pk}, town["month"])[a.pk]
    assert parts[f.WHOLE][0] == _value("residents", a, town["month"])[0]
    seventies = sql_one(
        "SELECT COUNT(*) FROM people_resident WHERE community_id = %s AND status = 'active' AND gender = 'F'"
        " AND birth_date > %s AND birth_date <= %s", [a.pk, years_before(today, 80), years_before(today, 70)]
    )  # fmt: skip
    assert parts["70-79/F"][0] == seventies == 2  # 王芳 (born 1949) and 老李


def test_key_groups_name_no_sensitive_tag_and_the_sensitive_figure_is_marked(world):
    catalogue = modules.figure_catalogue()
    assert not catalogue["key_groups"].sensitive and catalogue["key_groups_sensitive"].sensitive
    rows = sql(
        "SELECT t.name, COUNT(*) FROM people_residenttag rt JOIN people_tag t ON t.id = rt.tag_id"
        " WHERE rt.community_id = %s AND t.sensitive = %s GROUP BY t.name",
        [world.a.pk, False],
    )
    parts = values.compute(catalogue["key_groups"], {world.a.pk}, f.month_start(dt.date.today()))[world.a.pk]
    assert {k: v for k, (v, _w) in parts.items() if k} == {name: n for name, n in rows}
