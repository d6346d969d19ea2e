"""A team's weekly booking (the choir every Wednesday 19:00–21:00 for N weeks): the dates are checked
one by one and the clashes listed before anything is saved; saved only when there are none, or
when the booker chose to skip them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.typing import account_of
from linli.venues import events
from linli.venues.models import BookerKind, Booking, Series, Thing
from linli.venues.services.bookings import booker_kind, check_booking
from linli.venues.services.common import VenueError, lock_thing, require_book

if TYPE_CHECKING:
    from linli.core.typing import Actor

MAX_WEEKS = 52


@dataclass
class SeriesInput:
    first_date: dt.date | None
    weeks: int
    starts_time: dt.time | None
    ends_time: dt.time | None
    purpose: str
    team_id: int | None = None


@dataclass
class Occurrence:
    date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    problem: str = ""  # why this date cannot be booked ("" when it can)
    blocks_until: dt.datetime | None = None


def _validate(data: SeriesInput) -> None:
    if data.first_date is None or data.starts_time is None or data.ends_time is None:
        raise VenueError(_("请填写第一次的日期和开始、结束时间。"), field="first_date", code="no_time")
    if not 1 <= (data.weeks or 0) <= MAX_WEEKS:
        raise VenueError(_("周数应在1到%(n)d之间。") % {"n": MAX_WEEKS}, field="weeks", code="weeks")
    if data.ends_time <= data.starts_time:
        raise VenueError(_("结束时间应晚于开始时间。"), field="ends_time", code="order")
    if len((data.purpose or "").strip()) < 2:
        raise VenueError(_("请写明用途（如合唱团排练）。"), field="purpose", code="purpose")


def _occurrences(actor: Actor, thing: Thing, data: SeriesInput, kind: str) -> list[Occurrence]:
    out = []
    assert data.first_date and data.starts_time and data.ends_time
    for week in range(data.weeks):
        day = data.first_date + dt.timedelta(weeks=week)
        start = timezone.make_aware(dt.datetime.combine(day, data.starts_time))
        end = timezone.make_aware(dt.datetime.combine(day, data.ends_time))
        occurrence = Occurrence(day, start, end)
        try:
            occurrence.blocks_until = check_booking(thing, start, end, kind, user_id=actor.pk, team_id=data.team_id)
        except VenueError as exc:
            occurrence.problem = str(exc.message)
        out.append(occurrence)
    return out


def series_preview(*, actor: Actor, thing: Thing, data: SeriesInput) -> list[Occurrence]:
    """Every date of the series with the problem of each (nothing is written)."""
    require_book(actor, thing.community_id)
    _validate(data)
    return _occurrences(actor, thing, data, booker_kind(actor, thing.community_id, data.team_id))


@transaction.atomic
def series_create(*, actor: Actor, thing: Thing, data: SeriesInput, skip_clashes: bool = False) -> Series:
    require_book(actor, thing.community_id)
    _validate(data)
    kind = booker_kind(actor, thing.community_id, data.team_id)
    thing = lock_thing(thing)
    dates = _occurrences(actor, thing, data, kind)
    clashes = [o for o in dates if o.problem]
    if clashes and not skip_clashes:
        listed = "；".join(f"{o.date:%m-%d}：{o.problem}" for o in clashes[:5])
        raise VenueError(
            _("有%(n)d次与开放时间或已有预约冲突，未保存：%(list)s") % {"n": len(clashes), "list": listed},
            code="clashes",
        )
    free = [o for o in dates if not o.problem]
    if not free:
        raise VenueError(_("所有日期都有冲突，没有可以预约的时间。"), code="clashes")
    assert data.starts_time and data.ends_time and data.first_date
    series = Series.objects.create(
        community_id=thing.community_id, thing=thing, team_id=data.team_id if kind == BookerKind.TEAM else None,
        kind=kind, purpose=data.purpose.strip()[:100], first_date=data.first_date, weeks=data.weeks,
        starts_time=data.starts_time, ends_time=data.ends_time, booked_by=account_of(actor),
    )  # fmt: skip
    pending = thing.needs_approval and kind != BookerKind.STAFF
    status = Booking.Status.PENDING if pending else Booking.Status.CONFIRMED
    Booking.objects.bulk_create(
        Booking(community_id=thing.community_id, thing=thing, starts_at=o.starts_at, ends_at=o.ends_at,
                blocks_until=o.blocks_until or o.ends_at, kind=kind, booked_by=account_of(actor),
                team_id=series.team_id, series=series,
                status=status, purpose=series.purpose)
        for o in free
    )  # fmt: skip
    events.series_made_event(series=series, actor=actor, made=len(free), skipped=len(clashes))
    return series


@dataclass(frozen=True)
class SeriesTime:
    """A series' weekly time and place, and its next live date (None when none is left)."""

    pk: int
    weekday: int  # 0 Monday … 6 Sunday
    starts_time: dt.time
    ends_time: dt.time
    thing_id: int
    thing: str
    venue: str
    last_date: dt.date
    next_starts_at: dt.datetime | None


