"""The entrusted-money ledger of an order. Money received (from whom, witnessed by whom), each spend
with its receipt photo (a photo, checked by its bytes), the change returned; integer fen. The money in
the helper's hand never goes below zero; the order is confirmed only when it is zero. A line not yet
confirmed may be corrected (its before and after kept in the order's history); a confirmed one never:
a counter-entry with a reason cancels it, and the resident confirms the correction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.convenience import events
from linli.convenience.errors import LedgerLocked, ServiceError
from linli.convenience.models import EntryKind, LedgerEntry, Order
from linli.convenience.money import check_fen, parse_yuan, yuan
from linli.convenience.services.common import photo_type, speaks_for, takes_part
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class EntryInput:
    kind: str
    amount: str | int  # yuan as typed ("35.50"), or fen as an int (the API)
    party: str = ""  # from whom received, to whom returned
    witness: str = ""
    note: str = ""  # what was bought
    receipt: object = None


def _fen(amount: str | int) -> int:
    return check_fen(amount) if isinstance(amount, int) else parse_yuan(amount)


def ledger_totals(order: Order) -> dict[str, int]:
    """Fen received, spent, returned (counter-entries netted) and still in hand; one query."""
    sums = {}
    rows = LedgerEntry.objects.in_community(order.community_id).filter(order_id=order.pk)
    for kind in EntryKind.values:
        sums[kind] = Sum(Case(
            When(kind=kind, counters__isnull=True, then="amount_fen"),
            When(kind=kind, counters__isnull=False, then=-1 * F("amount_fen")),
            default=0, output_field=IntegerField(),
        ))  # fmt: skip
    got = rows.aggregate(**sums, lines=Count("pk"))
    received, spent, returned = (got[k] or 0 for k in EntryKind.values)
    return {"received": received, "spent": spent, "returned": returned, "in_hand": received - spent - returned,
            "lines": got["lines"] or 0}  # fmt: skip


def _order_for_ledger(actor: User, order: Order) -> Order:
    if not takes_part(actor, order):
        raise ServiceError(_("只有办理人或社区工作人员可以记账。"), code="forbidden")
    current = Order.objects.in_community(order.community_id).select_for_update().get(pk=order.pk)
    if not current.handles_money:
        raise ServiceError(_("这项服务不代管居民的钱，不用记账。"), code="no_ledger")
    if current.status == Order.Status.CANCELLED:
        raise ServiceError(_("服务单已取消，不能再记账。"), code="closed")
    return current


def _check(data: EntryInput, *, new: bool = True) -> tuple[int, str]:
    if data.kind not in EntryKind.values:
        raise ServiceError(_("请选择是收到、支出还是退还。"), field="kind")
    fen = _fen(data.amount)
    party, witness = data.party.strip(), data.witness.strip()
    if len(party) > 50 or len(witness) > 50 or len(data.note.strip()) > 200:
        raise ServiceError(_("经手人、见证人最多50字，说明最多200字。"), field="note")
    if data.kind == EntryKind.RECEIVED and not party:
        raise ServiceError(_("请写明钱是从谁手里收到的。"), field="party")
    if data.kind == EntryKind.RETURNED and not party:
        raise ServiceError(_("请写明找零退给了谁。"), field="party")
    content_type = ""
    if data.kind == EntryKind.SPENT and new:
        if not data.receipt:
            raise ServiceError(_("每笔支出都要拍一张小票或收据的照片。"), field="receipt")
        content_type = photo_type(data.receipt, field="receipt", what=_("小票"))
    return fen, content_type


def _not_overdrawn(order: Order, change: int) -> None:
    in_hand = ledger_totals(order)["in_hand"]
    if in_hand + change < 0:
        raise ServiceError(
            _("这笔 %(a)s 元超过了经手人手里的钱（还有 %(h)s 元）。请先记收到的钱，或核对金额。")
            % {"a": yuan(-change), "h": yuan(in_hand)},
            field="amount",
            code="overdrawn",
        )


@transaction.atomic
def ledger_add(*, actor: User, order: Order, data: EntryInput) -> LedgerEntry:
    current = _order_for_ledger(actor, order)
    fen, content_type = _check(data)
    entry = LedgerEntry(
        community_id=current.community_id, order=current, grid_id=current.grid_id, resident_id=current.resident_id,
        kind=data.kind, amount_fen=fen, party=data.party.strip(), witness=data.witness.strip(),
        note=data.note.strip(), receipt_type=content_type, recorded_by=actor,
    )  # fmt: skip
    if entry.effect_fen < 0:
        _not_overdrawn(current, entry.effect_fen)
    if data.receipt:
        entry.receipt.save(uuid.uuid4().hex, data.receipt, save=False)  # type: ignore[arg-type]  # checked above
    entry.save()
    events.ledger_event(entry=entry, kind="ledger_added", actor=actor)
    return entry


@transaction.atomic
def ledger_counter(*, actor: User, entry: LedgerEntry, reason: str) -> LedgerEntry:
    """A line that cancels `entry` (the same kind and amount, the other way), with the reason."""
    current = _order_for_ledger(actor, entry.order)
    original = LedgerEntry.objects.in_community(current.community_id).select_for_update().get(pk=entry.pk)
    reason = reason.strip()
    if len(reason) < 2 or len(reason) > 200:
        raise ServiceError(_("请写明冲正的原因（如：金额记错，实为33.50元）。"), field="reason")
    if original.counters_id is not None:
        raise ServiceError(_("这一笔本身是冲正，不能再冲；请重新记一笔。"), code="counter_of_counter")
    if LedgerEntry.objects.in_community(current.community_id).filter(counters=original).exists():
        raise ServiceError(_("这一笔已经冲正过了。"), code="countered")
    counter = LedgerEntry.objects.create(
        community_id=current.community_id, order=current, grid_id=current.grid_id, resident_id=current.resident_id,
        kind=original.kind, amount_fen=original.amount_fen, counters=original, reason=reason, party=original.party,
        note=original.note, recorded_by=actor,
    )  # fmt: skip
    events.ledger_event(entry=counter, kind="ledger_countered", actor=actor, data={"note": reason})
    return counter


@transaction.atomic
def ledger_edit(*, actor: User, entry: LedgerEntry, amount: str | int, party: str = "", witness: str = "",
                note: str = "", reason: str = "") -> LedgerEntry:  # fmt: skip
    """A line typed wrong and not yet confirmed: corrected with a reason, its before and after in the
    history. Confirmed: refused — it is countered instead."""
    reason = reason.strip()
    if len(reason) < 2 or len(reason) > 200:
        raise ServiceError(_("请写明改正的原因（如：金额记错，小票实为33.50元）。"), field="reason")
    current = _order_for_ledger(actor, entry.order)
    row = LedgerEntry.objects.in_community(current.community_id).select_for_update().get(pk=entry.pk)
    if row.confirmed_at is not None:
        raise LedgerLocked(_("这笔账已由本人确认，不能再改；记错了请记一笔冲正并写明原因。"), code="ledger_locked")
    if row.counters_id is not None:
        raise ServiceError(_("冲正的一笔不能修改。"), code="counter")
    fen, _type = _check(EntryInput(kind=row.kind, amount=amount, party=party, witness=witness, note=note), new=False)
    change = (fen - row.amount_fen) * (1 if row.kind == EntryKind.RECEIVED else -1)
    if change < 0:
        _not_overdrawn(current, change)
    before = {"amount_fen": row.amount_fen, "party": row.party, "witness": row.witness, "note": row.note}
    row.amount_fen, row.party, row.witness, row.note = fen, party.strip(), witness.strip(), note.strip()
    row.save(update_fields=["amount_fen", "party", "witness", "note"])
    events.ledger_event(entry=row, kind="ledger_edited", actor=actor, data={"before": before, "note": reason})
    return row


def stamp_confirmed(order: Order, actor: User) -> int:
    """Freeze the lines not yet confirmed (called by the confirmations, in their transaction)."""
    lines = LedgerEntry.objects.in_community(order.community_id).filter(order_id=order.pk, confirmed_at__isnull=True)
    return lines.update(confirmed_at=timezone.now(), confirmed_by=actor)


@transaction.atomic
def ledger_confirm(*, actor: User, order: Order) -> int:
    """A correction of a confirmed order's ledger, confirmed in turn by the resident or proxy."""
    current = Order.objects.in_community(order.community_id).select_for_update().get(pk=order.pk)
    resident = Resident.objects.in_community(current.community_id).get(pk=current.resident_id)
    if not speaks_for(actor, current.community_id, resident):
        raise ServiceError(_("只有居民本人或登记的代理人可以确认。"), code="not_the_resident")
    if current.status != Order.Status.CONFIRMED:
        raise ServiceError(_("服务单还没办完：办完后连同账目一起确认。"), code="state")
    totals = ledger_totals(current)
    if totals["in_hand"] != 0:
        raise ServiceError(
            _("账目不平：经手人手里还有 %(h)s 元，请先记清再确认。") % {"h": yuan(totals["in_hand"])}, code="unbalanced"
        )
    count = stamp_confirmed(current, actor)
    if count:
        events.order_event(order=current, kind="ledger_confirmed", actor=actor, data={"note": str(count)})
    return count
