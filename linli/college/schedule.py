"""A course's weekly rule expanded into dated sessions, on China's calendar: a session that falls on
a statutory holiday (国庆, 春节 …) is skipped and the course runs one week longer, so that "12 weeks"
stays 12 sessions; a session on an adjusted working day (调休上班日) is held as usual and flagged;
a year the holiday table does not know yet is flagged "to be checked" instead of guessed.
Pure functions: no database."""

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

MAX_WEEKS = 52


class RuleError(ValueError):
    """A weekly rule that cannot be expanded; the message names the problem."""


@dataclass(frozen=True)
class Day:
    date: dt.date
    holiday: str = ""  # the statutory holiday's name (English, from the table) when it is one
    workday_swap: bool = False  # an adjusted working day (a weekend day worked in lieu)
    unknown: bool = False  # the holiday table does not cover this year yet


def day_info(date: dt.date) -> Day:
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(date)
    except NotImplementedError:
        return Day(date, unknown=True)
    if is_holiday and name:
        return Day(date, holiday=str(name))
    if not is_holiday and name:  # a named day that is worked: 调休
        return Day(date, workday_swap=True)
    return Day(date)


def is_statutory_holiday(date: dt.date) -> str:
    """The holiday's name if the date is a statutory holiday (not an ordinary weekend), else ""."""
    return day_info(date).holiday


def first_on_or_after(start: dt.date, weekday: int) -> dt.date:
    """The first date on or after `start` that falls on `weekday` (Monday 0 … Sunday 6)."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def expand(start: dt.date, weekday: int, count: int, *, skip_holidays: bool = True) -> tuple[list[Day], list[Day]]:
    """`count` sessions on `weekday` from `start`: (the sessions, the holiday dates skipped)."""
    if not 0 <= weekday <= 6:
        raise RuleError("weekday")
    if count < 1:
        raise RuleError("count")
    if count > MAX_WEEKS:
        raise RuleError("too_many")
    sessions: list[Day] = []
    skipped: list[Day] = []
    date = first_on_or_after(start, weekday)
    while len(sessions) < count:
        info = day_info(date)
        if skip_holidays and info.holiday:
            skipped.append(info)
            if len(skipped) > MAX_WEEKS:  # cannot happen on a real calendar; guards the loop
                raise RuleError("no_session")
        else:
            sessions.append(info)
        date += dt.timedelta(days=7)
    return sessions, skipped
