"""The household list's box finds a household by any current member (name, pinyin, initials, as
the resident search), by address (小区 楼栋 [单元] [房号]) and by 户号; scoped, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.people.selectors import household_list
from linli.people.services import (
    ResidentInput,
    household_add_member,
    household_create,
    household_remove_member,
    resident_create,
)
from linli.places.models import Building, Dwelling


@pytest.fixture
def homes(world):
    """A001 (王芳, head, 1栋 1单元 301) gets 吕俊 as a member; B002 in 2栋 502 is 张三's, with 徐方媛."""
    sec = world.user("secretary")
    lv = resident_create(actor=sec, community=world.a, data=ResidentInput(name="吕俊", dwelling_id=world.dwelling1.pk))
    household_add_member(actor=sec, household=world.household, resident=lv, relation="son")
    b002 = household_create(actor=sec, community=world.a, number="B002", dwelling_id=world.dwelling2.pk)
    household_add_member(actor=sec, household=b002, resident=world.zhang, relation="head")
    xu = resident_create(
        actor=sec, community=world.a, data=ResidentInput(name="徐方媛", dwelling_id=world.dwelling2.pk)
    )
    household_add_member(actor=sec, household=b002, resident=xu, relation="spouse")
    return world


def _numbers(world, query, role="secretary"):
    return [h.number for h in household_list(actor=world.user(role), community_id=world.a.pk, query=query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("吕俊", ["A001"]),  # a member, not the head
        ("王芳", ["A001"]),  # the head
        ("lvjun", ["A001"]),  # full pinyin
        ("lj", ["A001"]),  # first letters
        ("xfy", ["B002"]),  # initials of a member (徐方媛)
        ("XFY", ["B002"]),
        ("方媛", ["B002"]),  # part of a name
        ("仙湖花园 2栋", ["B002"]),  # compound and building
        ("仙湖花园2栋", ["B002"]),
        ("仙湖花园 1栋 1单元 301", ["A001"]),  # down to the room
        ("仙湖花园 1号楼", ["A001"]),  # the building said another way
        ("仙湖花园", ["A001", "B002"]),
        ("a00", ["A001"]),  # 户号, in any case
        ("B002", ["B002"]),
        ("仙湖花园 9栋", []),
        ("赵六", []),
    ],
)
def test_households_are_found_by_member_address_and_number(homes, query, expected):
    assert _numbers(homes, query) == expected


def test_a_member_who_left_no_longer_finds_the_household(homes):
    member = homes.household.members.get(resident__name="吕俊")
    household_remove_member(actor=homes.user("secretary"), member=member)
    assert _numbers(homes, "吕俊") == []


def test_a_grid_worker_finds_only_the_households_of_their_grid(homes):
    assert _numbers(homes, "仙湖花园", role="grid1") == ["A001"]
    assert _numbers(homes, "xfy", role="grid1") == []  # 徐方媛 lives in grid 2
    assert _numbers(homes, "吕俊", role="grid2") == []
    assert _numbers(homes, "吕俊", role="outsider") == []


def test_the_list_page_finds_a_member_and_says_how_to_search(client, homes):
    client.force_login(homes.user("worker"))
    page = client.get(reverse("people:household_list"), {"q": "吕俊"}).content.decode()
    assert "A001" in page and "B002" not in page
    assert "家庭成员姓名" in page  # the box says it searches members and addresses, not only the head


def _count(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people:household_list"), {"q": query})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["仙湖花园", "w", "王"])
def test_the_search_takes_the_same_queries_however_many_households_it_finds(client, homes, query):
    client.force_login(homes.user("secretary"))
    _count(client, query)  # warm the session
    before = _count(client, query)
    sec = homes.user("secretary")
    building = Building.objects.unscoped().get(pk=homes.building1.pk)
    for i in range(8):
        dwelling = Dwelling.objects.create(community=homes.a, building=building, room=f"40{i}")
        wang = resident_create(
            actor=sec, community=homes.a, data=ResidentInput(name=f"王五{i}", dwelling_id=dwelling.pk)
        )
        household = household_create(actor=sec, community=homes.a, number=f"C{i}", dwelling_id=dwelling.pk)
        household_add_member(actor=sec, household=household, resident=wang, relation="head")
    assert len(_numbers(homes, query)) >= 8
    assert _count(client, query) == before
