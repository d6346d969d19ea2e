"""The weekly rule on China's calendar (chinesecalendar's table for 2026)."""

import datetime as dt

import pytest

from linli.college import schedule


def test_a_tuesday_course_through_national_day_skips_it_and_runs_a_week_longer():
    sessions, skipped = schedule.expand(dt.date(2026, 9, 1), 1, 12)  # Tuesdays from 1 September
    dates = [s.date for s in sessions]
    assert len(dates) == 12
    assert dt.date(2026, 10, 6) not in dates  # 国庆 (1–7 October 2026)
    assert [s.date for s in skipped] == [dt.date(2026, 10, 6)]
    assert skipped[0].holiday == "National Day"
    assert dates[0] == dt.date(2026, 9, 1) and dates[-1] == dt.date(2026, 11, 24)
    assert all(d.weekday() == 1 for d in dates)


def test_a_saturday_course_meets_on_ordinary_weekends_and_flags_an_adjusted_working_day():
    sessions, skipped = schedule.expand(dt.date(2026, 9, 26), 5, 3)  # Saturdays
    by_date = {s.date: s for s in sessions}
    assert dt.date(2026, 10, 3) in {s.date for s in skipped}  # 国庆
    assert by_date[dt.date(2026, 10, 10)].workday_swap  # worked in lieu: held, flagged
    assert not by_date[dt.date(2026, 10, 17)].workday_swap


def test_a_year_the_table_does_not_know_is_flagged_not_guessed():
    sessions, skipped = schedule.expand(dt.date(2027, 9, 28), 4, 2)
    assert skipped == [] and all(s.unknown for s in sessions)


@pytest.mark.parametrize(("weekday", "count", "problem"), [(1, 0, "count"), (7, 4, "weekday"), (1, 53, "too_many")])
def test_rules_that_yield_no_session_are_refused(weekday, count, problem):
    with pytest.raises(schedule.RuleError) as refused:
        schedule.expand(dt.date(2026, 9, 1), weekday, count)
    assert str(refused.value) == problem
