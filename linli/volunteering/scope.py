"""Volunteering's part of a user's scope: his own volunteer registrations and the teams he leads.
One query for people who are volunteers, none more for those who are not (the join is empty)."""

from dataclasses import dataclass, field

from linli.core.scoping import Scope


@dataclass
class VolunteerScope:
    volunteer_ids: set[int] = field(default_factory=set)  # the user's own volunteer registrations
    volunteer_community_ids: set[int] = field(default_factory=set)  # where he serves now
    led_team_ids: set[int] = field(default_factory=set)  # volunteer teams he leads


def volunteer_scope(scope: Scope) -> VolunteerScope:
    return scope.part("volunteering", VolunteerScope)
