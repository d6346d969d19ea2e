"""The time bank pages: the rate by form; spending with too few points says so and spends nothing."""

from django.test import Client

from linli.volunteering.models import PointEntry, TimeBank


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_rate_is_saved_by_form(world):
    _client(world, "secretary").post("/volunteering/bank/rate/", {"points_per_hour": "12"})
    assert TimeBank.objects.unscoped().get(community=world.a).points_per_hour == 12


def test_spending_without_points_says_so_and_spends_nothing(world):
    client, wang = _client(world, "secretary"), world.vol.wang
    page = client.post(f"/volunteering/volunteers/{wang.pk}/spend/", {"reward": world.vol.reward.pk}, follow=True)
    assert "积分不够" in page.content.decode()
    assert not PointEntry.objects.unscoped().filter(volunteer=wang, kind="spend").exists()


def test_the_outsiders_rate_is_his_own_communitys(world):
    _client(world, "outsider").post("/volunteering/bank/rate/", {"points_per_hour": "99"})
    assert not TimeBank.objects.unscoped().filter(community=world.a, points_per_hour=99).exists()
    assert TimeBank.objects.unscoped().get(community=world.b).points_per_hour == 99
