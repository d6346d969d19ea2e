"""activities' reads: the console's list and month, an event's page, what a resident may join."""

import calendar
import datetime as dt

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from linli.activities.models import Category, Event, EventDuty, EventPhoto
from linli.core.typing import Actor
from linli.participation import audiences
from linli.participation import selectors as engine


def visible_events(actor: Actor) -> QuerySet[Event]:
    return Event.objects.visible_to(actor).select_related("category", "offering", "compound")


def get_event_for(actor: Actor, pk) -> Event:
    event = visible_events(actor).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def categories_of(community_id: int) -> QuerySet[Category]:
    return Category.objects.in_community(community_id)


def event_list(actor: Actor, community_id: int, *, past: bool = False) -> list[Event]:
    now = timezone.now()
    rows = visible_events(actor).filter(community_id=community_id)
    rows = rows.filter(ends_at__lt=now).order_by("-starts_at") if past else rows.filter(ends_at__gte=now)
    events = list(rows[:200])
    figures = engine.counts([e.offering for e in events])
    for e in events:
        e.figures = figures.get(e.offering_id, {})  # type: ignore[attr-defined]  # for the list's columns
    return events


def month_grid(actor: Actor, community_id: int, year: int, month: int) -> list[list[tuple[dt.date, list[Event]]]]:
    weeks = calendar.Calendar().monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1] + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(last, dt.time(), tzinfo=tz)
    by_day: dict[dt.date, list[Event]] = {}
    for e in visible_events(actor).filter(community_id=community_id, starts_at__gte=start, starts_at__lt=end):
        by_day.setdefault(timezone.localdate(e.starts_at), []).append(e)
    return [[(day, by_day.get(day, [])) for day in week] for week in weeks]


def week_days(actor: Actor, community_id: int, monday: dt.date) -> list[tuple[dt.date, list[Event]]]:
    """The seven days from `monday`, each with the events starting that day (by time), drafts too."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(monday, dt.time(), tzinfo=tz)
    end = start + dt.timedelta(days=7)
    by_day: dict[dt.date, list[Event]] = {}
    rows = visible_events(actor).filter(community_id=community_id, starts_at__gte=start, starts_at__lt=end)
    events = list(rows.select_related("room__venue").order_by("starts_at", "pk"))
    figures = engine.counts([e.offering for e in events])
    for e in events:
        e.figures = figures.get(e.offering_id, {})  # type: ignore[attr-defined]
        by_day.setdefault(timezone.localdate(e.starts_at), []).append(e)
    return [(day, by_day.get(day, [])) for day in (monday + dt.timedelta(days=i) for i in range(7))]


def event_page(actor: Actor, event: Event) -> dict:
    from linli.volunteering.selectors import duties_of

    offering = event.offering
    duty_ids = EventDuty.objects.in_community(event.community_id).filter(event=event).values_list("duty_id", flat=True)
    linked = set(duty_ids)
    upcoming = duties_of(event.community_id).filter(ends_at__gte=timezone.now()).order_by("starts_at")[:50]
    return {
        "duty_choices": [d for d in upcoming if d.pk not in linked],
        "event": event,
        "offering": offering,
        "figures": engine.counts([offering]).get(offering.pk, {}),
        "audience": audiences.describe(offering.audience),
        "duties": list(duties_of(event.community_id).filter(pk__in=list(duty_ids)).order_by("starts_at")),
        "photos": list(EventPhoto.objects.in_community(event.community_id).filter(event=event)),
        "runs": engine.may_run(actor, offering),
    }


def my_people(actor: Actor, community_id: int, day: dt.date) -> list:
    """Whom the resident may sign up: himself and the children of a household he heads."""
    from linli.people.models import Resident

    mine = list(Resident.objects.in_community(community_id).filter(pk__in=engine.my_resident_ids(actor)))
    return mine + [c for c in engine.children_of(actor, community_id, day) if c not in mine]


def browse(actor: Actor, community_id: int) -> list[Event]:
    """The published events to come that are open to the resident (or one of his children)."""
    today = timezone.localdate()
    people = my_people(actor, community_id, today)
    events = event_list(actor, community_id)
    events = [e for e in events if e.status == Event.Status.PUBLISHED]
    if not people:
        return events
    return [e for e in events if any(engine.open_offerings([e.offering], community_id, p.pk, today) for p in people)]


def my_registrations(actor: Actor, community_id: int) -> list:
    people = my_people(actor, community_id, timezone.localdate())
    rows = list(engine.registrations_of(actor, community_id, [p.pk for p in people]))
    events = {
        e.offering_id: e for e in Event.objects.visible_to(actor).filter(offering_id__in=[r.offering_id for r in rows])
    }
    for r in rows:
        r.event = events.get(r.offering_id)  # type: ignore[attr-defined]  # the page shows the event
    return [r for r in rows if events.get(r.offering_id) is not None]


def photo_for(actor: Actor, pk) -> EventPhoto:
    photo = EventPhoto.objects.visible_to(actor).filter(pk=pk).first()
    if photo is None:
        raise Http404
    return photo


def public_events(community_id: int, since: dt.datetime) -> QuerySet[Event]:
    """For the community's iCalendar feed: public, published, not long past."""
    rows = Event.objects.in_community(community_id).filter(public=True, status=Event.Status.PUBLISHED)
    return rows.filter(ends_at__gte=since).select_related("compound").order_by("starts_at")


def event_of_offering(actor: Actor, offering) -> Event | None:
    return visible_events(actor).filter(offering_id=offering.enrolment.pk).first()


def year_figures(actor: Actor, community_id: int, year: int) -> dict:
    """The year's person-times (人次) and distinct people at events, in total, per month, per compound
    and per people's tag (only the tags the actor may see), busiest first."""
    from linli.people.selectors import tags_for
    from linli.places.selectors import compound_choices

    since = dt.date(year, 1, 1)
    got = engine.figures([community_id], since=since, until=dt.date(year + 1, 1, 1), owner_type="activities.event")
    months = [got["by_month"].get(dt.date(year, m, 1), {"times": 0, "people": 0}) for m in range(1, 13)]
    compounds = dict(compound_choices(actor=actor, community_id=community_id).values_list("pk", "name"))
    tags = dict(tags_for(actor, community_id).filter(pk__in=list(got["by_tag"])).values_list("pk", "name"))

    def named(counts: dict, names: dict) -> list[dict]:
        rows = [{"name": names[k], **v} for k, v in counts.items() if k in names]
        return sorted(rows, key=lambda r: (-r["times"], r["name"]))

    return {
        "year": year, "times": got["times"], "people": got["people"], "months": months,
        "compounds": named(got["by_compound"], compounds), "tags": named(got["by_tag"], tags),
    }  # fmt: skip
