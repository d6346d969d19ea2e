"""Teams: members added and removed by staff, each leaving an event row; refused changes change nothing."""

import pytest

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.volunteering import services as v
from linli.volunteering.models import TeamMember


def _kinds(team) -> list[str]:
    rows = Event.objects.filter(subject_type="volunteer_team", subject_id=team.pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_adding_and_removing_a_member_leaves_event_rows(world):
    sec, team = world.user("secretary"), world.vol.team
    member = v.team_member_add(actor=sec, team=team, volunteer=world.vol.guest)
    v.team_member_remove(actor=sec, team=team, member=member)
    assert not TeamMember.objects.unscoped().filter(pk=member.pk).exists()
    assert _kinds(team)[-2:] == ["team_member_added", "team_member_removed"]


def test_the_leader_cannot_be_removed_and_nothing_changes(world):
    team = world.vol.team
    leader = TeamMember.objects.unscoped().get(team=team, volunteer=world.vol.zhang)
    before = _kinds(team)
    with pytest.raises(DomainError):
        v.team_member_remove(actor=world.user("secretary"), team=team, member=leader)
    assert TeamMember.objects.unscoped().filter(pk=leader.pk).exists() and _kinds(team) == before


def test_a_resident_cannot_add_members(world):
    team = world.vol.team
    with pytest.raises(PermissionDeniedError):
        v.team_member_add(actor=world.user("resident"), team=team, volunteer=world.vol.guest)
    assert not TeamMember.objects.unscoped().filter(team=team, volunteer=world.vol.guest).exists()
