"""Sending a delivery, exactly once: a worker claims it (queued and due → sending, one conditional
UPDATE, so two workers never both send it), calls the channel's sender outside any transaction,
and records the answer — sent; or queued again after a backoff (a 500, a timeout), failed after the
last try or at once when the gateway refuses. Quiet hours move a delivery to their end, the daily
cap skips it (the in-app message stays). Urgent kinds (codes) pass both."""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from linli.core import crypto
from linli.messaging import kinds
from linli.messaging.backends import Outbound, Refused, Retry, sender_for
from linli.messaging.models import Contact, Delivery, Preference

log = logging.getLogger("linli.messaging")
S = Delivery.Status
BACKOFF = (60, 300, 1800, 7200)  # seconds before the 2nd, 3rd … try


def backoff() -> tuple[int, ...]:
    return tuple(getattr(settings, "LINLI_MESSAGE_BACKOFF", BACKOFF))


def daily_cap() -> int:
    return int(getattr(settings, "LINLI_MESSAGES_PER_DAY", 10))


def in_quiet_hours(moment: dt.time, start: dt.time, end: dt.time) -> bool:
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # across midnight: 22:00–07:00


def _quiet_until(pref: Preference, now: dt.datetime) -> dt.datetime | None:
    local = timezone.localtime(now)
    if not in_quiet_hours(local.time(), pref.quiet_start, pref.quiet_end):
        return None
    end = local.replace(hour=pref.quiet_end.hour, minute=pref.quiet_end.minute, second=0, microsecond=0)
    return end if end > local else end + dt.timedelta(days=1)


def _sent_today(recipient_id: int, now: dt.datetime) -> int:
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return Delivery.objects.filter(
        recipient_id=recipient_id, status__in=[S.SENT, S.DELIVERED, S.SENDING], sent_at__gte=day_start
    ).count()


def _hold(delivery: Delivery, now: dt.datetime) -> bool:
    """Quiet hours or the cap: True when the delivery waits or is skipped instead of going now."""
    if delivery.recipient_id is None or kinds.kind_of(delivery.kind).urgent:
        return False
    pref = Preference.objects.filter(user_id=delivery.recipient_id).first() or Preference()
    if until := _quiet_until(pref, now):
        Delivery.objects.filter(pk=delivery.pk, status=S.QUEUED).update(next_attempt_at=until, reason="quiet_hours")
        return True
    if _sent_today(delivery.recipient_id, now) >= daily_cap():
        Delivery.objects.filter(pk=delivery.pk, status=S.QUEUED).update(status=S.SKIPPED, reason="daily_cap")
        return True
    return False


def _outbound(delivery: Delivery) -> Outbound | None:
    row = str(delivery.pk)
    if delivery.address_enc:
        address = crypto.decrypt(delivery.address_enc, table="messaging_delivery", column="address", row=row)
    else:
        contact = Contact.objects.filter(user_id=delivery.recipient_id, channel=delivery.channel).first()
        if contact is None:
            return None
        address = contact_address(contact)
    if delivery.payload_enc:
        context = json.loads(
            crypto.decrypt(delivery.payload_enc, table="messaging_delivery", column="payload", row=row)
        )
    else:
        context = delivery.message.context if delivery.message_id else {}
    language = None
    if delivery.recipient_id:
        language = Preference.objects.filter(user_id=delivery.recipient_id).values_list("language", flat=True).first()
    title, body = kinds.render(delivery.kind, context, language or settings.LANGUAGE_CODE)
    params = kinds.sms_params(delivery.kind, context)
    return Outbound(delivery.pk, delivery.channel, address, delivery.kind, title, body, params)


def contact_address(contact: Contact) -> str:
    return crypto.decrypt(contact.address_enc, table="messaging_contact", column="address", row=str(contact.pk))


def _final(delivery_id: int, **fields) -> None:
    Delivery.objects.filter(pk=delivery_id).update(payload_enc="", **fields)


def attempt(delivery_id: int, *, now: dt.datetime | None = None) -> str:
    """Try one delivery if it is queued and due; returns its status afterwards."""
    now = now or timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    delivery = Delivery.objects.filter(due, pk=delivery_id, status=S.QUEUED).select_related("message").first()
    if delivery is None or _hold(delivery, now):
        return Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first() or ""
    claimed = Delivery.objects.filter(due, pk=delivery_id, status=S.QUEUED).update(
        status=S.SENDING, attempts=delivery.attempts + 1, sent_at=now
    )
    if not claimed:  # another worker took it
        return S.SENDING
    tries = delivery.attempts + 1
    try:
        outbound = _outbound(delivery)
        if outbound is None:
            _final(delivery_id, status=S.FAILED, reason="no_address", sent_at=None)
            return S.FAILED
        provider_id = sender_for(delivery.channel).send(outbound)
    except Retry as exc:
        waits = backoff()
        if tries > len(waits):
            _final(delivery_id, status=S.FAILED, reason=f"retries exhausted: {exc}"[:200], sent_at=None)
            return S.FAILED
        Delivery.objects.filter(pk=delivery_id).update(
            status=S.QUEUED, reason=str(exc)[:200], sent_at=None,
            next_attempt_at=now + dt.timedelta(seconds=waits[tries - 1]),
        )  # fmt: skip
        log.info("delivery %s: try %s failed (%s), retried later", delivery_id, tries, exc)
        return S.QUEUED
    except Refused as exc:
        _final(delivery_id, status=S.FAILED, reason=str(exc)[:200], sent_at=None)
        return S.FAILED
    _final(delivery_id, status=S.SENT, provider_id=provider_id[:100], reason="", sent_at=now)
    return S.SENT


STUCK_AFTER = dt.timedelta(minutes=10)  # a send takes seconds; a row "sending" this long lost its worker


def release_stuck(*, now: dt.datetime | None = None) -> int:
    """Deliveries left "sending" by a worker that died mid-send (kill -9, a restart) go back to the
    queue as a retry, or fail once the retries are spent. Whether the gateway took the message is
    unknown: sending it again risks a duplicate, never a lost notice. Returns how many were released."""
    now = now or timezone.now()
    stuck = Delivery.objects.filter(status=S.SENDING, sent_at__lt=now - STUCK_AFTER)
    waits, released = backoff(), 0
    for pk, tries in stuck.values_list("pk", "attempts"):
        if tries > len(waits):
            done = Delivery.objects.filter(pk=pk, status=S.SENDING).update(
                status=S.FAILED, payload_enc="", sent_at=None, reason="stuck in sending; retries exhausted"
            )
        else:
            done = Delivery.objects.filter(pk=pk, status=S.SENDING).update(
                status=S.QUEUED, sent_at=None, next_attempt_at=now, reason="stuck in sending; retried"
            )
        released += done
        if done:
            log.warning("delivery %s was stuck in sending (try %s): released", pk, tries)
    return released


def deliver_due(*, now: dt.datetime | None = None, limit: int = 5000) -> int:
    """The periodic round: every queued delivery whose time has come (retries, ends of quiet hours),
    after releasing those a dead worker left "sending"."""
    now = now or timezone.now()
    release_stuck(now=now)
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ids = list(Delivery.objects.filter(due, status=S.QUEUED).order_by("pk").values_list("pk", flat=True)[:limit])
    for delivery_id in ids:
        attempt(delivery_id, now=now)
    return len(ids)
