import pytest
from django.contrib.auth import get_user_model

from linli.core.scoping import scope_for
from linli.people.models import Resident
from linli.places.scope import places_scope
from linli.staff.services import StaffError, staff_add, staff_deactivate
from linli.tenancy.models import Membership

GOOD = "Linli-2026-secure"


def test_secretary_opens_a_grid_worker_account_who_then_sees_that_grid(world):
    membership = staff_add(
        actor=world.user("secretary"),
        community=world.a,
        username="a.liu",
        full_name="刘网格",
        role="grid_worker",
        password=GOOD,
        grid_id=world.grid2.pk,
    )
    user = membership.user
    assert user.check_password(GOOD)
    assert list(Resident.objects.visible_to(user).values_list("name", flat=True)) == ["张三"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "secretary"}, "username"),
        ({"username": "a b"}, "username"),
        ({"password": "12345678901"}, "password"),
        ({"role": "grid_worker"}, "grid"),
        ({"role": "supervisor"}, "role"),
        ({"role": "property"}, "partner_org"),
    ],
)
def test_bad_input_opens_no_account(world, changes, field):
    before = get_user_model().objects.count()
    data = {"username": "a.new", "full_name": "新人", "role": "worker", "password": GOOD, **changes}
    with pytest.raises(StaffError) as caught:
        staff_add(actor=world.user("secretary"), community=world.a, **data)
    assert caught.value.field == field and get_user_model().objects.count() == before


def test_only_the_secretary_manages_staff(world):
    with pytest.raises(StaffError):
        staff_add(
            actor=world.user("worker"), community=world.a, username="x.y", full_name="x", role="worker", password=GOOD
        )


def test_the_last_secretary_cannot_be_deactivated(world):
    with pytest.raises(StaffError, match="最后一位书记"):
        staff_deactivate(actor=world.user("secretary"), membership=world.membership("secretary"))


def test_deactivating_removes_access_at_once(world):
    staff_deactivate(actor=world.user("secretary"), membership=world.membership("grid1"))
    user = get_user_model().objects.get(username="grid1")
    assert not Resident.objects.visible_to(user).exists()
    assert not Membership.objects.get(user=user).is_active and not places_scope(scope_for(user)).grid_ids


def test_the_page_opens_an_account(client, world):
    client.force_login(world.user("secretary"))
    response = client.post(
        "/staff/",
        {
            "full_name": "赵楼长",
            "username": "a.zhao",
            "role": "building_head",
            "building": world.building2.pk,
            "password": GOOD,
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="a.zhao").role == "building_head"


def test_a_new_account_starts_as_a_resident_not_a_secretary(client, world):
    client.force_login(world.user("secretary"))
    page = client.get("/staff/").content.decode()
    assert '<option value="resident" selected>' in page
