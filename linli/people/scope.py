"""People's part of a user's scope: the user's own resident record."""

from dataclasses import dataclass, field

from linli.core.scoping import Scope


@dataclass
class PeopleScope:
    resident_ids: set[int] = field(default_factory=set)  # the user's own resident records


def people_scope(scope: Scope) -> PeopleScope:
    return scope.part("people", PeopleScope)
