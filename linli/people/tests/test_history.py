"""The change history on a resident's and a household's page when a change has no user: saved by a
script (no request), or by a staff account deleted since. The page shows who it can, never a 500."""

from django.test import Client

from linli.core.tests.world import UserFactory
from linli.people.history import history_entries
from linli.people.models import Household, Resident

SYSTEM = "系统或已删除的账号"


def _page(world, url: str) -> str:
    client = Client()
    client.force_login(world.user("secretary"))
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _save_without_user(obj, **changes):
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.save()  # no request, no _history_user: as a management command or a shell would


def test_a_resident_changed_by_a_script_shows_the_system(world):
    wang = Resident.objects.unscoped().get(pk=world.wang.pk)
    _save_without_user(wang, notes="由脚本补录")
    html = _page(world, f"/people/residents/{wang.pk}/")
    assert SYSTEM in html and "由脚本补录" in html


def test_a_household_changed_by_a_script_shows_the_system(world):
    household = Household.objects.unscoped().get(pk=world.household.pk)
    _save_without_user(household, notes="由脚本补录")
    assert SYSTEM in _page(world, f"/people/households/{household.pk}/")


def test_a_change_by_a_deleted_account_shows_the_system_and_a_living_one_its_name(world):
    gone = UserFactory(username="gone", first_name="离职社工")
    kept = UserFactory(username="kept", first_name="")
    for user, note in ((gone, "离职前改的"), (kept, "还在的人改的")):
        wang = Resident.objects.unscoped().get(pk=world.wang.pk)
        wang._history_user = user
        _save_without_user(wang, notes=note)
    gone.delete()
    html = _page(world, f"/people/residents/{world.wang.pk}/")
    assert SYSTEM in html and "离职社工" not in html and "kept" in html
    labels = [e["who"] for e in history_entries(Resident.objects.unscoped().get(pk=world.wang.pk))]
    assert labels[:2] == ["kept", SYSTEM]
