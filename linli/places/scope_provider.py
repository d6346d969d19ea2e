"""Registers places's part of the scope (see places/scope.py); imported from the app's ready()."""

from linli.core.scope_sources import watch
from linli.core.scoping import Scope, register_scope_provider
from linli.places.models import Building, BuildingHead, GridAssignment
from linli.places.scope import places_scope
from linli.tenancy.permissions import Role


@register_scope_provider
def add_assignments(scope: Scope) -> None:
    part = places_scope(scope)
    grid_communities = {cid for cid, roles in scope.roles.items() if Role.GRID_WORKER in roles}
    head_communities = {cid for cid, roles in scope.roles.items() if Role.BUILDING_HEAD in roles}
    if grid_communities:
        part.grid_ids.update(
            GridAssignment.objects.in_community_ids(grid_communities)
            .filter(user_id=scope.user_id)
            .values_list("grid_id", flat=True)
        )
    if head_communities:
        for building_id, compound_id in (
            BuildingHead.objects.in_community_ids(head_communities)
            .filter(user_id=scope.user_id)
            .values_list("building_id", "building__compound_id")
        ):
            part.building_ids.add(building_id)
            part.building_compound_ids.add(compound_id)


watch(GridAssignment, "user_id", ("user", "grid"))
watch(BuildingHead, "user_id", ("user", "building"))
watch(Building, "heads__user_id", ("compound",))  # a head's compounds follow his building's
