"""The team pages: the team's timeline, members added by form, the outsider's 404."""

from django.test import Client

from linli.volunteering.models import TeamMember


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_adding_a_member_by_form_shows_in_the_teams_timeline(world):
    client, team = _client(world, "secretary"), world.vol.team
    client.post(f"/volunteering/teams/{team.pk}/members/", {"volunteer": world.vol.guest.pk})
    page = client.get(f"/volunteering/teams/{team.pk}/").content.decode()
    assert TeamMember.objects.unscoped().filter(team=team, volunteer=world.vol.guest).exists()
    assert "操作记录" in page and "加入了队员" in page and "赵敏" in page


def test_the_outsider_gets_404_and_adds_nobody(world):
    client, team = _client(world, "outsider"), world.vol.team
    assert client.get(f"/volunteering/teams/{team.pk}/").status_code == 404
    assert client.post(f"/volunteering/teams/{team.pk}/members/", {"volunteer": world.vol.guest.pk}).status_code == 404
    assert not TeamMember.objects.unscoped().filter(team=team, volunteer=world.vol.guest).exists()
