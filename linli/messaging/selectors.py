"""Reads of a user's own messages: the bell's count and the inbox, each message's text in the
reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet

from linli.messaging.kinds import render
from linli.messaging.models import Contact, Delivery, Message
from linli.messaging.services import preference_of, unread_key

UNREAD_SECONDS = 60  # the bell may lag another process's change by this much


def unread_count(user_id: int) -> int:
    """One indexed COUNT, cached for a minute (cleared by this process's notify and mark-read)."""
    key = unread_key(user_id)
    count = cache.get(key)
    if count is None:
        count = Message.objects.filter(recipient_id=user_id, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


@dataclass
class InboxRow:
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: object
    read_at: object


def inbox(*, actor, unread_only: bool = False) -> QuerySet:
    messages = Message.objects.filter(recipient=actor)
    if unread_only:
        messages = messages.filter(read_at__isnull=True)
    return messages.order_by("-created_at", "-pk")


def inbox_rows(messages) -> list[InboxRow]:
    rows = []
    for m in messages:
        title, body = render(m.kind, m.context)
        rows.append(InboxRow(m.pk, m.kind, title, body, m.link, m.created_at, m.read_at))
    return rows


def contacts_of(user_id: int) -> dict[str, Contact]:
    return {c.channel: c for c in Contact.objects.filter(user_id=user_id)}


def settings_of(user_id: int) -> dict:
    return {"preference": preference_of(user_id), "contacts": contacts_of(user_id)}


def delivery_log(*, message_ids: list[int]) -> QuerySet:
    return Delivery.objects.filter(message_id__in=message_ids).order_by("pk")
