"""Matching and invitations: the match page ranks and invites; only the invited answers."""

from django.test import Client

from linli.volunteering.models import Invitation


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_match_page_invites_the_chosen_once(world):
    client, project = _client(world, "secretary"), world.vol.project
    url = f"/volunteering/match/project/{project.pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"volunteers": [world.vol.guest.pk]})
    client.post(url, {"volunteers": [world.vol.guest.pk]})
    assert Invitation.objects.unscoped().filter(project=project, volunteer=world.vol.guest).count() == 1


def test_only_the_invited_answers_and_a_refusal_changes_nothing(world):
    invitation, url = world.vol.invitation, f"/volunteering/invitations/{world.vol.invitation.pk}/decline/"
    assert _client(world, "outsider").post(url).status_code == 404
    page = _client(world, "secretary").post(url, follow=True).content.decode()
    assert "只能答复发给自己的邀请" in page
    assert Invitation.objects.unscoped().get(pk=invitation.pk).status == "pending"


def test_an_unknown_kind_of_need_is_404(world):
    assert _client(world, "secretary").get(f"/volunteering/match/other/{world.vol.project.pk}/").status_code == 404
