"""Places' part of a user's scope: the grids a grid worker covers and the buildings a head heads."""

from dataclasses import dataclass, field

from linli.core.scoping import Scope


@dataclass
class PlacesScope:
    grid_ids: set[int] = field(default_factory=set)
    building_ids: set[int] = field(default_factory=set)
    building_compound_ids: set[int] = field(default_factory=set)  # the compounds of those buildings


def places_scope(scope: Scope) -> PlacesScope:
    return scope.part("places", PlacesScope)