def series_times(*, community_id: int, series_ids, now: dt.datetime | None = None) -> dict[int, SeriesTime]:
    """For a module that links its rows to series (orgs: a team's meeting times), read by id in three
    queries whatever their number; the caller decides who may see them. Cancelled dates are skipped."""
    from django.db.models import Min

    ids = set(series_ids)
    if not ids:
        return {}
    rows = list(Series.objects.in_community(community_id).filter(pk__in=ids))
    things = {
        t["pk"]: t
        for t in Thing.objects.in_community(community_id)
        .filter(pk__in={r.thing_id for r in rows})
        .values("pk", "name", "venue__name")
    }
    upcoming = dict(
        Booking.objects.in_community(community_id)
        .filter(series_id__in=ids, status__in=Booking.LIVE, starts_at__gte=now or timezone.now())
        .values("series_id")
        .annotate(first=Min("starts_at"))
        .values_list("series_id", "first")
    )
    return {
        r.pk: SeriesTime(
            pk=r.pk,
            weekday=r.first_date.weekday(),
            starts_time=r.starts_time,
            ends_time=r.ends_time,
            thing_id=r.thing_id,
            thing=things[r.thing_id]["name"],
            venue=things[r.thing_id]["venue__name"],
            last_date=r.first_date + dt.timedelta(weeks=r.weeks - 1),
            next_starts_at=upcoming.get(r.pk),
        )  # fmt: skip
        for r in rows
    }


def series_find(*, community_id: int, purpose: str) -> list[int]:
    """The ids of a community's series made for `purpose`, oldest first (the demo links them to teams)."""
    rows = Series.objects.in_community(community_id).filter(purpose=purpose).order_by("created_at", "pk")
    return list(rows.values_list("pk", flat=True))


@transaction.atomic
def series_end(*, actor: Actor, community_id: int, series_id: int, reason: str = "") -> int:
    """Cancel every booking of a weekly series still to come (staff); the past ones stay as they were.
    Returns how many were cancelled; 0 is not an error (the series had ended already)."""
    from linli.venues.services.common import require_manage

    require_manage(actor, community_id)
    series = Series.objects.in_community(community_id).filter(pk=series_id).first()
    if series is None:
        raise VenueError(_("找不到这个每周预约。"), code="not_found")
    now, note = timezone.now(), (reason or "").strip()[:200]
    rows = (
        Booking.objects.in_community(community_id).select_for_update().select_related("thing")
        .filter(series=series, starts_at__gt=now, status__in=(Booking.Status.PENDING, Booking.Status.CONFIRMED))
    )  # fmt: skip
    ended = list(rows)
    for booking in ended:
        booking.status, booking.cancelled_at, booking.note = Booking.Status.CANCELLED, now, note
    Booking.objects.in_community(community_id).bulk_update(ended, ["status", "cancelled_at", "note"])
    for booking in ended:
        events.booking_event("booking_cancelled", booking=booking, actor=actor, note=note)
    return len(ended)
