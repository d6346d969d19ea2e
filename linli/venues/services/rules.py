"""The booking rules of a thing, each refusal a message that names the problem: out of service, in
the past, too soon or too far ahead, not for this kind of booker, longer than allowed, outside the
opening hours (closures included), over the weekly limit, overlapping a booking or another use."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.venues.models import BookerKind, Booking, Closure, OpeningHours, Thing, Who
from linli.venues.services.common import VenueError
from linli.venues.services.occupancy import occupancies

WEEKDAYS = (
    gettext_lazy("周一"), gettext_lazy("周二"), gettext_lazy("周三"), gettext_lazy("周四"), gettext_lazy("周五"),
    gettext_lazy("周六"), gettext_lazy("周日"),
)  # fmt: skip


def _hm(value: dt.datetime | dt.time) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).time()
    return value.strftime("%H:%M")


def check_basic(thing: Thing, starts_at: dt.datetime, ends_at: dt.datetime, kind: str, *, now=None) -> None:
    now = now or timezone.now()
    if thing.out_of_service or not thing.active:
        note = f"（{thing.out_of_service_note}）" if thing.out_of_service_note else ""
        raise VenueError(
            _("“%(thing)s”暂停使用%(note)s，现在不能预约。") % {"thing": thing.name, "note": note},
            code="out_of_service",
        )
    if ends_at <= starts_at:
        raise VenueError(_("结束时间应晚于开始时间。"), field="ends_at", code="order")
    if starts_at < now:
        raise VenueError(_("开始时间%(at)s已经过去，不能预约过去的时间。") % {"at": _day_hm(starts_at)},
                         field="starts_at", code="in_past")  # fmt: skip
    if kind != BookerKind.STAFF:
        _check_who(thing, kind)
        if thing.lead_hours and starts_at < now + dt.timedelta(hours=thing.lead_hours):
            raise VenueError(_("“%(thing)s”需至少提前%(h)d小时预约。") % {"thing": thing.name, "h": thing.lead_hours},
                             field="starts_at", code="lead_time")  # fmt: skip
        if thing.horizon_days and starts_at > now + dt.timedelta(days=thing.horizon_days):
            raise VenueError(_("“%(thing)s”最多只能预约%(d)d天以内的时间。")
                             % {"thing": thing.name, "d": thing.horizon_days},
                             field="starts_at", code="too_far")  # fmt: skip
        minutes = (ends_at - starts_at).total_seconds() / 60
        if thing.max_minutes and minutes > thing.max_minutes:
            raise VenueError(
                _("每次最长%(max)d分钟，这次预约了%(n)d分钟，请缩短时间。") % {"max": thing.max_minutes, "n": minutes},
                field="ends_at", code="too_long",
            )  # fmt: skip


def _check_who(thing: Thing, kind: str) -> None:
    if thing.who_may_book == Who.STAFF:
        raise VenueError(
            _("“%(thing)s”只由工作人员安排，请到服务中心登记。") % {"thing": thing.name}, code="staff_only"
        )
    if thing.who_may_book == Who.TEAMS and kind != BookerKind.TEAM:
        raise VenueError(_("“%(thing)s”只接受团队预约，请由队长以团队名义预约。") % {"thing": thing.name},
                         code="teams_only")  # fmt: skip


def _day_hm(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return local.strftime("%m-%d %H:%M")


def opening_intervals(thing: Thing, day: dt.date) -> tuple[list[tuple[dt.time, dt.time]], str]:
    """The venue's open intervals on `day` and, when it is closed, why ("" when open)."""
    closure = Closure.objects.in_community(thing.community_id).filter(venue_id=thing.venue_id, date=day).first()
    if closure is not None:
        if closure.opens_at is None or closure.closes_at is None:
            return [], closure.reason
        return [(closure.opens_at, closure.closes_at)], ""
    rows = OpeningHours.objects.in_community(thing.community_id).filter(venue_id=thing.venue_id, weekday=day.weekday())
    intervals = [(r.opens_at, r.closes_at) for r in rows]
    return intervals, "" if intervals else _("%(d)s闭馆") % {"d": WEEKDAYS[day.weekday()]}


