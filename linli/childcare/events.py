"""childcare's events, one typed function (labels: childcare/module.py `event_kinds`), written in the
same transaction as the change, on the programme's timeline. A refused pickup is written on its own
(the refusal changes nothing else) so that the staff see who tried."""

from __future__ import annotations

from linli.core.events import record
from linli.core.models import Event

SUBJECT = "childcare_programme"


def programme_event(*, programme_id: int, community_id: int, kind: str, actor, data: dict | None = None) -> Event:
    """programme_created, child_applied, child_withdrawn, child_arrived, child_picked_up,
    pickup_refused, pickup_person_added, pickup_person_removed, programme_changed, pickup_code_renewed."""
    return record(module="childcare", kind=kind, subject=(SUBJECT, programme_id), community_id=community_id,
                  actor=actor, data=data)  # fmt: skip
