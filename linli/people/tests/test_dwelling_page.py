"""A dwelling's page (from a room on the building's page): who lives there, as far as the user may
see them, masked; the households registered there; a 404 for those who may not see the dwelling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.people.services import ResidentInput, resident_create


def _page(client, world, role, dwelling=None):
    client.force_login(world.user(role))
    return client.get(reverse("people:dwelling_detail", args=[(dwelling or world.dwelling1).pk]))


def test_staff_see_who_lives_there_masked_and_the_household(client, world):
    page = _page(client, world, "worker").content.decode()
    assert "王芳" in page and reverse("people:resident_detail", args=[world.wang.pk]) in page
    assert "138****5678" in page and "13812345678" not in page  # masked, revealed only on the record
    assert "A001" in page and "自住" in page


def test_the_building_head_sees_names_only(client, world):
    page = _page(client, world, "building").content.decode()
    assert "王芳" in page
    assert "138****5678" not in page and "A001" not in page


def test_a_grid_worker_of_another_grid_sees_the_dwelling_but_not_its_residents(client, world):
    page = _page(client, world, "grid2").content.decode()
    assert "王芳" not in page and "不在你的查看范围内" in page


@pytest.mark.parametrize("role", ["property", "hoa", "resident", "outsider"])
def test_others_get_a_404(client, world, role):
    assert _page(client, world, role).status_code == 404


def test_an_empty_dwelling_says_so(client, world):
    from linli.places.models import Dwelling

    empty = Dwelling.objects.create(community=world.a, building=world.building1, room="999")
    page = _page(client, world, "worker", empty).content.decode()
    assert "没有登记在住的居民" in page and "空置" in page


def test_the_page_takes_the_same_queries_however_many_live_there(client, world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert _page(client, world, "secretary").status_code == 200
        return len(queries)

    count()
    before = count()
    for i in range(6):
        data = ResidentInput(name=f"住户{i}", phone=f"1390000{i:04d}", dwelling_id=world.dwelling1.pk)
        resident_create(actor=world.user("secretary"), community=world.a, data=data)
    assert count() == before
