"""Sign-up and link requests over JSON: codes and sign-up are public (rate-limited); link requests
are the account's own, and the community staff's to confirm or refuse."""

import datetime as dt

from django.contrib.auth import login
from django.http import Http404
from ninja import Router, Schema

from linli.core.api import PUBLIC, ErrorOut, Id
from linli.core.client_address import client_address
from linli.core.scope_stamps import LOGIN_BACKEND
from linli.residents import accounts, codes, selectors, services

router = Router(tags=["residents"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut}


class CodeIn(Schema):
    phone: str
    purpose: str = "signup"


class CodeOut(Schema):
    code_id: int
    expires_at: dt.datetime


class SignupIn(Schema):
    code_id: Id
    code: str
    password: str = ""


class AccountOut(Schema):
    user_id: int
    username: str


class LinkIn(Schema):
    name: str
    id_number: str
    dwelling_id: Id


class LinkOut(Schema):
    id: int
    community_id: int
    name: str
    id_masked: str
    dwelling_id: int
    resident_id: int | None
    status: str
    reason: str
    created_at: dt.datetime


class RefuseIn(Schema):
    reason: str


def _out(row) -> LinkOut:
    return LinkOut(
        id=row.pk, community_id=row.community_id, name=row.name, id_masked=row.id_masked,
        dwelling_id=row.dwelling_id, resident_id=row.resident_id, status=row.status, reason=row.reason,
        created_at=row.created_at,
    )  # fmt: skip


@router.post("/signup/codes", auth=PUBLIC, response={200: CodeOut, **ERRORS})
def request_code(request, data: CodeIn):
    """Send a one-time code by SMS (purpose signup, login or reset)."""
    if data.purpose not in ("signup", "login", "reset"):
        raise services.LinkError("purpose", field="purpose")
    row = codes.code_request(phone=data.phone, purpose=data.purpose, ip=client_address(request) or "")
    return CodeOut(code_id=row.pk, expires_at=row.expires_at)


@router.post("/signup", auth=PUBLIC, response={200: AccountOut, **ERRORS})
def signup(request, data: SignupIn):
    """Open the account with the code; the session is signed in."""
    user = accounts.signup_complete(code_id=data.code_id, code=data.code, password=data.password)
    login(request, user, backend=LOGIN_BACKEND)
    return AccountOut(user_id=user.pk, username=user.username)


@router.get("/link-requests", response={200: list[LinkOut], **ERRORS})
def list_requests(request, community_id: Id | None = None, status: str = "pending"):
    """The caller's own requests, or (with community_id) the community's queue for its staff."""
    if community_id is None:
        return [_out(r) for r in selectors.own_requests(actor=request.auth)[:20]]
    if not selectors.can_confirm_here(request.auth, community_id):
        raise Http404
    return [
        _out(r) for r in selectors.request_queue(actor=request.auth, community_id=community_id, status=status)[:200]
    ]


@router.post("/link-requests", response={200: LinkOut, **ERRORS})
def create_request(request, data: LinkIn):
    return _out(services.link_request_create(actor=request.auth, **data.dict()))


@router.post("/link-requests/{request_id}/confirm", response={200: LinkOut, **ERRORS})
def confirm(request, request_id: Id):
    row = selectors.get_request_for(request.auth, request_id)
    return _out(services.link_confirm(actor=request.auth, link_request=row, request=request))


@router.post("/link-requests/{request_id}/refuse", response={200: LinkOut, **ERRORS})
def refuse(request, request_id: Id, data: RefuseIn):
    row = selectors.get_request_for(request.auth, request_id)
    return _out(services.link_refuse(actor=request.auth, link_request=row, reason=data.reason))
