"""A user's own messages and receiving preferences over JSON."""

import datetime as dt

from ninja import Router, Schema

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.messaging import selectors, services

router = Router(tags=["messages"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class MessageOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class MessagePage(Schema):
    items: list[MessageOut]
    unread: int
    page: Page


class PreferenceIn(Schema):
    channels: list[str]
    quiet_start: dt.time
    quiet_end: dt.time
    muted_kinds: list[str] | None = None


class PreferenceOut(Schema):
    channels: list[str]
    quiet_start: str  # "22:00", the community's time
    quiet_end: str
    muted_kinds: list[str]
    addresses: dict[str, str]  # channel -> the masked address (138****5678)


def _rows(rows) -> list[MessageOut]:
    return [MessageOut(**vars(r)) for r in selectors.inbox_rows(rows)]


@router.get("/messages", response={200: MessagePage, **ERRORS})
def list_messages(request, unread: bool = False, page: int = 1, page_size: int = 25):
    """The caller's own messages, newest first."""
    rows, info = paginate(selectors.inbox(actor=request.auth, unread_only=unread), page, page_size)
    return MessagePage(items=_rows(rows), unread=selectors.unread_count(request.auth.pk), page=info)


@router.post("/messages/{message_id}/read", response={200: MessageOut, **ERRORS})
def read_message(request, message_id: Id):
    message = services.message_mark_read(actor=request.auth, message_id=message_id)
    return _rows([message])[0]


@router.post("/messages/read-all", response={200: dict, **ERRORS})
def read_all(request):
    return {"marked": services.messages_mark_all_read(actor=request.auth)}


def _preference_out(user_id: int) -> PreferenceOut:
    current = selectors.settings_of(user_id)
    pref = current["preference"]
    return PreferenceOut(
        channels=pref.channels,
        quiet_start=pref.quiet_start.strftime("%H:%M"),
        quiet_end=pref.quiet_end.strftime("%H:%M"),
        muted_kinds=pref.muted_kinds, addresses={k: c.hint for k, c in current["contacts"].items()},
    )  # fmt: skip


@router.get("/messages/preferences", response={200: PreferenceOut, **ERRORS})
def get_preferences(request):
    return _preference_out(request.auth.pk)


@router.put("/messages/preferences", response={200: PreferenceOut, **ERRORS})
def put_preferences(request, data: PreferenceIn):
    services.preference_save(actor=request.auth, **data.dict())
    return _preference_out(request.auth.pk)
