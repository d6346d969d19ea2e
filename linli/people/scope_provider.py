"""Registers people's part of the scope (see people/scope.py); imported from the app's ready()."""

from linli.core.scope_sources import watch
from linli.core.scoping import Scope, register_scope_provider
from linli.people.models import Resident
from linli.people.scope import people_scope


@register_scope_provider
def add_own_record(scope: Scope) -> None:
    people_scope(scope).resident_ids.update(
        Resident.objects.unscoped().filter(user_id=scope.user_id).values_list("id", flat=True)
    )


watch(Resident, "user_id", ("user",))
