"""Registers volunteering's part of the scope (see volunteering/scope.py); imported from the app's ready()."""

from linli.core.scope_sources import watch
from linli.core.scoping import Scope, register_scope_provider
from linli.volunteering.models import Team, Volunteer
from linli.volunteering.scope import volunteer_scope


@register_scope_provider
def add_volunteering(scope: Scope) -> None:
    if scope.user_id is None:
        return
    part = volunteer_scope(scope)
    serving, serving_in = set(), set()
    for pk, community_id, status in (
        Volunteer.objects.unscoped().filter(user_id=scope.user_id).values_list("pk", "community_id", "status")
    ):
        part.volunteer_ids.add(pk)
        if status == Volunteer.Status.ACTIVE:
            part.volunteer_community_ids.add(community_id)
            serving.add(pk)
            serving_in.add(community_id)
    if serving:  # a leader who left (or moved away) leads no more, though the team still names him
        part.led_team_ids.update(
            Team.objects.in_community_ids(serving_in).filter(leader_id__in=serving).values_list("pk", flat=True)
        )


watch(Volunteer, "user_id", ("user", "status"))
watch(Team, "leader__user_id", ("leader",))
