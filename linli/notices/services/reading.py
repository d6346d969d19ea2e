"""A resident opening a notice marks it read on his record(s)."""

from __future__ import annotations

from django.utils import timezone

from linli.core.scoping import scope_for
from linli.notices.models import NoticeRecipient
from linli.people.scope import people_scope


def notice_mark_read(*, actor, notice_id: int) -> int:
    """Rows newly marked (0 when already read, or when the notice did not reach him)."""
    mine = people_scope(scope_for(actor)).resident_ids
    if not mine:
        return 0
    rows = NoticeRecipient.objects.visible_to(actor).filter(
        notice_id=notice_id, resident_id__in=mine, read_at__isnull=True
    )
    return rows.update(read_at=timezone.now())
