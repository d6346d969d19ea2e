"""The one sending path (DESIGN.md, messages): `notify(recipient, kind, context)` writes the in-app
message and queues a delivery per channel the recipient has and wants; `notify_many` does the same
for many in a few statements; `notify_address` sends a secret kind (a one-time code) to an address
that may not be an account yet. The deliveries go out by task (linli/messaging/delivery.py).
Contexts carry what the text needs and ids, never ID or phone numbers; a secret context is
encrypted and erased once sent."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import crypto
from linli.core.errors import DomainError
from linli.core.identity import InvalidIdentity, mask_phone, normalize_phone
from linli.messaging.kinds import kind_of
from linli.messaging.models import OUTBOUND, Channel, Contact, Delivery, Message, Preference


class MessagingError(DomainError):
    pass


class MessageNotFound(MessagingError):
    code = "not_found"
    status = 404


NOT_YOURS = _("找不到这条消息。")
BAD_CHANNEL = _("不支持这种接收渠道。")
BAD_ADDRESS = _("请填写接收地址。")
EMAIL_STAFF_ONLY = _("电子邮件只用于工作人员的通知。")
BAD_QUIET = _("免打扰的开始和结束时间不能相同。")

CHUNK = 1000


def unread_key(user_id: int) -> str:
    return f"messaging:unread:{user_id}"


def _forget_unread(user_ids: Iterable[int]) -> None:
    keys = [unread_key(i) for i in user_ids]
    transaction.on_commit(lambda: cache.delete_many(keys))


def _queue(delivery_ids: list[int]) -> None:
    from linli.messaging import tasks

    def enqueue() -> None:
        for start in range(0, len(delivery_ids), CHUNK):
            tasks.deliver.enqueue(delivery_ids[start : start + CHUNK])

    if delivery_ids:
        transaction.on_commit(enqueue)


def preference_of(user_id: int) -> Preference:
    return Preference.objects.filter(user_id=user_id).first() or Preference(user_id=user_id)


def _channels_for(user_ids: list[int], kind) -> dict[int, list[str]]:
    """user -> the outbound channels this kind goes out on for him: those he has an address on,
    wants, and has not muted the kind for."""
    prefs = {p.user_id: p for p in Preference.objects.filter(user_id__in=user_ids)}
    out: dict[int, list[str]] = {}
    for user_id, channel in Contact.objects.filter(user_id__in=user_ids).values_list("user_id", "channel"):
        pref = prefs.get(user_id)
        wanted = pref.channels if pref else [str(c) for c in OUTBOUND]
        muted = pref is not None and kind.code in pref.muted_kinds and not kind.urgent
        if channel in kind.channels and channel in wanted and not muted:
            out.setdefault(user_id, []).append(channel)
    return out


def notify(recipient, kind: str, context: dict, *, community=None, link: str = "") -> Message:
    return notify_many([recipient], kind, context, community=community, link=link)[0]


@transaction.atomic
def notify_many(recipients, kind: str, context: dict, *, community=None, link: str = "") -> list[Message]:
    """One message of `kind` to each recipient (users or their ids), and their deliveries queued."""
    spec = kind_of(kind)
    if spec.secret:
        raise ValueError(f"{kind!r} is secret: send it with notify_address")
    user_ids = list(dict.fromkeys(getattr(r, "pk", r) for r in recipients))
    community_id = getattr(community, "pk", community)
    messages = Message.objects.bulk_create(
        [Message(recipient_id=u, community_id=community_id, kind=kind, context=context, link=link) for u in user_ids],
        batch_size=CHUNK,
    )
    channels = _channels_for(user_ids, spec)
    deliveries = [
        Delivery(message=m, recipient_id=m.recipient_id, community_id=community_id, kind=kind, channel=c)
        for m in messages
        for c in channels.get(m.recipient_id, [])
    ]
    created = Delivery.objects.bulk_create(deliveries, batch_size=CHUNK)
    ids = [d.pk for d in created if d.pk] or list(
        Delivery.objects.filter(message__in=messages).values_list("pk", flat=True)
    )
    _queue(ids)
    _forget_unread(user_ids)
    return messages


@transaction.atomic
def notify_address(*, channel: str, address: str, kind: str, context: dict) -> Delivery:
    """A secret kind (a one-time code) to an address: no in-app row; the context is kept encrypted
    only until the delivery is final."""
    spec = kind_of(kind)
    if not spec.secret:
        raise ValueError(f"{kind!r} is not secret: send it to an account with notify")
    delivery = Delivery.objects.create(kind=kind, channel=channel, hint=_hint(channel, address))
    row = str(delivery.pk)
    delivery.address_enc = crypto.encrypt(address, table="messaging_delivery", column="address", row=row)
    delivery.payload_enc = crypto.encrypt(json.dumps(context), table="messaging_delivery", column="payload", row=row)
    delivery.save(update_fields=["address_enc", "payload_enc"])
    _queue([delivery.pk])
    return delivery


def _hint(channel: str, address: str) -> str:
    if channel == Channel.SMS:
        return mask_phone(address)
    if channel == Channel.EMAIL and "@" in address:
        name, domain = address.split("@", 1)
        return f"{name[:1]}***@{domain}"
    return f"{address[:3]}***"


def contact_set(*, user, channel: str, address: str, is_staff: bool = False) -> Contact:
    """Give a user an address on a channel (replacing the one he had there)."""
    if channel not in [str(c) for c in OUTBOUND]:
        raise MessagingError(BAD_CHANNEL, field="channel")
    address = address.strip()
    if not address:
        raise MessagingError(BAD_ADDRESS, field="address")
    if channel == Channel.SMS:
        try:
            address = normalize_phone(address)
        except InvalidIdentity as exc:
            raise MessagingError(str(exc), field="address") from None
    if channel == Channel.EMAIL and not is_staff:
        raise MessagingError(EMAIL_STAFF_ONLY, field="channel")
    with transaction.atomic():
        contact, _created = Contact.objects.select_for_update().get_or_create(
            user=user, channel=channel, defaults={"address_enc": "-", "hint": ""}
        )
        contact.address_enc = crypto.encrypt(address, table="messaging_contact", column="address", row=str(contact.pk))
        contact.hint = _hint(channel, address)
        contact.save(update_fields=["address_enc", "hint"])
    return contact


@transaction.atomic
def preference_save(*, actor, channels: list[str], quiet_start, quiet_end, muted_kinds=None) -> Preference:
    if unknown := set(channels) - {str(c) for c in OUTBOUND}:
        raise MessagingError(BAD_CHANNEL, field="channels", code=f"unknown:{sorted(unknown)[0]}")
    # Quiet hours are the community's wall-clock time: an offset given with them is dropped.
    quiet_start, quiet_end = quiet_start.replace(tzinfo=None), quiet_end.replace(tzinfo=None)
    if quiet_start == quiet_end:
        raise MessagingError(BAD_QUIET, field="quiet_end")
    pref, _created = Preference.objects.select_for_update().get_or_create(user=actor)
    pref.channels = sorted(set(channels))
    pref.quiet_start, pref.quiet_end = quiet_start, quiet_end
    if muted_kinds is not None:
        pref.muted_kinds = sorted(set(muted_kinds))
    pref.save()
    return pref


def message_mark_read(*, actor, message_id: int) -> Message:
    message = Message.objects.filter(pk=message_id, recipient=actor).first()
    if message is None:
        raise MessageNotFound(NOT_YOURS)
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
        cache.delete(unread_key(actor.pk))
    return message


def messages_mark_all_read(*, actor) -> int:
    count = Message.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
    cache.delete(unread_key(actor.pk))
    return count


def delivery_receipt(*, provider_id: str, delivered: bool, reason: str = "") -> int:
    """The gateway's report (a status callback or pull): delivered, or failed on the handset side."""
    rows = Delivery.objects.filter(provider_id=provider_id, status=Delivery.Status.SENT)
    if delivered:
        return rows.update(status=Delivery.Status.DELIVERED, delivered_at=timezone.now())
    return rows.update(status=Delivery.Status.FAILED, reason=reason[:200] or "undelivered")
