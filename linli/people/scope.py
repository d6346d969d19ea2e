"""People's part of a user's scope: the user's own resident record."""

from dataclasses import dataclass, field

from linli.core.scoping import Scope, register_scope_provider


@dataclass
class PeopleScope:
    resident_ids: set[int] = field(default_factory=set)  # the user's own resident records


def people_scope(scope: Scope) -> PeopleScope:
    return scope.part("people", PeopleScope)


@register_scope_provider
def add_own_record(scope: Scope) -> None:
    from linli.people.models import Resident

    people_scope(scope).resident_ids.update(
        Resident.objects.unscoped().filter(user_id=scope.user_id).values_list("id", flat=True)
    )
