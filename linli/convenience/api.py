"""convenience over JSON: orders (listed for those who may see them; raised by the resident, a
proxy or the staff), an order's ledger (its lines and totals in fen; a line recorded, a spend with
its receipt as a data: URL; a line countered with a reason) and the resident's confirmation."""

import base64
import binascii
import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from linli.convenience import selectors, services
from linli.convenience.errors import ServiceError
from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.tenancy.models import Community

router = Router(tags=["convenience"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}
MAX_RECEIPT_BYTES = 4 * 1024 * 1024


class OrderIn(Schema):
    community_id: Id
    resident_id: Id
    service_type_id: Id
    note: str = ""
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None


class OrderOut(Schema):
    id: int
    community_id: int
    service_type_id: int
    resident_id: int
    status: str
    raised_as: str
    handles_money: bool
    request_note: str
    window_start: dt.datetime | None
    window_end: dt.datetime | None
    assignee_name: str
    raised_at: dt.datetime
    done_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    satisfaction: int | None


class OrderPage(Schema):
    items: list[OrderOut]
    page: Page


class EntryIn(Schema):
    kind: str
    amount_fen: int  # integer fen: 3550 is 35.50 yuan
    party: str = ""
    witness: str = ""
    note: str = ""
    receipt: str | None = None  # a data: URL of the receipt photo (required for a spend)


class EntryOut(Schema):
    id: int
    kind: str
    amount_fen: int
    effect_fen: int
    counters_id: int | None
    reason: str
    party: str
    witness: str
    note: str
    has_receipt: bool
    recorded_at: dt.datetime
    confirmed_at: dt.datetime | None


class Totals(Schema):
    received: int
    spent: int
    returned: int
    in_hand: int
    lines: int


class LedgerOut(Schema):
    order_id: int
    lines: list[EntryOut]
    totals: Totals


class CounterIn(Schema):
    reason: str


class ConfirmIn(Schema):
    satisfaction: int | None = None
    comment: str = ""


def _community(request, community_id: int) -> Community:
    community = Community.objects.filter(pk=community_id).first()
    if community is None or community_id not in scope_for(request.auth).community_ids and not request.auth.is_superuser:
        raise Http404
    return community


def _entry(e) -> dict:
    return {**{f: getattr(e, f) for f in EntryOut.model_fields if hasattr(e, f)}, "has_receipt": bool(e.receipt)}


def _receipt(value: str | None):
    if not value:
        return None
    head, sep, body = value.partition(",")
    if not sep or not head.startswith("data:") or ";base64" not in head:
        raise ServiceError(_("小票照片须以 data: 网址（base64）发送。"), field="receipt")
    try:
        data = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError(_("小票照片的编码有误。"), field="receipt") from None
    if len(data) > MAX_RECEIPT_BYTES:
        raise ServiceError(_("小票照片太大（最大4 MB）。"), field="receipt")
    return SimpleUploadedFile("receipt", data, content_type=head[5:].split(";")[0] or "application/octet-stream")


@router.get("/convenience/orders", response={200: OrderPage, **ERRORS})
def list_orders(request, community_id: Id, status: str = "", page: int = 1, page_size: int = 50):
    _community(request, community_id)
    # Staff see the community's (a grid worker his grids'), a resident or proxy only their own: visible_to.
    rows = selectors.order_list(scope=scope_for(request.auth), community_id=community_id, status=status)
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


@router.post("/convenience/orders", response={201: OrderOut, **ERRORS})
def raise_order(request, payload: OrderIn):
    """Raised by the resident, a recorded proxy, or staff who run services on the resident's behalf."""
    community = _community(request, payload.community_id)
    order = services.order_raise(actor=request.auth, community=community, data=services.OrderInput(
        resident_id=payload.resident_id, service_type_id=payload.service_type_id, note=payload.note,
        window_start=payload.window_start, window_end=payload.window_end))  # fmt: skip
    return Status(201, order)


@router.get("/convenience/orders/{order_id}/ledger", response={200: LedgerOut, **ERRORS})
def get_ledger(request, order_id: Id):
    order = selectors.get_order_for(request.auth, order_id)
    return {"order_id": order.pk, "lines": [_entry(e) for e in selectors.ledger_lines(order)],
            "totals": services.ledger_totals(order)}  # fmt: skip


@router.post("/convenience/orders/{order_id}/ledger", response={201: EntryOut, **ERRORS})
def add_line(request, order_id: Id, payload: EntryIn):
    """A line in integer fen; a spend carries its receipt photo; refused lines write nothing."""
    order = selectors.get_order_for(request.auth, order_id)
    entry = services.ledger_add(actor=request.auth, order=order, data=services.EntryInput(
        kind=payload.kind, amount=payload.amount_fen, party=payload.party, witness=payload.witness, note=payload.note,
        receipt=_receipt(payload.receipt)))  # fmt: skip
    return Status(201, _entry(entry))


@router.post("/convenience/ledger/{entry_id}/counter", response={201: EntryOut, **ERRORS})
def counter_line(request, entry_id: Id, payload: CounterIn):
    entry = selectors.get_entry_for(request.auth, entry_id)
    return Status(201, _entry(services.ledger_counter(actor=request.auth, entry=entry, reason=payload.reason)))


@router.post("/convenience/orders/{order_id}/confirm", response={200: OrderOut, **ERRORS})
def confirm_order(request, order_id: Id, payload: ConfirmIn):
    """By the resident or the recorded proxy only; a money order only when its ledger balances."""
    order = selectors.get_order_for(request.auth, order_id)
    return services.order_confirm(actor=request.auth, order=order, satisfaction=payload.satisfaction,
                                  comment=payload.comment)  # fmt: skip
