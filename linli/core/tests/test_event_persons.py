"""Events name people by reference: no row of the shared event table holds a volunteer's or a party
member's name, and the timeline shows the name the person's row has now (after an erasure, the
erased name)."""

import pytest

from linli.core import events
from linli.core.models import Event
from linli.party import services as party
from linli.party.models import PartyMember
from linli.volunteering import services as volunteering
from linli.volunteering.models import Volunteer


@pytest.fixture
def added(world):
    party.member_leave(actor=world.user("secretary"), member=world.party_member)
    volunteering.team_member_remove(actor=world.user("secretary"), team=world.vol.team, member=world.vol.member)
    return world


def test_no_event_row_holds_a_persons_name(added):
    names = set(PartyMember.objects.unscoped().values_list("name", flat=True))
    names |= set(Volunteer.objects.unscoped().values_list("name", flat=True))
    rows = list(Event.objects.filter(kind__in=["member_left", "team_member_removed"]))
    assert len(rows) == 2
    for row in rows:
        assert row.data["person"] and not any(name and name in str(row.data) for name in names), row.data


def test_the_timeline_reads_the_name_live(added):
    world = added
    member = PartyMember.objects.unscoped().get(pk=world.party_member.pk)
    entry = next(e for e in events.timeline("party_org", world.party_branch.pk) if e.kind == "member_left")
    assert entry.data["note"] == member.name
    PartyMember.objects.unscoped().filter(pk=member.pk).update(name="已删除")
    entry = next(e for e in events.timeline("party_org", world.party_branch.pk) if e.kind == "member_left")
    assert entry.data["note"] == "已删除"
    volunteer = world.vol.member.volunteer
    entry = next(e for e in events.timeline("volunteer_team", world.vol.team.pk) if e.kind == "team_member_removed")
    assert entry.data["note"] == volunteer.name
