"""Notices over JSON: a resident's own notices and the read mark; the staff's list of the
community's notices, one notice with its read counts, writing one and approving it."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.notices import selectors, services

router = Router(tags=["notices"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class MyNoticeOut(Schema):
    id: int
    community_id: int
    title: str
    body: str
    category: str
    pinned: bool
    publish_at: dt.datetime
    expires_at: dt.datetime | None
    read_at: dt.datetime | None


class MyNoticePage(Schema):
    items: list[MyNoticeOut]
    page: Page


class NoticeOut(Schema):
    id: int
    community_id: int
    title: str
    category: str
    status: str
    audience: dict
    audience_label: str
    pinned: bool
    send_messages: bool
    publish_at: dt.datetime
    expires_at: dt.datetime | None
    reach: int


class NoticePage(Schema):
    items: list[NoticeOut]
    page: Page


class CountOut(Schema):
    label: str
    reached: int
    read: int


class NoticeDetailOut(NoticeOut):
    body: str
    reached: int
    read: int
    lines: list[CountOut]


class AudienceIn(Schema):
    whole: bool = False
    compounds: list[Id] = []
    buildings: list[Id] = []
    grids: list[Id] = []
    tags: list[Id] = []


class NoticeIn(Schema):
    community_id: Id
    title: str
    body: str
    category: str = "general"
    audience: AudienceIn
    publish_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    pinned: bool = False
    send_messages: bool = False
    draft: bool = False


class ReadOut(Schema):
    notice_id: int
    marked: int


def _mine(row) -> MyNoticeOut:
    n = row.notice
    return MyNoticeOut(
        id=n.pk, community_id=n.community_id, title=n.title, body=n.body, category=n.category, pinned=n.pinned,
        publish_at=n.publish_at, expires_at=n.expires_at, read_at=row.read_at,
    )  # fmt: skip


@router.get("/notices/mine", response={200: MyNoticePage, **ERRORS})
def my_notices(request, page: int = 1, page_size: int = 20):
    """The published notices that reached the caller's resident record, pinned and newest first."""
    items, meta = paginate(selectors.my_notices(actor=request.auth), page, page_size)
    return {"items": [_mine(r) for r in items], "page": meta}


@router.post("/notices/{notice_id}/read", response={200: ReadOut, **ERRORS})
def mark_read(request, notice_id: Id):
    """Mark one of the caller's notices read (404 if it did not reach him)."""
    notice = selectors.get_my_notice(request.auth, notice_id)
    return ReadOut(notice_id=notice.pk, marked=services.notice_mark_read(actor=request.auth, notice_id=notice.pk))


def _poster(request, community_id: int) -> None:
    if not selectors.can_post_here(request.auth, community_id):
        raise Http404


@router.get("/notices", response={200: NoticePage, **ERRORS})
def list_notices(request, community_id: Id, status: str = "", page: int = 1, page_size: int = 50):
    """The community's notices the caller may see as an author or manager."""
    _poster(request, community_id)
    rows = selectors.notice_list(actor=request.auth, community_id=community_id, status=status)
    items, meta = paginate(rows, page, page_size)
    return {"items": items, "page": meta}


@router.get("/notices/{notice_id}", response={200: NoticeDetailOut, **ERRORS})
def notice_detail(request, notice_id: Id):
    """One notice with its read counts, in total and per place or tag it named."""
    notice = selectors.get_notice_for(request.auth, notice_id)
    counts = selectors.read_counts(notice)
    notice.lines = [CountOut(label=str(c.label), reached=c.reached, read=c.read) for c in counts["lines"]]
    notice.reached, notice.read = counts["total"].reached, counts["total"].read
    return notice


@router.post("/notices", response={201: NoticeOut, **ERRORS})
def create_notice(request, payload: NoticeIn):
    """Write a notice and publish it (or keep it as a draft): 400 `no_target`, `hidden_tag`,
    `outside_area`, `reaches_nobody`; it goes to the secretary when it reaches more than the threshold."""
    _poster(request, payload.community_id)
    data = services.NoticeInput(
        title=payload.title, body=payload.body, category=payload.category, audience=payload.audience.dict(),
        publish_at=payload.publish_at, expires_at=payload.expires_at, pinned=payload.pinned,
        send_messages=payload.send_messages,
    )  # fmt: skip
    call = services.notice_save if payload.draft else services.notice_publish
    return Status(201, call(actor=request.auth, community_id=payload.community_id, data=data))


@router.post("/notices/{notice_id}/approve", response={200: NoticeOut, **ERRORS})
def approve(request, notice_id: Id):
    """The secretary releases a notice waiting for approval (409 if it is not waiting)."""
    notice = selectors.get_notice_for(request.auth, notice_id)
    return services.notice_approve(actor=request.auth, notice=notice)
