"""Writing a notice and taking it through approval: saved as a draft, submitted (released at once,
or held for the secretary when it reaches more residents than the community's threshold),
approved or sent back, withdrawn. Every check runs before anything is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from linli.core import modules
from linli.core.scoping import scope_for
from linli.core.uploads import UploadError, sniff_upload
from linli.messaging import services as messaging
from linli.notices import audience as aud
from linli.notices.events import notice_event
from linli.notices.models import Notice, NoticeAttachment, NoticeSettings
from linli.notices.permissions import APPROVE_NOTICES, may_approve, may_manage
from linli.notices.services import common as c
from linli.notices.services.publishing import release
from linli.tenancy.models import Membership

MAX_FILES = 5
MAX_FILE_MB = 5
MAX_THRESHOLD = 100_000


@dataclass
class NoticeInput:
    title: str
    body: str
    audience: dict
    category: str = Notice.Category.GENERAL
    publish_at: dt.datetime | None = None  # None: now
    expires_at: dt.datetime | None = None
    pinned: bool = False
    send_messages: bool = False
    files: list = field(default_factory=list)


def _check_audience(actor, community_id: int, audience: aud.Audience) -> None:
    if audience.is_empty:
        raise c.NoticeError(c.NO_TARGET, field="audience", code="no_target")
    scope = scope_for(actor)
    area = aud.area_of(scope, community_id, manages=may_manage(scope, community_id))
    wrong = aud.outside(area, audience)
    if wrong == "tags":
        raise c.NoticeError(c.HIDDEN_TAG, field="tags", code="hidden_tag")
    if wrong:
        message = c.NOT_YOUR_AREA if not area.whole else c.UNKNOWN_PLACE
        raise c.NoticeError(message, field=wrong if wrong != "whole" else "audience", code="outside_area")


def _check_files(files: list) -> list[tuple]:
    if len(files) > MAX_FILES:
        raise c.NoticeError(c.TOO_MANY_FILES % {"n": MAX_FILES}, field="files", code="too_many_files")
    checked = []
    for upload in files:
        if upload.size > MAX_FILE_MB * 1024 * 1024:
            name = getattr(upload, "name", "") or "?"
            mb = upload.size / 1048576
            raise c.NoticeError(c.TOO_LARGE % {"name": name, "mb": mb, "max": MAX_FILE_MB}, field="files",
                                code="file_too_large")  # fmt: skip
        try:
            checked.append((upload, *sniff_upload(upload)))
        except UploadError as exc:
            raise c.NoticeError(exc.message, field="files", code="bad_file") from None
    return checked


def clean(actor, community_id: int, data: NoticeInput) -> tuple[NoticeInput, aud.Audience, list[tuple]]:
    """The input checked and tidied, or the first NoticeError naming the field at fault."""
    data.title, data.body = (data.title or "").strip(), (data.body or "").strip()
    if not data.title:
        raise c.NoticeError(c.NO_TITLE, field="title")
    if not data.body:
        raise c.NoticeError(c.NO_BODY, field="body")
    if data.category not in Notice.Category.values:
        data.category = Notice.Category.GENERAL
    audience = aud.Audience.of(data.audience)
    _check_audience(actor, community_id, audience)
    now = timezone.now()
    publish_at = data.publish_at or now
    if data.expires_at is not None and data.expires_at <= publish_at:
        raise c.NoticeError(c.EXPIRES_BEFORE, field="expires_at")
    if data.expires_at is not None and data.expires_at <= now:
        raise c.NoticeError(c.ALREADY_EXPIRED, field="expires_at")
    data.publish_at = publish_at
    return data, audience, _check_files(data.files or [])


def _save_files(notice: Notice, checked: list[tuple], actor) -> None:
    for upload, content_type, extension in checked:
        row = NoticeAttachment(community_id=notice.community_id, notice=notice, content_type=content_type,
                               name=(getattr(upload, "name", "") or "file")[:200], size=upload.size,
                               uploaded_by=actor)  # fmt: skip
        upload.seek(0)
        row.file.save("file" + extension, upload, save=False)
        row.save()


@transaction.atomic
def notice_save(*, actor, community_id: int, data: NoticeInput, notice: Notice | None = None) -> Notice:
    """A new draft, or the changes to one (a draft or a notice sent back)."""
    c.require_poster(actor, community_id)
    if notice is not None:
        notice = Notice.objects.in_community(community_id).select_for_update().get(pk=notice.pk)
        c.require_state(notice, Notice.Status.DRAFT)
        if notice.author_id != actor.pk and not may_approve(scope_for(actor), community_id):
            raise c.NoticeError(c.NOT_AUTHOR)
    data, audience, checked = clean(actor, community_id, data)
    notice = notice or Notice(community_id=community_id, author=actor)
    for name in ("title", "body", "category", "publish_at", "expires_at", "pinned", "send_messages"):
        setattr(notice, name, getattr(data, name))
    notice.audience = audience.as_data()
    notice.audience_label = aud.label(community_id, audience)[:300]
    created = notice.pk is None
    notice.save()
    _save_files(notice, checked, actor)
    notice_event("created" if created else "edited", notice=notice, actor=actor)
    return notice


def threshold_of(community_id: int) -> int:
    row = NoticeSettings.objects.in_community(community_id).first()
    return row.approval_threshold if row else NoticeSettings._meta.get_field("approval_threshold").default


def _approvers(community_id: int) -> list[int]:
    roles = [role for role, codes in modules.role_grants().items() if APPROVE_NOTICES in codes]
    rows = Membership.objects.filter(community_id=community_id, is_active=True, role__in=roles)
    return list(rows.values_list("user_id", flat=True).distinct())


@transaction.atomic
def notice_submit(*, actor, notice: Notice) -> Notice:
    """Send a draft on its way: to the secretary when it reaches more than the threshold and the
    author may not approve, else released (published now, or at its publish time)."""
    c.require_poster(actor, notice.community_id)
    notice = Notice.objects.in_community(notice.community_id).select_for_update().get(pk=notice.pk)
    c.require_state(notice, Notice.Status.DRAFT)
    reach = aud.reach(notice.community_id, aud.Audience.of(notice.audience))
    if reach == 0:
        raise c.NoticeError(c.REACHES_NOBODY, field="audience", code="reaches_nobody")
    notice.reach, notice.refusal = reach, ""
    if reach > threshold_of(notice.community_id) and not may_approve(scope_for(actor), notice.community_id):
        notice.status = Notice.Status.PENDING
        notice.save(update_fields=["reach", "refusal", "status", "updated_at"])
        notice_event("submitted", notice=notice, actor=actor, reach=reach)
        messaging.notify_many(_approvers(notice.community_id), "notice_pending",
                              {"title": notice.title, "reach": reach}, community=notice.community_id,
                              link=reverse("notices:detail", args=[notice.pk]))  # fmt: skip
        return notice
    notice.save(update_fields=["reach", "refusal", "updated_at"])
    return release(notice=notice, actor=actor)


@transaction.atomic
def notice_publish(*, actor, community_id: int, data: NoticeInput, notice: Notice | None = None) -> Notice:
    """Save and submit in one go: a refusal of either leaves nothing saved."""
    saved = notice_save(actor=actor, community_id=community_id, data=data, notice=notice)
    return notice_submit(actor=actor, notice=saved)


@transaction.atomic
def notice_approve(*, actor, notice: Notice) -> Notice:
    c.require_approver(actor, notice.community_id)
    notice = Notice.objects.in_community(notice.community_id).select_for_update().get(pk=notice.pk)
    c.require_state(notice, Notice.Status.PENDING)
    notice.decided_by, notice.decided_at = actor, timezone.now()
    notice.save(update_fields=["decided_by", "decided_at", "updated_at"])
    notice_event("approved", notice=notice, actor=actor)
    return release(notice=notice, actor=actor)


@transaction.atomic
def notice_refuse(*, actor, notice: Notice, reason: str) -> Notice:
    """Back to its author as a draft, with the reason."""
    c.require_approver(actor, notice.community_id)
    reason = (reason or "").strip()
    if not reason:
        raise c.NoticeError(c.NO_REASON, field="reason")
    notice = Notice.objects.in_community(notice.community_id).select_for_update().get(pk=notice.pk)
    c.require_state(notice, Notice.Status.PENDING)
    notice.status, notice.refusal = Notice.Status.DRAFT, reason[:200]
    notice.decided_by, notice.decided_at = actor, timezone.now()
    notice.save(update_fields=["status", "refusal", "decided_by", "decided_at", "updated_at"])
    notice_event("refused", notice=notice, actor=actor, note=notice.refusal)
    messaging.notify(notice.author_id, "notice_refused", {"title": notice.title, "reason": notice.refusal},
                     community=notice.community_id, link=reverse("notices:detail", args=[notice.pk]))  # fmt: skip
    return notice


@transaction.atomic
def notice_withdraw(*, actor, notice: Notice) -> Notice:
    """Taken off the residents' pages (the rows of who read it stay, for the record)."""
    c.require_poster(actor, notice.community_id)
    notice = Notice.objects.in_community(notice.community_id).select_for_update().get(pk=notice.pk)
    if notice.author_id != actor.pk and not may_approve(scope_for(actor), notice.community_id):
        raise c.NoticeError(c.NOT_AUTHOR)
    c.require_state(notice, Notice.Status.PENDING, Notice.Status.SCHEDULED, Notice.Status.PUBLISHED)
    notice.status = Notice.Status.WITHDRAWN
    notice.save(update_fields=["status", "updated_at"])
    notice_event("withdrawn", notice=notice, actor=actor)
    return notice


@transaction.atomic
def threshold_save(*, actor, community_id: int, value) -> NoticeSettings:
    c.require_approver(actor, community_id)
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= MAX_THRESHOLD:
        raise c.NoticeError(c.BAD_THRESHOLD, field="approval_threshold")
    row, _created = NoticeSettings.objects.in_community(community_id).get_or_create(community_id=community_id)
    row.approval_threshold = number
    row.save(update_fields=["approval_threshold"])
    return row
