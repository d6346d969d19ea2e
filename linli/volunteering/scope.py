"""Volunteering's part of a user's scope: his own volunteer registrations and the teams he leads.
One query for people who are volunteers, none more for those who are not (the join is empty)."""

from linli.core.scoping import Scope, register_scope_provider
from linli.volunteering.models import Team, Volunteer


@register_scope_provider
def add_volunteering(scope: Scope) -> None:
    if scope.user_id is None:
        return
    for pk, community_id, status in (
        Volunteer.objects.unscoped().filter(user_id=scope.user_id).values_list("pk", "community_id", "status")
    ):
        scope.volunteer_ids.add(pk)
        if status == Volunteer.Status.ACTIVE:
            scope.volunteer_community_ids.add(community_id)
    if scope.volunteer_ids:
        scope.led_team_ids.update(
            Team.objects.unscoped().filter(leader_id__in=scope.volunteer_ids).values_list("pk", flat=True)
        )
