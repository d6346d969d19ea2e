"""Reading venues: things one may see, a week of a venue or a thing (bookings and every registered
other use in one calendar, a fixed number of queries whatever the number of bookings), the free
slots of a day for the phone, one's own bookings, and the usage figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.identity import mask_name
from linli.core.scoping import scope_for
from linli.venues.models import BookerKind, Booking, Closure, FitnessSet, Inspection, OpeningHours, Repair, Thing, Venue
from linli.venues.permissions import MANAGE_VENUES
from linli.venues.services.occupancy import occupancies
from linli.volunteering.scope import volunteer_scope

if TYPE_CHECKING:
    from linli.core.typing import Actor

SLOT_MINUTES = 30


def visible_venues(actor: Actor, community_id: int) -> QuerySet[Venue]:
    return Venue.objects.visible_to(actor).filter(community_id=community_id).select_related("compound")


def venue_calendar(venue: Venue) -> tuple[list[OpeningHours], list[Closure]]:
    """A venue's weekly hours and its closures from a month ago on (the staff's form)."""
    since = timezone.localdate() - dt.timedelta(days=30)
    rows = OpeningHours.objects.in_community(venue.community_id).filter(venue=venue)
    closures = Closure.objects.in_community(venue.community_id).filter(venue=venue, date__gte=since)
    return list(rows), list(closures)


def visible_things(actor: Actor, community_id: int) -> QuerySet[Thing]:
    return Thing.objects.visible_to(actor).filter(community_id=community_id, active=True).select_related("venue")


def visible_rooms(actor: Actor, community_id: int) -> QuerySet[Thing]:
    """The rooms only (no tables, no equipment): where a course is taught."""
    return visible_things(actor, community_id).filter(kind=Thing.Kind.ROOM)


def thing_label(community_id: int, pk) -> str | None:
    """ "Venue · thing" of one of the community's things, or None if it is not one (another module's
    form that lets a room be chosen)."""
    thing = Thing.objects.in_community(community_id).filter(pk=pk, active=True).select_related("venue").first()
    return f"{thing.venue.name} · {thing.name}" if thing else None


def thing_ids_by_name(community_id: int) -> dict[str, int]:
    """The community's things by name (the demos of modules that put sessions and events in rooms)."""
    return dict(Thing.objects.in_community(community_id).filter(active=True).values_list("name", "pk"))


def get_venue_for(actor: Actor, pk) -> Venue | None:
    return Venue.objects.visible_to(actor).select_related("compound").filter(pk=pk).first()


def get_thing_for(actor: Actor, pk) -> Thing | None:
    return Thing.objects.visible_to(actor).select_related("venue").filter(pk=pk).first()


def get_booking_for(actor: Actor, pk) -> Booking | None:
    return Booking.objects.visible_to(actor).select_related("thing", "thing__venue", "team").filter(pk=pk).first()


def visible_bookings(actor: Actor) -> QuerySet[Booking]:
    return Booking.objects.visible_to(actor).select_related("thing", "team")


def my_bookings(actor: Actor, community_id: int, *, upcoming: bool = True) -> QuerySet[Booking]:
    """The actor's own bookings and those of the teams he leads (not the staff's view of all)."""
    led = volunteer_scope(scope_for(actor)).led_team_ids
    rows = Booking.objects.in_community(community_id).filter(Q(booked_by_id=actor.pk) | Q(team_id__in=led))
    now = timezone.now()
    rows = rows.filter(ends_at__gte=now) if upcoming else rows.filter(ends_at__lt=now)
    return rows.select_related("thing", "thing__venue", "team").order_by("starts_at" if upcoming else "-starts_at")


def pending_bookings(actor: Actor, community_id: int) -> QuerySet[Booking]:
    if not scope_for(actor).has(MANAGE_VENUES, community_id):
        return Booking.objects.in_community(community_id).none()
    rows = Booking.objects.in_community(community_id).filter(status=Booking.Status.PENDING, ends_at__gte=timezone.now())
    return rows.select_related("thing", "team").order_by("starts_at")


def today_at_the_door(actor: Actor, community_id: int) -> QuerySet[Booking]:
    """Today's live bookings for the staff at the door (check-in, no-show)."""
    if not scope_for(actor).has(MANAGE_VENUES, community_id):
        return Booking.objects.in_community(community_id).none()
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0)))
    rows = Booking.objects.in_community(community_id).filter(
        starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1), status__in=Booking.LIVE
    )
    return rows.select_related("thing", "team", "resident").order_by("starts_at")


@dataclass
class Item:
    """One block of the calendar: a booking, or another module's use of the thing."""

    thing_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    label: str
    css: str  # booking status, or the source's label
    mine: bool = False
    booking_id: int | None = None
    url: str = ""
    thing_name: str = ""
    row: int = 0  # grid rows (30-minute slots from the first hour shown), set for the thing view
    span: int = 1


