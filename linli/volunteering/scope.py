"""Volunteering's part of a user's scope: his own volunteer registrations and the teams he leads.
One query for people who are volunteers, none more for those who are not (the join is empty)."""

from dataclasses import dataclass, field

from linli.core.scoping import Scope, register_scope_provider


@dataclass
class VolunteerScope:
    volunteer_ids: set[int] = field(default_factory=set)  # the user's own volunteer registrations
    volunteer_community_ids: set[int] = field(default_factory=set)  # where he serves now
    led_team_ids: set[int] = field(default_factory=set)  # volunteer teams he leads


def volunteer_scope(scope: Scope) -> VolunteerScope:
    return scope.part("volunteering", VolunteerScope)


@register_scope_provider
def add_volunteering(scope: Scope) -> None:
    from linli.volunteering.models import Team, Volunteer

    if scope.user_id is None:
        return
    part = volunteer_scope(scope)
    for pk, community_id, status in (
        Volunteer.objects.unscoped().filter(user_id=scope.user_id).values_list("pk", "community_id", "status")
    ):
        part.volunteer_ids.add(pk)
        if status == Volunteer.Status.ACTIVE:
            part.volunteer_community_ids.add(community_id)
    if part.volunteer_ids:
        part.led_team_ids.update(
            Team.objects.unscoped().filter(leader_id__in=part.volunteer_ids).values_list("pk", flat=True)
        )
