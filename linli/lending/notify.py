"""Telling a reader something (his hold is ready, a loan is overdue). The one place the lending
module tells anyone: today an in-app record (a core event on the reader's resident record, read by
his 我的借阅 page); at merge this is pointed at the messaging app's sender."""

from __future__ import annotations

from typing import Any

from linli.core.events import record
from linli.core.models import Event


def tell(user: Any, kind: str, context: dict[str, Any]) -> Event:
    """`user` is the reader's account or None (a resident without one is told at the desk);
    `context` holds ids and short texts only (no personal data): community_id, resident_id, title."""
    return record(
        module="lending",
        kind=f"told_{kind}",
        subject=("lending_reader", int(context["resident_id"])),
        community_id=context.get("community_id"),
        actor=None,
        data={k: v for k, v in context.items() if k != "resident_id"} | {"user": getattr(user, "pk", None)},
    )