@dataclass
class Day:
    date: dt.date
    closed: str = ""
    hours: list[tuple[dt.time, dt.time]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    by_thing: dict[int, list[Item]] = field(default_factory=dict)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _label(booking: Booking, staff: bool, mine: bool) -> str:
    if booking.kind == BookerKind.TEAM and booking.team is not None:
        return booking.team.name + (f" · {booking.purpose}" if booking.purpose else "")
    if mine:
        return _("我的预约")
    if not staff:
        return _("已预约")
    if booking.kind == BookerKind.STAFF:
        return booking.purpose or _("社区安排")
    return mask_name(booking.resident.name) if booking.resident_id and booking.resident else _("居民预约")


def week(*, actor: Actor, community_id: int, things: list[Thing], monday: dt.date) -> list[Day]:
    """Seven days of these things (of one venue): opening hours, closures, bookings and other uses.
    Five queries plus one per occupancy source, whatever the number of bookings."""
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time(0)))
    end = start + dt.timedelta(days=7)
    venue_ids = {t.venue_id for t in things}
    thing_ids = [t.pk for t in things]
    days = [Day(monday + dt.timedelta(days=i)) for i in range(7)]
    hours = defaultdict(list)
    for row in OpeningHours.objects.in_community(community_id).filter(venue_id__in=venue_ids):
        hours[row.weekday].append((row.opens_at, row.closes_at))
    closures = {
        c.date: c
        for c in Closure.objects.in_community(community_id).filter(venue_id__in=venue_ids, date__gte=monday,
                                                                    date__lt=monday + dt.timedelta(days=7))
    }  # fmt: skip
    for day in days:
        closure = closures.get(day.date)
        if closure is not None and closure.opens_at is None:
            day.closed = closure.reason
        elif closure is not None:
            day.hours = [(closure.opens_at or dt.time(0), closure.closes_at or dt.time(23, 59))]
        else:
            day.hours = sorted(hours.get(day.date.weekday(), []))
            day.closed = "" if day.hours else _("闭馆")
    scope = scope_for(actor)
    staff = scope.has(MANAGE_VENUES, community_id)
    led = volunteer_scope(scope).led_team_ids
    rows = (
        Booking.objects.in_community(community_id)
        .filter(thing_id__in=thing_ids, status__in=Booking.LIVE, starts_at__lt=end, ends_at__gt=start)
        .select_related("team", "resident")
        .order_by("starts_at")
    )
    items = []
    for b in rows:
        mine = b.booked_by_id == actor.pk or (b.team_id is not None and b.team_id in led)
        items.append(Item(b.thing_id, b.starts_at, b.ends_at, _label(b, staff, mine), b.status, mine,
                          b.pk if (staff or mine) else None))  # fmt: skip
    for use in occupancies(community_id, thing_ids, start, end):
        items.append(Item(use.thing_id, use.starts_at, use.ends_at, use.title, "other", url=use.url))
    by_date = {d.date: d for d in days}
    names = {t.pk: t.name for t in things}
    for item in sorted(items, key=lambda i: i.starts_at):
        item.thing_name = names.get(item.thing_id, "")
        found = by_date.get(timezone.localtime(item.starts_at).date())
        if found is not None:
            found.items.append(item)
            found.by_thing.setdefault(item.thing_id, []).append(item)
    return days


def grid_hours(days: list[Day]) -> tuple[int, int]:
    """The first and last hour the week's grid shows (opening hours and items, 8–21 by default)."""
    first, last = 8, 21
    for day in days:
        for opens, closes in day.hours:
            first, last = min(first, opens.hour), max(last, closes.hour + (1 if closes.minute else 0))
        for item in day.items:
            local_start, local_end = timezone.localtime(item.starts_at), timezone.localtime(item.ends_at)
            first = min(first, local_start.hour)
            last = max(
                last, local_end.hour + (1 if local_end.minute else 0) if local_end.date() == local_start.date() else 24
            )
    return first, min(last, 24)


