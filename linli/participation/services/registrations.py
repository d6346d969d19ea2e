"""Registering for an offering, cancelling, and the waitlist's promotions. Every change of places
happens with the offering's row locked (common.locked), so that under any number of concurrent
sign-ups exactly `capacity` are confirmed and the rest wait in the order they arrived."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.typing import Actor, account_of
from linli.participation import audiences, events, notify
from linli.participation.models import Offering, Registration
from linli.participation.services.common import ParticipationError, fmt, locked, refuse_if_cancelled, who_for

Status = Registration.Status


def _check_window(row: Offering, now, *, staff: bool) -> None:
    if row.opens_at and now < row.opens_at and not staff:
        raise ParticipationError(_("报名还没开始（%(at)s开始）。") % {"at": fmt(row.opens_at)}, code="not_open")
    closes = row.closes_at or row.starts_at
    if now >= closes and not (staff and now < row.ends_at):
        raise ParticipationError(_("报名已经截止（%(at)s）。") % {"at": fmt(closes)}, code="closed")


def _check_person(row: Offering, resident) -> None:
    if resident.community_id != row.community_id or resident.status != "active":
        raise ParticipationError(_("只有本社区在住的居民可以报名。"), code="not_resident")
    mine = Registration.objects.in_community(row.community_id).filter(resident=resident)
    held = mine.filter(offering=row, status__in=[*Registration.HOLDING, Status.ATTENDED, Status.NO_SHOW]).first()
    if held is not None:
        if held.status == Status.WAITLISTED:
            message = _("%(name)s已在候补名单上了。") % {"name": resident.name}
        else:
            message = _("%(name)s已经报过名了。") % {"name": resident.name}
        raise ConflictError(message, code="duplicate")
    day = timezone.localdate(row.starts_at)
    reason = audiences.refusal(
        row.audience, resident.pk, audiences.facts(row.community_id, [resident.pk], day), day, row.community_id
    )
    if reason is not None:
        raise ParticipationError(reason, code="audience")
    if row.series and row.series_limit:
        taken = (
            mine.filter(offering__series=row.series, status__in=[*Registration.HOLDING, Status.ATTENDED])
            .exclude(offering=row)
            .count()
        )
        if taken >= row.series_limit:
            raise ParticipationError(
                _("同类活动每人限报%(n)d次，%(name)s已经报了。") % {"n": row.series_limit, "name": resident.name},
                code="limit",
            )


@transaction.atomic
def register(*, actor: Actor, offering: Offering, resident, note: str = "") -> Registration:
    """A place for the resident (or a place on the waitlist when full). By himself, by the head of
    his household for a child, or by staff on his behalf (recorded as such)."""
    if offering.parent_id:
        raise ParticipationError(_("请报名整个课程，不能只报一节。"), code="session")
    how = who_for(actor, offering, resident)
    if how is None:
        raise PermissionDeniedError(_("只能为自己或家里的孩子报名。"))
    # who the person is and whether the audience lets him in does not change with the places left:
    # checked before the row is locked, so that concurrent sign-ups wait on the lock only for the
    # counters (a second sign-up of the same person racing this one meets the unique constraint)
    _check_person(offering, resident)
    row, now = locked(offering), timezone.now()
    refuse_if_cancelled(row)
    _check_window(row, now, staff=how == "staff")
    full = row.capacity is not None and row.confirmed >= row.capacity
    if full and not row.waitlist:
        raise ConflictError(_("名额已满（%(n)d人）。") % {"n": row.capacity}, code="full")
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                community_id=row.community_id, offering=row, resident=resident, seq=row.next_seq,
                status=Status.WAITLISTED if full else Status.CONFIRMED, registered_by=account_of(actor),
                on_behalf=how != "self", note=(note or "").strip()[:200],
            )  # fmt: skip
    except IntegrityError:
        raise ConflictError(_("%(name)s已经报过名了。") % {"name": resident.name}, code="duplicate") from None
    bump = {"next_seq": F("next_seq") + 1} | ({} if full else {"confirmed": F("confirmed") + 1})
    Offering.objects.in_community(row.community_id).filter(pk=row.pk).update(**bump)
    events.registration_event("waitlisted" if full else "registered", registration=registration, actor=actor)
    return registration


@transaction.atomic
def cancel(*, actor: Actor, registration: Registration, promote_until: dt.datetime | None = None) -> list[Registration]:
    """Cancel a place or a place on the waitlist; the first waiting is promoted into a freed place
    and told. Returns those promoted. `promote_until`: an offering that runs for weeks still fills a
    freed place from its waitlist after its start, until then (a course: while a late joiner can still
    complete it; a summer day-care class: until its end)."""
    how = who_for(actor, registration.offering, registration.resident)
    if how is None:
        raise PermissionDeniedError(_("只能取消自己或家里孩子的报名。"))
    row, now = locked(registration.offering), timezone.now()
    current = Registration.objects.in_community(row.community_id).get(pk=registration.pk)
    if current.status == Status.CANCELLED:
        raise ConflictError(_("这个报名已经取消了。"), code="cancelled")
    if current.status not in Registration.HOLDING:
        raise ConflictError(_("已经签到，不能取消报名。"), code="attended")
    cutoff = row.cancel_until or row.starts_at
    if now > cutoff and how != "staff" and current.status == Status.CONFIRMED:
        raise ParticipationError(
            _("取消报名的截止时间（%(at)s）已过，请联系社区工作人员。") % {"at": fmt(cutoff)}, code="cutoff"
        )
    was_confirmed = current.status == Status.CONFIRMED
    current.status, current.cancelled_at = Status.CANCELLED, now
    current.save(update_fields=["status", "cancelled_at"])
    registration.status, registration.cancelled_at = current.status, now
    events.registration_event("cancelled", registration=current, actor=actor)
    if not was_confirmed:
        return []
    Offering.objects.in_community(row.community_id).filter(pk=row.pk).update(confirmed=F("confirmed") - 1)
    row.confirmed -= 1
    return promote(row=row, actor=actor, until=promote_until)


def promote(*, row: Offering, actor: Actor | None, until: dt.datetime | None = None) -> list[Registration]:
    """Fill the free places of a locked offering from its waitlist, first come first served, and tell
    each promoted person. Not once the offering has started (a place freed at the door is a walk-in's),
    or for an offering that runs for weeks, not after `until`."""
    now = timezone.now()
    if now >= max(row.starts_at, until or row.starts_at):
        return []
    free = None if row.capacity is None else row.capacity - row.confirmed
    if free is not None and free <= 0:
        return []
    waiting = Registration.objects.in_community(row.community_id).filter(offering=row, status=Status.WAITLISTED)
    chosen = list(waiting.select_related("resident").order_by("seq")[:free] if free is not None else waiting)
    if not chosen:
        return []
    now = timezone.now()
    for registration in chosen:
        registration.status, registration.promoted_at = Status.CONFIRMED, now
        registration.save(update_fields=["status", "promoted_at"])
        events.registration_event("promoted", registration=registration, actor=actor)
        context = {"community_id": row.community_id, "offering": row.pk, "title": row.title,
                   "registration": registration.pk, "starts_at": row.starts_at.isoformat()}  # fmt: skip
        notify.tell(registration.resident.user, "promoted", context)
    Offering.objects.in_community(row.community_id).filter(pk=row.pk).update(confirmed=F("confirmed") + len(chosen))
    row.confirmed += len(chosen)
    return chosen
