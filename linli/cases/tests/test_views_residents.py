"""The residents' pages: their own cases and the public ones, without personal data
(views/residents.py)."""

from django.test import Client

from linli.cases.tests.helpers import file_case as _file


def test_residents_see_their_own_and_the_public_cases_without_personal_data(world):
    client = Client()
    client.force_login(world.user("resident"))
    mine = client.get("/cases/mine/").content.decode()
    assert world.cases.leak.title in mine
    other = _file(world, description="东门路灯不亮，晚上很黑", address_text="东门")
    public = client.get(f"/cases/public/{other.pk}/").content.decode()
    assert "东门路灯不亮" in public and "138" not in public
    assert client.get(f"/cases/{other.pk}/").status_code == 404  # not his: the full page is not for him
