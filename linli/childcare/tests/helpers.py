"""A day-care class of community A running today, made as the desk makes it, and children of its ages."""

import datetime as dt

from django.utils import timezone

from linli.childcare import services
from linli.people.models import Resident


def programme(world, *, capacity=2, **changes):
    today = timezone.localdate()
    data = services.ProgrammeInput(
        title="小灯塔暑期托管班", starts_on=today - dt.timedelta(days=2), ends_on=today + dt.timedelta(days=30),
        day_starts=dt.time(8), day_ends=dt.time(18), age_min=6, age_max=12, capacity=capacity, venue="二楼",
    )  # fmt: skip
    for name, value in changes.items():
        setattr(data, name, value)
    return services.programme_save(actor=world.user("worker"), community_id=world.a.pk, data=data)


def children(world, n, *, community=None, start=0):
    born = timezone.localdate().replace(day=1) - dt.timedelta(days=8 * 365)
    return [
        Resident.objects.create(community=community or world.a, name=f"孩子{i}", birth_date=born)
        for i in range(start, start + n)
    ]
