"""Who runs an offering: each owner kind (an app above the engine) says so for its own rows.

activities registers "activities.event" (staff holding its code, and the organising team's leader);
the college will register "college.course" (staff, and the course's lecturer). The engine asks
before it lets anyone register another person, take the roll, add a walk-in or change a place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linli.core.scoping import Scope, scope_for

if TYPE_CHECKING:
    from linli.participation.models import Offering


@dataclass(frozen=True)
class OwnerKind:
    key: str  # "activities.event"
    may_run: Callable[[Scope, Offering], bool]


_kinds: dict[str, OwnerKind] = {}


def register_owner(key: str, may_run: Callable[[Scope, Offering], bool]) -> OwnerKind:
    kind = OwnerKind(key, may_run)
    _kinds[key] = kind
    return kind


def may_run(actor, offering: Offering) -> bool:
    """Whether the actor may run this offering (a session: its course's owner decides)."""
    scope = scope_for(actor)
    if scope.is_superuser:
        return True
    root = offering.enrolment
    kind = _kinds.get(root.owner_type)
    return kind is not None and kind.may_run(scope, root)
