"""Other uses of a room than its bookings: an activity's event or a college session held in it takes
the room too. A module that puts something in a room registers a source here, once, from its
AppConfig.ready():

    from linli.venues import services as venues

    def college_sessions(community_id, thing_ids, start, end):
        # ONE query for all the things, whatever the number of sessions (the week view's budget)
        return [venues.Occupancy(thing_id=s.room_id, starts_at=s.starts_at, ends_at=s.ends_at,
                                 title=s.course.title, source="college", url=...) for s in ...]

    venues.register_occupancy_source(college_sessions)

The week views draw what every source returns beside the bookings, and `booking_create` refuses a
booking that overlaps any of it. The other way round, a module saving a session in a room calls
`venues.slot_check(community_id=…, thing_id=…, starts_at=…, ends_at=…)` inside its own transaction:
it locks the thing's row (the same lock bookings take) and raises VenueError naming the booking or
the use it clashes with, so that a booking and a session never hold the room at once. A source
excludes its own object when asked to check it (`exclude=("college", pk)`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Occupancy:
    thing_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    source: str  # the registering module's label: "activities", "college"
    key: int = 0  # the source's own id of the object (to leave it out when it checks itself)
    url: str = ""


OccupancySource = Callable[[int, Sequence[int], dt.datetime, dt.datetime], Iterable[Occupancy]]
_sources: list[OccupancySource] = []


def register_occupancy_source(source: OccupancySource) -> OccupancySource:
    """Add a source (idempotent: a module's ready() may run twice in tests)."""
    if source not in _sources:
        _sources.append(source)
    return source


def unregister_occupancy_source(source: OccupancySource) -> None:
    if source in _sources:
        _sources.remove(source)


def occupancies(
    community_id: int, thing_ids: Sequence[int], start: dt.datetime, end: dt.datetime, *, exclude=None
) -> list[Occupancy]:
    """Everything the sources put in these things between start and end (one call per source)."""
    found: list[Occupancy] = []
    for source in _sources:
        for item in source(community_id, list(thing_ids), start, end):
            inside = item.thing_id in thing_ids and item.starts_at < end and item.ends_at > start
            if inside and (exclude is None or (item.source, item.key) != tuple(exclude)):
                found.append(item)
    return sorted(found, key=lambda o: o.starts_at)
