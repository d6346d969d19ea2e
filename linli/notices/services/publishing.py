"""Publishing: a released notice goes up now or at its publish time (`publish_due`, the periodic
round); publishing queues its fan-out (notices/fanout.py) as a task, so the request that publishes
returns at once whatever the audience's size (issue 18: 20,000 residents)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from linli.notices.events import notice_event
from linli.notices.models import Notice


def _queue_fan_out(notice_id: int) -> None:
    from linli.notices import tasks

    transaction.on_commit(lambda: tasks.fan_out.enqueue(notice_id))


def release(*, notice: Notice, actor) -> Notice:
    """Approved or needing no approval: published now, or scheduled for its publish time.
    The caller holds the notice's row lock."""
    now = timezone.now()
    if notice.publish_at > now:
        notice.status = Notice.Status.SCHEDULED
        notice.save(update_fields=["status", "updated_at"])
        notice_event("scheduled", notice=notice, actor=actor, at=notice.publish_at.isoformat())
        return notice
    _publish(notice, actor, now)
    return notice


def _publish(notice: Notice, actor, now) -> None:
    notice.status, notice.published_at = Notice.Status.PUBLISHED, now
    notice.save(update_fields=["status", "published_at", "updated_at"])
    notice_event("published", notice=notice, actor=actor, reach=notice.reach)
    _queue_fan_out(notice.pk)


def publish_due(now=None) -> int:
    """Scheduled notices whose time has come (the periodic round)."""
    now = now or timezone.now()
    done = 0
    due = Notice.objects.unscoped().filter(status=Notice.Status.SCHEDULED, publish_at__lte=now)
    for pk in list(due.values_list("pk", flat=True)[:200]):
        with transaction.atomic():
            notice = Notice.objects.unscoped().select_for_update().filter(pk=pk, status="scheduled").first()
            if notice is not None:
                _publish(notice, None, now)
                done += 1
    return done
