"""People's part of a user's scope: the user's own resident record."""

from linli.core.scoping import Scope, register_scope_provider
from linli.people.models import Resident


@register_scope_provider
def add_own_record(scope: Scope) -> None:
    scope.resident_ids.update(Resident.objects.unscoped().filter(user_id=scope.user_id).values_list("id", flat=True))
