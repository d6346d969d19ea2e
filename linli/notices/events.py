"""notices' events, one typed function per kind (labels: notices/module.py `event_kinds`), written in
the same transaction as the change: a notice's timeline on its staff page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.events import record
from linli.core.models import Event

if TYPE_CHECKING:
    from linli.core.typing import Actor
    from linli.notices.models import Notice


def notice_event(kind: str, *, notice: Notice, actor: Actor | None, **data) -> Event:
    return record(
        module="notices",
        kind=f"notice_{kind}",
        subject=("notices_notice", notice.pk),
        community_id=notice.community_id,
        actor=actor,
        data=data,
    )
