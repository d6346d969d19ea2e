"""participation's events, one typed function per kind (labels: participation/module.py), written in
the transaction of the change, on the offering's timeline."""

from linli.core.events import person, record
from linli.core.models import Event
from linli.core.typing import Actor
from linli.participation.models import Attendance, Offering, Registration


def _event(kind: str, *, offering: Offering, actor: Actor | None, data: dict) -> Event:
    return record(
        module="participation", kind=kind, subject=("offering", offering.pk), community_id=offering.community_id,
        actor=actor, data=data,
    )  # fmt: skip


def registration_event(kind: str, *, registration: Registration, actor: Actor | None) -> Event:
    """kind: registered, waitlisted, cancelled, promoted."""
    data = {"registration": registration.pk, "person": person("registrant", registration.resident_id)}
    return _event(kind, offering=registration.offering, actor=actor, data=data)


def checked_in_event(*, attendance: Attendance, actor: Actor | None) -> Event:
    data = {"attendance": attendance.pk, "walk_in": attendance.walk_in}
    if attendance.resident_id:
        data["person"] = person("registrant", attendance.resident_id)
    return _event("checked_in", offering=attendance.offering, actor=actor, data=data)