def check_hours(thing: Thing, starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date() and end.time() != dt.time(0):
        raise VenueError(_("一次预约须在同一天内结束。"), field="ends_at", code="outside_hours")
    intervals, closed = opening_intervals(thing, start.date())
    if closed:
        raise VenueError(_("%(day)s不开放（%(why)s），请换一天。") % {"day": start.strftime("%m-%d"), "why": closed},
                         field="starts_at", code="closed")  # fmt: skip
    end_time = end.time() if end.date() == start.date() else dt.time(23, 59, 59)
    if not any(o <= start.time() and end_time <= c for o, c in intervals):
        hours = "、".join(f"{_hm(o)}–{_hm(c)}" for o, c in intervals)
        raise VenueError(
            _("%(from)s–%(to)s不在开放时间内（当天开放%(hours)s）。")
            % {"from": _hm(start), "to": _hm(end), "hours": hours},
            field="starts_at", code="outside_hours",
        )  # fmt: skip


def week_bounds(at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    day = timezone.localtime(at).date()
    monday = day - dt.timedelta(days=day.weekday())
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time(0)))
    return start, start + dt.timedelta(days=7)


def check_weekly(thing: Thing, starts_at: dt.datetime, kind: str, *, user_id, team_id) -> None:
    if kind == BookerKind.STAFF or not thing.weekly_limit:
        return
    start, end = week_bounds(starts_at)
    rows = Booking.objects.in_community(thing.community_id).filter(
        thing=thing, status__in=Booking.LIVE, starts_at__gte=start, starts_at__lt=end
    )
    rows = rows.filter(team_id=team_id) if kind == BookerKind.TEAM else rows.filter(booked_by_id=user_id, team=None)
    if rows.count() >= thing.weekly_limit:
        raise VenueError(
            _("“%(thing)s”每人每周最多预约%(n)d次，这一周已约满。") % {"thing": thing.name, "n": thing.weekly_limit},
            code="weekly_limit",
        )


def check_free(thing: Thing, starts_at: dt.datetime, blocks_until: dt.datetime, *, exclude=None) -> None:
    """No live booking of the thing and no other use (events, sessions) overlaps the slot."""
    clash = (
        Booking.objects.in_community(thing.community_id)
        .filter(thing=thing, status__in=Booking.LIVE, starts_at__lt=blocks_until, blocks_until__gt=starts_at)
        .order_by("starts_at")
        .first()
    )
    if clash is not None:
        raise overlap_error(thing, clash.starts_at, clash.ends_at)
    for use in occupancies(thing.community_id, [thing.pk], starts_at, blocks_until, exclude=exclude):
        raise VenueError(
            _("“%(thing)s”%(from)s–%(to)s已安排“%(title)s”，时间重叠，请换个时间。")
            % {"thing": thing.name, "from": _day_hm(use.starts_at), "to": _hm(use.ends_at), "title": use.title},
            field="starts_at", code="overlap",
        )  # fmt: skip


def overlap_error(thing: Thing, starts_at: dt.datetime, ends_at: dt.datetime) -> VenueError:
    buffer = _("（两次预约之间须间隔%(n)d分钟）") % {"n": thing.buffer_minutes} if thing.buffer_minutes else ""
    return VenueError(
        _("“%(thing)s”%(from)s–%(to)s已被预约，时间重叠%(buffer)s，请换个时间。")
        % {"thing": thing.name, "from": _day_hm(starts_at), "to": _hm(ends_at), "buffer": buffer},
        field="starts_at", code="overlap",
    )  # fmt: skip


def conflicts(thing: Thing, spans, *, exclude=None) -> list[tuple[dt.datetime, dt.datetime, str]]:
    """Every live booking and other use that overlaps any of `spans` ((start, end) pairs), as
    (start, end, what): one query for the bookings and one call per source, however many spans
    (a course's twelve sessions are checked at once). Read-only: the form's preview calls it too."""
    spans = sorted(spans)
    if not spans:
        return []
    first, last = spans[0][0], max(end for _start, end in spans)
    bookings = Booking.objects.in_community(thing.community_id).filter(
        thing=thing, status__in=Booking.LIVE, starts_at__lt=last, blocks_until__gt=first
    )
    taken = [(b.starts_at, b.blocks_until, b.ends_at, _("已有预约")) for b in bookings.order_by("starts_at")]
    taken += [(u.starts_at, u.ends_at, u.ends_at, u.title) for u in occupancies(
        thing.community_id, [thing.pk], first, last, exclude=exclude)]  # fmt: skip
    return sorted(
        {(s, shown_end, what) for s, blocks, shown_end, what in taken for a, b in spans if s < b and blocks > a}
    )


def conflicts_error(thing: Thing, found) -> VenueError:
    shown = "；".join(f"{_day_hm(s)}–{_hm(e)} {what}" for s, e, what in found[:3])
    more = _("等%(n)d处") % {"n": len(found)} if len(found) > 3 else ""
    return VenueError(
        _("“%(thing)s”在这些时间已有安排：%(list)s%(more)s。请换个场地或时间。")
        % {"thing": thing.name, "list": shown, "more": more},
        field="room", code="overlap",
    )  # fmt: skip
