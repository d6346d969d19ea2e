"""convenience's events, one typed function per kind (labels: convenience/module.py `event_kinds`),
written in the same transaction as the change: an order's timeline, its ledger's history included."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.events import record
from linli.core.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.convenience.models import LedgerEntry, Order


def order_event(*, order: Order, kind: str, actor: User | None, data: dict | None = None) -> Event:
    """order_raised, order_assigned, order_done, order_confirmed, order_cancelled."""
    return record(module="convenience", kind=kind, subject=("convenience_order", order.pk),
                  community_id=order.community_id, actor=actor, data=data)  # fmt: skip


def ledger_event(*, entry: LedgerEntry, kind: str, actor: User, data: dict | None = None) -> Event:
    """ledger_added, ledger_countered, ledger_edited (with before and after), ledger_confirmed."""
    body = {"entry": entry.pk, "kind": entry.kind, "amount_fen": entry.amount_fen, **(data or {})}
    return record(module="convenience", kind=kind, subject=("convenience_order", entry.order_id),
                  community_id=entry.community_id, actor=actor, data=body)  # fmt: skip
