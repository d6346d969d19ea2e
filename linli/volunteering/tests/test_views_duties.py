"""The duty pages: the board and a duty's page; the outsider's 404 and a refused sign-up."""

from django.test import Client

from linli.volunteering.models import Duty


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_board_lists_the_duty_and_its_page_its_signups(world):
    client, duty = _client(world, "secretary"), world.vol.duty
    assert duty.title in client.get("/volunteering/duties/").content.decode()
    assert "王芳" in client.get(f"/volunteering/duties/{duty.pk}/").content.decode()


def test_the_outsider_gets_404_and_signs_nobody_up(world):
    client, duty = _client(world, "outsider"), world.vol.duty
    assert client.get(f"/volunteering/duties/{duty.pk}/").status_code == 404
    assert client.post(f"/volunteering/duties/{duty.pk}/signup/").status_code == 404
    assert Duty.objects.unscoped().get(pk=duty.pk).signed == 1
