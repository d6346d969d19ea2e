"""Keeping the places and things: venues, bookable things with their rules and photo, the weekly
opening hours and the exceptions to them (holidays, closures), putting a thing out of service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.utils.translation import gettext as _

from linli.core.uploads import sniff_upload
from linli.places.models import Compound
from linli.venues import events
from linli.venues.models import Closure, OpeningHours, Thing, Venue, Who
from linli.venues.services.common import VenueError, require_manage

if TYPE_CHECKING:
    from django.core.files import File

    from linli.core.typing import Actor
    from linli.tenancy.models import Community


@transaction.atomic
def venue_save(
    *, actor: Actor, community: Community, venue: Venue | None, name: str, kind: str = Venue.Kind.SERVICE_CENTRE,
    compound_id: int | None = None, address: str = "", note: str = "",
) -> Venue:  # fmt: skip
    require_manage(actor, community.pk)
    name = (name or "").strip()
    if len(name) < 2:
        raise VenueError(_("请填写场所名称。"), field="name")
    if kind not in Venue.Kind.values:
        raise VenueError(_("请选择场所类型。"), field="kind")
    compound = None
    if compound_id:
        compound = Compound.objects.in_community(community).filter(pk=compound_id).first()
        if compound is None:
            raise VenueError(_("请选择本社区的小区。"), field="compound")
    clash = Venue.objects.in_community(community).filter(name=name).exclude(pk=venue.pk if venue else 0)
    if clash.exists():
        raise VenueError(_("已有名为“%(n)s”的场所。") % {"n": name}, field="name", code="duplicate")
    venue = venue or Venue(community=community)
    venue.name, venue.kind, venue.compound = name[:60], kind, compound
    venue.address, venue.note = (address or "").strip()[:100], (note or "").strip()[:200]
    venue.save()
    return venue


@dataclass
class ThingInput:
    venue_id: int | None
    name: str
    kind: str = Thing.Kind.ROOM
    capacity: int = 1
    note: str = ""
    who_may_book: str = Who.RESIDENTS
    lead_hours: int = 0
    horizon_days: int = 30
    max_minutes: int = 120
    weekly_limit: int = 3
    needs_approval: bool = False
    buffer_minutes: int = 0
    photo: object = None  # an uploaded file, checked for what it really is


RULE_FIELDS = ("name", "kind", "capacity", "note", "who_may_book", "lead_hours", "horizon_days", "max_minutes",
               "weekly_limit", "needs_approval", "buffer_minutes")  # fmt: skip


def _check_numbers(data: ThingInput) -> None:
    for field, low, high, label in (
        ("capacity", 1, 500, _("容纳人数")), ("lead_hours", 0, 720, _("至少提前小时数")),
        ("horizon_days", 1, 365, _("最多提前天数")), ("max_minutes", 15, 1440, _("每次最长分钟数")),
        ("weekly_limit", 0, 50, _("每周次数")), ("buffer_minutes", 0, 240, _("间隔分钟数")),
    ):  # fmt: skip
        value = getattr(data, field)
        if not isinstance(value, int) or not low <= value <= high:
            raise VenueError(_("%(label)s应在%(low)d到%(high)d之间。") % {"label": label, "low": low, "high": high},
                             field=field)  # fmt: skip


@transaction.atomic
def thing_save(*, actor: Actor, community: Community, thing: Thing | None, data: ThingInput) -> Thing:
    require_manage(actor, community.pk)
    venue = Venue.objects.in_community(community).filter(pk=data.venue_id).first() if data.venue_id else None
    if venue is None:
        raise VenueError(_("请选择本社区的场所。"), field="venue")
    name = (data.name or "").strip()
    if not name:
        raise VenueError(_("请填写名称。"), field="name")
    if data.kind not in Thing.Kind.values or data.who_may_book not in Who.values:
        raise VenueError(_("请选择类型和可预约的人。"), field="kind")
    _check_numbers(data)
    photo_type, extension = sniff_upload(data.photo) if data.photo else ("", "")
    if photo_type and not photo_type.startswith("image/"):
        raise VenueError(_("场地照片请上传JPG、PNG等图片。"), field="photo")
    same = Thing.objects.in_community(community).filter(venue=venue, name=name).exclude(pk=thing.pk if thing else 0)
    if same.exists():
        raise VenueError(_("“%(v)s”已有名为“%(n)s”的场地。") % {"v": venue.name, "n": name}, field="name",
                         code="duplicate")  # fmt: skip
    thing = thing or Thing(community=community)
    thing.venue = venue
    for field in RULE_FIELDS:
        value = getattr(data, field)
        setattr(thing, field, value.strip()[:200] if isinstance(value, str) else value)
    if data.photo:
        thing.photo_extension, thing.photo_type = extension, photo_type
        thing.photo.save(getattr(data.photo, "name", "photo"), cast("File", data.photo), save=False)
    thing.save()
    events.thing_event("thing_saved", thing=thing, actor=actor, note=thing.name)
    return thing


@transaction.atomic
def thing_set_service(*, actor: Actor, thing: Thing, out_of_service: bool, note: str = "") -> Thing:
    require_manage(actor, thing.community_id)
    note = (note or "").strip()
    if out_of_service and not note:
        raise VenueError(_("请写明暂停使用的原因。"), field="note")
    thing.out_of_service, thing.out_of_service_note = out_of_service, note[:100] if out_of_service else ""
    thing.save(update_fields=["out_of_service", "out_of_service_note"])
    kind = "thing_out_of_service" if out_of_service else "thing_back_in_service"
    events.thing_event(kind, thing=thing, actor=actor, note=note)
    return thing


@transaction.atomic
def hours_set(*, actor: Actor, venue: Venue, weekly: dict[int, list[tuple[dt.time, dt.time]]]) -> list[OpeningHours]:
    """Replace the venue's weekly hours: weekday (0 Monday) -> intervals; days not given are closed."""
    require_manage(actor, venue.community_id)
    rows = []
    for weekday, intervals in sorted(weekly.items()):
        if not 0 <= weekday <= 6:
            raise VenueError(_("星期应为一到日。"), field="hours")
        ordered = sorted(intervals)
        for i, (opens, closes) in enumerate(ordered):
            if closes <= opens:
                raise VenueError(_("关门时间应晚于开门时间。"), field="hours", code="order")
            if i and opens < ordered[i - 1][1]:
                raise VenueError(_("同一天的开放时段不能重叠。"), field="hours", code="overlap")
            rows.append(OpeningHours(community_id=venue.community_id, venue=venue, weekday=weekday,
                                     opens_at=opens, closes_at=closes))  # fmt: skip
    OpeningHours.objects.in_community(venue.community_id).filter(venue=venue).delete()
    return OpeningHours.objects.bulk_create(rows)


@transaction.atomic
def closure_add(
    *, actor: Actor, venue: Venue, date: dt.date | None, reason: str,
    opens_at: dt.time | None = None, closes_at: dt.time | None = None,
) -> Closure:  # fmt: skip
    require_manage(actor, venue.community_id)
    if date is None:
        raise VenueError(_("请填写日期。"), field="date")
    reason = (reason or "").strip()
    if not reason:
        raise VenueError(_("请写明原因（如国庆节闭馆）。"), field="reason")
    if (opens_at is None) != (closes_at is None) or (opens_at and closes_at and closes_at <= opens_at):
        raise VenueError(_("当天的开放时间请同时填写开门和关门，且关门晚于开门；全天闭馆请都不填。"), field="opens_at")
    if Closure.objects.in_community(venue.community_id).filter(venue=venue, date=date).exists():
        raise VenueError(_("%(d)s已登记过例外安排。") % {"d": date.isoformat()}, field="date", code="duplicate")
    return Closure.objects.create(community_id=venue.community_id, venue=venue, date=date, reason=reason[:60],
                                  opens_at=opens_at, closes_at=closes_at)  # fmt: skip
