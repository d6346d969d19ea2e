"""cases' events in the shared table (core.events): the Open311 keys' creation and revocation. (A
case's own steps have their own table, CaseEvent, which is its timeline.) Labels of the kinds are
in module.py's `event_kinds`."""

from linli.cases.models import Open311Key
from linli.core.events import record
from linli.core.models import Event

OPEN311_KEY = "open311_key"  # the subject type of a key's events


def open311_key_created(*, actor, key: Open311Key) -> Event:
    return record(
        module="cases", kind="open311_key_created", subject=(OPEN311_KEY, key.pk), community_id=key.community_id,
        actor=actor, data={"note": f"{key.name}（{key.prefix}…）"},
    )  # fmt: skip


def open311_key_revoked(*, actor, key: Open311Key) -> Event:
    return record(
        module="cases", kind="open311_key_revoked", subject=(OPEN311_KEY, key.pk), community_id=key.community_id,
        actor=actor, data={"note": f"{key.name}（{key.prefix}…）"},
    )  # fmt: skip
