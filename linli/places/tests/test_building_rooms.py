"""A building's page lists its rooms in the building's order (unit, floor, room number), tells
empty ones as 空置 and the real use otherwise, and each room leads to the dwelling's page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.people.services import ResidentInput, resident_create
from linli.places.models import Dwelling, Unit
from linli.places.selectors import building_dwellings, floor_of, natural_key, occupancy


@pytest.fixture
def rooms(world):
    b = world.building1
    u1 = Unit.objects.unscoped().get(building=b, name="1单元")
    u2 = Unit.objects.create(community=world.a, building=b, name="2单元")
    u10 = Unit.objects.create(community=world.a, building=b, name="10单元")
    for unit, room, use in [
        (u1, "1001", "owner"), (u1, "1002", "rented"), (u1, "101", "owner"), (u1, "1201", "vacant"),
        (u1, "201", "owner"), (u10, "101", "owner"), (u2, "102", "owner"), (u2, "101", "vacant"),
    ]:  # fmt: skip
        Dwelling.objects.create(community=world.a, building=b, unit=unit, room=room, use=use)
    sec = world.user("secretary")
    for unit, room in [(u1, "1002"), (u1, "1201"), (u2, "101")]:
        dwelling = Dwelling.objects.unscoped().get(building=b, unit=unit, room=room)
        resident_create(actor=sec, community=world.a, data=ResidentInput(name=f"住{room}", dwelling_id=dwelling.pk))
    return world


def _order(world):
    return [(r.dwelling.unit.name, r.dwelling.room) for r in building_dwellings(world.building1)]


def test_rooms_are_sorted_by_unit_floor_and_room_number(rooms):
    assert _order(rooms) == [
        ("1单元", "101"), ("1单元", "201"), ("1单元", "301"), ("1单元", "1001"), ("1单元", "1002"),
        ("1单元", "1201"), ("2单元", "101"), ("2单元", "102"), ("10单元", "101"),
    ]  # fmt: skip


@pytest.mark.parametrize(("room", "floor"), [("301", 3), ("1203", 12), ("1-502", 5), ("12", None), ("A座", None)])
def test_the_floor_is_read_from_the_room_number(room, floor):
    assert floor_of(room) == floor


def test_natural_key_sorts_numbers_as_numbers():
    assert sorted(["1001", "101", "B2", "B10", "20"], key=natural_key) == ["20", "101", "1001", "B2", "B10"]


def test_occupancy_is_told_honestly(rooms):
    by_room = {
        (r.dwelling.unit.name, r.dwelling.room): (r.occupancy_label, r.residents)
        for r in building_dwellings(rooms.building1)
    }
    assert by_room[("1单元", "101")] == ("空置", 0)  # recorded 自住, nobody lives there
    assert by_room[("1单元", "1002")] == ("出租", 1)
    assert by_room[("1单元", "1201")] == ("有人居住", 1)  # recorded 空置, someone lives there
    assert by_room[("2单元", "101")] == ("有人居住", 1)
    assert by_room[("1单元", "301")] == ("自住", 1)  # 王芳
    assert occupancy(Dwelling(use="other"), 2)[1] == "其他"


def test_the_building_page_shows_floors_and_links_each_room_to_its_dwelling(client, rooms):
    client.force_login(rooms.user("grid1"))
    page = client.get(reverse("places:building_detail", args=[rooms.building1.pk])).content.decode()
    d1001 = Dwelling.objects.unscoped().get(building=rooms.building1, unit__name="1单元", room="1001")
    assert f'href="{reverse("people:dwelling_detail", args=[d1001.pk])}"' in page
    assert "10层" in page and "空置" in page
    assert "共 9 套，有人居住 4 套。" in page
    shown = re.findall(r'<strong class="d-block">(\d+)</strong>', page)
    assert shown[:6] == ["101", "201", "301", "1001", "1002", "1201"]


def test_the_building_page_takes_the_same_queries_however_many_rooms(client, rooms):
    client.force_login(rooms.user("secretary"))
    url = reverse("places:building_detail", args=[rooms.building1.pk])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    unit = Unit.objects.unscoped().get(building=rooms.building1, name="1单元")
    for i in range(10):
        Dwelling.objects.create(community=rooms.a, building=rooms.building1, unit=unit, room=f"5{i:02d}")
    assert count() == before
