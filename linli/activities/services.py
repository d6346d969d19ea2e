"""activities' state changes: posting and changing events (the engine's offering with them), the
categories, the write-up and photos after the event, the volunteering duties linked to it."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from linli.activities.models import DEFAULT_CATEGORIES, Category, Event, EventDuty, EventPhoto
from linli.activities.permissions import may_manage
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.typing import Actor, account_of
from linli.core.uploads import sniff_upload
from linli.participation import services as engine
from linli.places.models import Compound
from linli.venues import selectors as venue_selectors
from linli.venues import services as venues

OWNER = "activities.event"
MAX_PHOTOS = 12


class ActivityError(DomainError):
    pass


@dataclass
class EventInput:
    title: str = ""
    category_id: int | None = None
    organiser: str = ""
    team_id: int | None = None
    compound_id: int | None = None
    place: str = ""
    room_id: int | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    description: str = ""
    public: bool = True
    capacity: int | None = None
    audience: dict = field(default_factory=dict)
    closes_at: dt.datetime | None = None
    cancel_until: dt.datetime | None = None
    series: str = ""
    series_limit: int | None = None
    draft: bool = False


def _require(actor: Actor, community_id: int) -> None:
    if not may_manage(scope_for(actor), community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以发布和修改活动。"))


def _check(community_id: int, data: EventInput) -> tuple[str, Category, Compound | None]:
    title = (data.title or "").strip()
    if not title:
        raise ActivityError(_("请填写活动名称。"), field="title")
    category = Category.objects.in_community(community_id).filter(pk=data.category_id or 0).first()
    if category is None:
        raise ActivityError(_("请选择活动类别。"), field="category")
    compound = None
    if data.compound_id:
        compound = Compound.objects.in_community(community_id).filter(pk=data.compound_id).first()
        if compound is None:
            raise ActivityError(_("所选小区不在本社区。"), field="compound")
    if data.starts_at is None or data.ends_at is None:
        raise ActivityError(_("请填写开始和结束时间。"), field="starts_at")
    return title[:100], category, compound


def _offering_input(title: str, data: EventInput) -> engine.OfferingInput:
    assert data.starts_at is not None and data.ends_at is not None  # checked by _check
    return engine.OfferingInput(
        title=title, starts_at=data.starts_at, ends_at=data.ends_at, capacity=data.capacity,
        audience=data.audience or {}, closes_at=data.closes_at, cancel_until=data.cancel_until,
        series=(data.series or "")[:40], series_limit=data.series_limit,
    )  # fmt: skip


def _hold_room(community_id: int, data: EventInput, event: Event | None) -> None:
    """The room must be one of the community's (its name is the place if none is typed); a published
    event takes it (locked, checked against bookings and other uses); a draft holds nothing yet."""
    if not data.room_id:
        return
    label = venue_selectors.thing_label(community_id, data.room_id)
    if label is None:
        raise ActivityError(_("所选场地不是本社区的场地。"), field="room", code="room")
    data.place = (data.place or "").strip() or label
    if data.draft or data.starts_at is None or data.ends_at is None:
        return
    try:
        venues.slot_check(community_id=community_id, thing_id=data.room_id, starts_at=data.starts_at,
                          ends_at=data.ends_at, exclude=("activities", event.pk) if event else None)  # fmt: skip
    except venues.VenueError as exc:
        raise ActivityError(exc.message, field="room", code="room_taken") from exc


@transaction.atomic
def event_save(*, actor: Actor, community_id: int, data: EventInput, event: Event | None = None,
               poster=None) -> Event:  # fmt: skip
    _require(actor, community_id)
    title, category, compound = _check(community_id, data)
    _hold_room(community_id, data, event)
    poster_type = sniff_upload(poster)[0] if poster else ""
    if poster and not poster_type.startswith("image/"):
        raise ActivityError(_("海报请上传照片（JPG、PNG、GIF、WEBP）。"), field="poster")
    row = event or Event(community_id=community_id, created_by=account_of(actor))
    if event is None:
        row.offering = engine.offering_save(actor=actor, community_id=community_id, owner_type=OWNER, owner_id=0,
                                            data=_offering_input(title, data))  # fmt: skip
    row.title, row.category, row.compound, row.room_id = title, category, compound, data.room_id or None
    row.organiser, row.place = (data.organiser or "").strip()[:100], (data.place or "").strip()[:100]
    row.team_id, row.description, row.public = data.team_id, (data.description or "").strip(), data.public
    row.starts_at, row.ends_at = data.starts_at, data.ends_at  # type: ignore[assignment]  # checked by _check
    row.status = Event.Status.DRAFT if data.draft else Event.Status.PUBLISHED
    if poster:
        row.poster_type = poster_type
        row.poster.save(poster.name, poster, save=False)
    row.save()
    if event is None:
        engine.set_owner_id(row.offering, row.pk)  # the offering was made before the event had an id
    else:
        engine.offering_save(actor=actor, community_id=community_id, owner_type=OWNER, owner_id=row.pk,
                             data=_offering_input(title, data), offering=row.offering)  # fmt: skip
    return row


@transaction.atomic
def event_cancel(*, actor: Actor, event: Event) -> Event:
    _require(actor, event.community_id)
    engine.offering_cancel(actor=actor, offering=event.offering)
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    return event


@transaction.atomic
def writeup_save(*, actor: Actor, event: Event, text: str, photos=()) -> Event:
    _require(actor, event.community_id)
    photos = list(photos)
    if event.photos.count() + len(photos) > MAX_PHOTOS:
        raise ActivityError(_("每个活动最多%(n)d张照片。") % {"n": MAX_PHOTOS}, field="files")
    kinds = [sniff_upload(p) for p in photos]
    if any(not content_type.startswith("image/") for content_type, _ext in kinds):
        raise ActivityError(_("活动照片只收JPG、PNG、GIF、WEBP。"), field="files")
    event.writeup = (text or "").strip()
    event.save(update_fields=["writeup"])
    for upload, (content_type, extension) in zip(photos, kinds, strict=True):
        photo = EventPhoto(community_id=event.community_id, event=event, content_type=content_type,
                           uploaded_by=account_of(actor))  # fmt: skip
        photo.extension = extension
        photo.file.save(upload.name, upload, save=False)
        photo.save()
    return event


@transaction.atomic
def duty_link(*, actor: Actor, event: Event, duty_id: int) -> EventDuty:
    from linli.volunteering.selectors import duties_of

    _require(actor, event.community_id)
    duty = duties_of(event.community_id).filter(pk=duty_id).first()
    if duty is None:
        raise ActivityError(_("没有这个志愿岗位。"), field="duty")
    link, _created = EventDuty.objects.in_community(event.community_id).get_or_create(
        community_id=event.community_id, event=event, duty=duty
    )
    return link


@transaction.atomic
def category_add(*, actor: Actor, community_id: int, name: str) -> Category:
    _require(actor, community_id)
    name = (name or "").strip()[:30]
    if not name:
        raise ActivityError(_("请填写类别名称。"), field="name")
    categories = Category.objects.in_community(community_id)
    if categories.filter(name=name).exists():
        raise ActivityError(_("已经有“%(name)s”这个类别了。") % {"name": name}, field="name")
    return Category.objects.create(community_id=community_id, name=name, order=categories.count() + 1)


def categories_ensure(community_id: int) -> None:
    """The default categories of a community that has none yet."""
    if not Category.objects.in_community(community_id).exists():
        Category.objects.bulk_create(
            [Category(community_id=community_id, name=n, order=i) for i, n in enumerate(DEFAULT_CATEGORIES)]
        )
