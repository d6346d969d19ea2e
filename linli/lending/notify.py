"""Telling a reader something (his hold is ready, a loan is overdue). The one place the lending
module tells anyone: today an in-app record (a core event on the reader's resident record, read by
his 我的借阅 page); at merge this is pointed at the messaging app's sender."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from linli.core.events import record
from linli.core.models import Event

MESSAGE_KINDS = {"hold_ready": "lending_hold_ready", "overdue": "lending_overdue"}


def tell(user: Any, kind: str, context: dict[str, Any]) -> Event:
    """`user` is the reader's account or None (a resident without one is told at the desk);
    `context` holds ids and short texts only (no personal data): community_id, resident_id, title."""
    code = MESSAGE_KINDS.get(kind)
    if user is not None and getattr(user, "pk", None) and code:
        from linli.messaging.services import notify

        text = {"title": context.get("title", ""), "until": context.get("until", "")}
        transaction.on_commit(lambda: notify(user, code, text, community=context.get("community_id")))
    return record(
        module="lending",
        kind=f"told_{kind}",
        subject=("lending_reader", int(context["resident_id"])),
        community_id=context.get("community_id"),
        actor=None,
        data={k: v for k, v in context.items() if k != "resident_id"} | {"user": getattr(user, "pk", None)},
    )
