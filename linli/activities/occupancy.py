"""An event held in a room takes it in venues' calendar: the week views draw it and a booking that
overlaps it is refused (venues/services/occupancy.py). Drafts and cancelled events hold no room."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from linli.activities.models import Event
from linli.venues import services as venues

SOURCE = "activities"
HOLDING = (Event.Status.PUBLISHED,)


def event_uses(community_id: int, thing_ids: Sequence[int], start: dt.datetime, end: dt.datetime):
    """One query for all the things, however many events."""
    rows = (
        Event.objects.in_community(community_id)
        .filter(room_id__in=thing_ids, status__in=HOLDING, starts_at__lt=end, ends_at__gt=start)
        .only("pk", "room_id", "starts_at", "ends_at", "title")
    )
    return [
        venues.Occupancy(
            thing_id=e.room_id,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            title=_("活动：%(t)s") % {"t": e.title},
            source=SOURCE,
            key=e.pk,
            url=reverse("activities:detail", args=[e.pk]),
        )  # fmt: skip
        for e in rows
    ]


def register() -> None:
    venues.register_occupancy_source(event_uses)
