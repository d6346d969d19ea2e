"""socialwork's part of a user's scope: the communities where he is on the roster of social workers.
Built on first use (the menu asks), kept by the session with the rest of the scope; a change of
the roster touches the user's stamp (core/scope_sources.watch) so the part is built afresh."""

from dataclasses import dataclass, field

from linli.core.scope_sources import watch
from linli.core.scoping import Scope


@dataclass
class PractitionerScope:
    community_ids: set[int] = field(default_factory=set)


def practitioner_scope(scope: Scope) -> PractitionerScope:
    def build() -> PractitionerScope:
        from linli.socialwork.models import Practitioner

        if scope.user_id is None:
            return PractitionerScope()
        rows = Practitioner.objects.unscoped().filter(user_id=scope.user_id, active=True)
        return PractitionerScope(set(rows.values_list("community_id", flat=True)) & scope.community_ids)

    return scope.part("socialwork", build)


def watch_roster() -> None:
    from linli.socialwork.models import Practitioner

    watch(Practitioner, "user_id", ("user", "active"))
