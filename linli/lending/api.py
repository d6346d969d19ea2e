"""Titles, copies and loans over JSON under /api/v1/lending/. Staff of the community see the
catalogue and every loan and lend and take back; a resident sees the catalogue and his own loans."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.lending import selectors, services
from linli.lending.models import Copy, Loan
from linli.lending.permissions import MANAGE_LENDING

router = Router(tags=["lending"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class TitleOut(Schema):
    id: int
    community_id: int
    kind: str
    isbn: str
    title: str
    author: str
    publisher: str
    year: int | None
    category_id: int | None
    deposit_fen: int
    copy_count: int
    shelf_count: int


class TitlePage(Schema):
    items: list[TitleOut]
    page: Page


class CopyOut(Schema):
    id: int
    title_id: int
    barcode: str
    shelf_mark: str
    condition: str
    status: str


class CopyPage(Schema):
    items: list[CopyOut]
    page: Page


class LoanOut(Schema):
    id: int
    community_id: int
    copy_id: int
    title_id: int
    resident_id: int
    lent_at: dt.datetime
    due_date: dt.date
    renewals: int
    returned_at: dt.datetime | None
    outcome: str
    deposit_fen: int


class LoanPage(Schema):
    items: list[LoanOut]
    page: Page


class LendIn(Schema):
    community_id: Id
    barcode: str
    card: str = ""
    resident_id: Id | None = None


class ReturnIn(Schema):
    community_id: Id
    barcode: str
    damaged: bool = False
    condition_in: str = ""


def _member(request, community_id: int) -> None:
    scope = scope_for(request.auth)
    if community_id not in scope.community_ids and not scope.is_superuser:
        raise Http404


@router.get("/lending/titles", response={200: TitlePage, **ERRORS})
def list_titles(request, community_id: Id, q: str = "", kind: str = "", page: int = 1, page_size: int = 50):
    _member(request, community_id)
    rows = selectors.title_list(actor=request.auth, community_id=community_id, query=q, kind=kind)
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


@router.get("/lending/copies", response={200: CopyPage, **ERRORS})
def list_copies(
    request, community_id: Id, title_id: Id | None = None, status: str = "", page: int = 1, page_size: int = 50
):
    _member(request, community_id)
    rows = Copy.objects.visible_to(request.auth).filter(community_id=community_id)
    if title_id:
        rows = rows.filter(title_id=title_id)
    if status:
        rows = rows.filter(status=status)
    items, meta = paginate(rows.order_by("barcode", "pk"), page, page_size)
    return {"items": items, "page": meta}


@router.get("/lending/loans", response={200: LoanPage, **ERRORS})
def list_loans(request, community_id: Id, state: str = "open", page: int = 1, page_size: int = 50):
    """Staff: the community's loans (open, overdue, closed); a resident: his own."""
    _member(request, community_id)
    rows = Loan.objects.visible_to(request.auth).filter(community_id=community_id)
    if state == "overdue":
        rows = rows.filter(returned_at__isnull=True, due_date__lt=dt.date.today()).order_by("due_date", "pk")
    elif state == "closed":
        rows = rows.filter(returned_at__isnull=False).order_by("-returned_at", "-pk")
    else:
        rows = rows.filter(returned_at__isnull=True).order_by("due_date", "pk")
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


def _manager(request, community_id: int) -> None:
    if not scope_for(request.auth).has(MANAGE_LENDING, community_id):
        raise Http404


@router.post("/lending/loans", response={201: LoanOut, **ERRORS})
def lend(request, payload: LendIn):
    """Lend a copy (by barcode) to a reader (by card number or resident id): 409 `already_lent`, …"""
    _manager(request, payload.community_id)
    loan = services.loan_lend(
        actor=request.auth,
        community_id=payload.community_id,
        barcode=payload.barcode,
        card=payload.card,
        resident_id=payload.resident_id,
    )
    return Status(201, loan)


@router.post("/lending/returns", response={200: LoanOut, **ERRORS})
def take_back(request, payload: ReturnIn):
    """Take a copy back by its barcode: 409 `not_lent` if it is not out."""
    _manager(request, payload.community_id)
    return services.loan_return(
        actor=request.auth,
        community_id=payload.community_id,
        barcode=payload.barcode,
        damaged=payload.damaged,
        condition_in=payload.condition_in,
    )
