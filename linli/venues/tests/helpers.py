"""Small helpers of venues' tests: local times, and a snapshot of what a refused action must not change."""

import datetime as dt

from django.utils import timezone

from linli.core.models import Event
from linli.venues.models import Booking, Series, Thing


def at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """Local time `days` from today at hour:minute."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def snapshot() -> tuple:
    """Every booking, series, thing and venues event as it stands."""
    return (
        list(Booking.objects.unscoped().order_by("pk").values()),
        list(Series.objects.unscoped().order_by("pk").values()),
        list(Thing.objects.unscoped().order_by("pk").values()),
        Event.objects.filter(module="venues").count(),
    )


def next_weekday(weekday: int, after_days: int = 1) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=after_days)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)
