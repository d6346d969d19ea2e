"""The shared event table's two verbs: `record` (called by each module's typed event functions in
its own `events.py`, inside the transaction of the change) and `timeline` (the rows of one object,
newest first, each with the label its module declared for the kind).

A module writes, e.g. in party/events.py:

    def member_added(*, actor, org, member) -> Event:
        return record(module="party", kind="member_added", subject=("party_org", org.pk),
                      community_id=org.community_id, actor=actor, data={"member": member.pk})

and declares `event_kinds={"member_added": _("添加了党员")}` in its module.py."""

from dataclasses import dataclass
from typing import Any

from linli.core import modules
from linli.core.models import Event
from linli.core.typing import Actor


def record(
    *,
    module: str,
    kind: str,
    subject: tuple[str, int],
    actor: Actor | None = None,
    community_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    subject_type, subject_id = subject
    return Event.objects.create(
        module=module, kind=kind, subject_type=subject_type, subject_id=subject_id, community_id=community_id,
        actor=actor if actor is not None and actor.pk else None, data=data or {},
    )  # fmt: skip


@dataclass
class Entry:
    at: Any
    actor: Any
    label: Any
    kind: str
    data: dict


def label_of(event: Event):
    module = modules.get(event.module)
    return (module.event_kinds.get(event.kind) if module else None) or event.kind


def person(kind: str, pk: int) -> list:
    """The reference an event keeps to a person it names (the name is read when it is shown)."""
    return [kind, pk]


def timeline(subject_type: str, subject_id: int, *, limit: int = 50) -> list[Entry]:
    """The object's events, newest first, each person it names by his current name (one query per
    kind of person). The caller has checked that the object is visible."""
    rows = (
        Event.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    return entries(rows)


def entries(rows) -> list[Entry]:
    """Timeline entries of these event rows, each person named by his current name."""
    rows = list(rows)
    wanted: dict[str, set[int]] = {}
    for e in rows:
        if isinstance(ref := e.data.get("person"), list) and len(ref) == 2:
            wanted.setdefault(str(ref[0]), set()).add(int(ref[1]))
    names = {kind: modules.person_names(kind, ids) for kind, ids in wanted.items()}
    entries = []
    for e in rows:
        data = dict(e.data)
        if isinstance(ref := data.get("person"), list) and len(ref) == 2:
            data.setdefault("note", names.get(str(ref[0]), {}).get(int(ref[1]), ""))
        entries.append(Entry(at=e.at, actor=e.actor, label=label_of(e), kind=e.kind, data=data))
    return entries
