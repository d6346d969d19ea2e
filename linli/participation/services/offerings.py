"""Offerings are made and changed by their owner's services (activities' event_save, the college's
course_save), which have checked who acts; the engine checks what an offering must be."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from linli.core.typing import Actor
from linli.participation.models import Offering
from linli.participation.services.common import ParticipationError, locked
from linli.participation.services.registrations import promote

MAX_CAPACITY = 100_000
AUDIENCE_KEYS = {"min_age", "max_age", "compounds", "buildings", "tags", "with_children", "sources"}


@dataclass
class OfferingInput:
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int | None = None
    audience: dict = field(default_factory=dict)
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    cancel_until: dt.datetime | None = None
    doors_at: dt.datetime | None = None
    series: str = ""
    series_limit: int | None = None
    waitlist: bool = True
    hours_matter: bool = False


def _check(data: OfferingInput) -> None:
    if data.starts_at is None or data.ends_at is None:
        raise ParticipationError(_("请填写开始和结束时间。"), field="starts_at")
    if data.ends_at <= data.starts_at:
        raise ParticipationError(_("结束时间要晚于开始时间。"), field="ends_at")
    if data.capacity is not None and not 1 <= data.capacity <= MAX_CAPACITY:
        raise ParticipationError(_("名额请填1到100000，不限名额请留空。"), field="capacity")
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        raise ParticipationError(_("报名截止要晚于报名开始。"), field="closes_at")
    if data.closes_at and data.closes_at > data.ends_at:
        raise ParticipationError(_("报名截止不能晚于活动结束。"), field="closes_at")
    if data.doors_at and data.doors_at >= data.ends_at:
        raise ParticipationError(_("开始签到要早于活动结束。"), field="doors_at")
    if unknown := set(data.audience) - AUDIENCE_KEYS:
        raise ParticipationError(
            _("参加对象有不认识的条件：%(k)s") % {"k": "、".join(sorted(unknown))}, field="audience"
        )
    low, high = data.audience.get("min_age"), data.audience.get("max_age")
    if low is not None and high is not None and low > high:
        raise ParticipationError(_("最小年龄不能大于最大年龄。"), field="audience")


_FIELDS = ("title", "starts_at", "ends_at", "capacity", "audience", "opens_at", "closes_at", "cancel_until",
           "doors_at", "series", "series_limit", "waitlist", "hours_matter")  # fmt: skip


@transaction.atomic
def offering_save(
    *, actor: Actor | None, community_id: int, owner_type: str, owner_id: int, data: OfferingInput,
    offering: Offering | None = None, parent: Offering | None = None,
) -> Offering:  # fmt: skip
    """Create or change the engine's row of an owner's object. A larger capacity promotes from the
    waitlist at once; a capacity below the places already taken is refused."""
    _check(data)
    data.title = (data.title or "").strip()[:120]
    if offering is None:
        row = Offering(community_id=community_id, owner_type=owner_type, owner_id=owner_id, parent=parent)
    else:
        row = locked(offering)
        if data.capacity is not None and data.capacity < row.confirmed:
            raise ParticipationError(
                _("已有%(n)d人报名，名额不能少于这个数。") % {"n": row.confirmed}, field="capacity", code="below_taken"
            )
    for name in _FIELDS:
        setattr(row, name, getattr(data, name))
    row.save()
    if offering is not None:
        promote(row=row, actor=actor)
    return row


@transaction.atomic
def offering_cancel(*, actor: Actor | None, offering: Offering) -> Offering:
    """Call it off (rain, a holiday): no more sign-ups or check-ins; attendance so far stays."""
    row = locked(offering)
    row.cancelled = True
    row.save(update_fields=["cancelled"])
    return row


def set_owner_id(offering: Offering, owner_id: int) -> None:
    """An owner that makes its offering before its own row has an id points the offering at it."""
    Offering.objects.in_community(offering.community_id).filter(pk=offering.pk).update(owner_id=owner_id)
    offering.owner_id = owner_id