def place_in_grid(days: list[Day], first_hour: int) -> None:
    """Set each item's grid row and span (30-minute rows from `first_hour`, after a header row)."""
    for day in days:
        for item in day.items:
            start, end = timezone.localtime(item.starts_at), timezone.localtime(item.ends_at)
            minutes_from = (start.hour - first_hour) * 60 + start.minute
            minutes_to = (24 * 60 if end.date() > start.date() else end.hour * 60 + end.minute) - first_hour * 60
            item.row = max(0, minutes_from // SLOT_MINUTES) + 2
            item.span = max(1, -(-(minutes_to - max(0, minutes_from)) // SLOT_MINUTES))


def free_slots(thing: Thing, day: dt.date, minutes: int, *, now: dt.datetime | None = None) -> list[dt.datetime]:
    """Starts (every 30 minutes) of a `minutes` long slot the thing can take on `day`: within the
    opening hours, after the lead time, clear of bookings (with the buffer) and other uses."""
    from linli.venues.services.rules import opening_intervals

    now = now or timezone.now()
    intervals, closed = opening_intervals(thing, day)
    if closed or thing.out_of_service:
        return []
    start_of_day = timezone.make_aware(dt.datetime.combine(day, dt.time(0)))
    taken = [
        (b.starts_at, b.blocks_until)
        for b in Booking.objects.in_community(thing.community_id).filter(
            thing=thing, status__in=Booking.LIVE, starts_at__lt=start_of_day + dt.timedelta(days=1),
            blocks_until__gt=start_of_day,
        )
    ]  # fmt: skip
    end_of_day = start_of_day + dt.timedelta(days=1)
    taken += [(u.starts_at, u.ends_at) for u in occupancies(thing.community_id, [thing.pk], start_of_day, end_of_day)]
    earliest = now + dt.timedelta(hours=thing.lead_hours)
    length, buffer = dt.timedelta(minutes=minutes), dt.timedelta(minutes=thing.buffer_minutes)
    out = []
    for opens, closes in intervals:
        at = timezone.make_aware(dt.datetime.combine(day, opens))
        close = timezone.make_aware(dt.datetime.combine(day, closes))
        while at + length <= close:
            if at >= earliest and not any(s < at + length + buffer and e > at for s, e in taken):
                out.append(at)
            at += dt.timedelta(minutes=SLOT_MINUTES)
    return out


def fitness_register(actor: Actor, community_id: int) -> QuerySet[FitnessSet]:
    return FitnessSet.objects.visible_to(actor).filter(community_id=community_id).select_related("building")


def get_fitness_for(actor: Actor, pk) -> FitnessSet | None:
    return FitnessSet.objects.visible_to(actor).select_related("building").filter(pk=pk).first()


def fitness_history(actor: Actor, item: FitnessSet) -> dict[str, Any]:
    return {
        "inspections": list(
            Inspection.objects.visible_to(actor).filter(fitness_set=item).select_related("inspected_by")
        ),
        "repairs": list(Repair.objects.visible_to(actor).filter(fitness_set=item)),
    }


def get_repair_for(actor: Actor, pk) -> Repair | None:
    return Repair.objects.visible_to(actor).filter(pk=pk).first()


_DURATION = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())


def hours_booked_this_month(community_ids: set[int]) -> dict[int, int]:
    """Hours of live bookings that start this month, per community (the street's overview); those
    already made for a later month are that month's."""
    first = timezone.localdate().replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time(0)))
    end = timezone.make_aware(dt.datetime.combine(following, dt.time(0)))
    rows = (
        Booking.objects.in_community_ids(community_ids)
        .filter(starts_at__gte=start, starts_at__lt=end, status__in=Booking.LIVE)
        .values("community_id")
        .annotate(total=Sum(_DURATION))
    )
    found = {r["community_id"]: round(r["total"].total_seconds() / 3600) if r["total"] else 0 for r in rows}
    return {cid: found.get(cid, 0) for cid in community_ids}


def usage(community_id: int, year: int, month: int | None = None) -> dict[str, Any]:
    """Hours booked and used (checked in) per month of `year`, and per thing and kind of booker in
    the year (or in `month` of it)."""
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    things = list(Thing.objects.in_community(community_id).select_related("venue").order_by("venue__name", "name"))
    rows = (
        Booking.objects.in_community(community_id)
        .filter(starts_at__gte=start, starts_at__lt=end, status__in=Booking.LIVE)
        .values_list("thing_id", "starts_at", "ends_at", "status", "kind")
    )
    months_booked, months_used = [0.0] * 12, [0.0] * 12
    month_filter = month - 1 if month else None
    per_thing: dict[int, dict[str, float]] = {t.pk: defaultdict(float) for t in things}
    for thing_id, starts_at, ends_at, status, kind in rows.iterator():
        hours = (ends_at - starts_at).total_seconds() / 3600
        index = timezone.localtime(starts_at).month - 1  # not `month`: that is the filter, returned below
        months_booked[index] += hours
        if status == Booking.Status.CHECKED_IN:
            months_used[index] += hours
        if month_filter is not None and index != month_filter:
            continue
        figures = per_thing.setdefault(thing_id, defaultdict(float))
        figures["booked"] += hours
        figures[kind] += hours
        if status == Booking.Status.CHECKED_IN:
            figures["used"] += hours
    # The totals are of the period shown (the month chosen, or the year), like the table below them.
    booked = months_booked if month_filter is None else [months_booked[month_filter]]
    used = months_used if month_filter is None else [months_used[month_filter]]
    return {
        "year": year,
        "month": month,
        "things": [(t, per_thing.get(t.pk, {})) for t in things],
        "months_booked": [round(h, 1) for h in months_booked],
        "months_used": [round(h, 1) for h in months_used],
        "months_max": max(months_booked + [1.0]),
        "monthly": list(zip(months_booked, months_used, strict=True)),
        "total_booked": round(sum(booked), 1),
        "total_used": round(sum(used), 1),
    }
