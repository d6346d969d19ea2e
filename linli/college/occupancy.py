"""A course given in a room takes it at every live session in venues' calendar: the week views draw
the sessions and a booking that overlaps one is refused (venues/services/occupancy.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.college.models import Session
from linli.venues import services as venues

SOURCE = "college"


def aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def session_uses(community_id: int, thing_ids: Sequence[int], start: dt.datetime, end: dt.datetime):
    """One query for all the things, however many sessions (dates widened by a day each side for
    the time zone, then cut to the exact window)."""
    first, last = timezone.localtime(start).date(), timezone.localtime(end).date()
    rows = (
        Session.objects.in_community(community_id)
        .filter(course__room_id__in=thing_ids, date__gte=first, date__lte=last)
        .exclude(status=Session.Status.CANCELLED)
        .exclude(course__status="cancelled")
        .select_related("course")
        .only("pk", "date", "starts_at", "ends_at", "number", "course__title", "course__room_id", "course_id")
    )
    found = []
    for s in rows:
        begins, ends = aware(s.date, s.starts_at), aware(s.date, s.ends_at)
        if begins < end and ends > start:
            title = _("课程：%(t)s（第%(n)d次）") % {"t": s.course.title, "n": s.number}
            url = reverse("college:course_detail", args=[s.course_id])
            found.append(venues.Occupancy(s.course.room_id, begins, ends, title, SOURCE, s.pk, url))
    return found


def register() -> None:
    venues.register_occupancy_source(session_uses)
