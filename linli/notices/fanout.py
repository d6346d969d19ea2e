"""A published notice's fan-out: one recipient row per resident the audience reaches and, when
asked, a message to each who has an account (messaging.notify_many queues their SMS and WeChat).
Run by the task publishing queues (notices/tasks.py)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from linli.messaging import services as messaging
from linli.notices import audience as aud
from linli.notices.models import Notice, NoticeRecipient

BATCH = 2000


@transaction.atomic
def fan_out(notice_id: int) -> int:
    """Write the recipient rows of a published notice and send its messages, once: a second run
    (a retried task) finds it done and does nothing."""
    notice = Notice.objects.unscoped().select_for_update().filter(pk=notice_id).first()
    if notice is None or notice.fanned_out_at is not None or notice.status != Notice.Status.PUBLISHED:
        return 0
    reached = aud.residents(notice.community_id, aud.Audience.of(notice.audience))
    rows = list(reached.values_list("pk", "user_id", "dwelling__building_id"))
    NoticeRecipient.objects.bulk_create(
        [NoticeRecipient(community_id=notice.community_id, notice_id=notice.pk, resident_id=r, user_id=u,
                         building_id=b) for r, u, b in rows],
        batch_size=BATCH, ignore_conflicts=True,
    )  # fmt: skip
    notice.fanned_out_at = timezone.now()
    notice.reach = len(rows)
    notice.save(update_fields=["fanned_out_at", "reach"])
    if notice.send_messages:
        users = [u for _r, u, _b in rows if u]
        context = {"title": notice.title, "community": notice.community.name}
        link = reverse("notices:read", args=[notice.pk])
        messaging.notify_many(users, "notice_published", context, community=notice.community_id, link=link)
    return len(rows)
