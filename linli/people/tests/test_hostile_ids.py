"""Ids past bigint (and text, negative, non-ASCII digits) in the people pages' filters and pickers:
a message or an empty result, never a 500 — one id parser (core.ui.id_param) for all of them."""

import pytest
from django.test import Client

from linli.core.ui import MAX_ID, id_param

BIG = str(2**63)
HOSTILE = [BIG, "99999999999999999999", "-1", "１", "9" * 5000, "1e3"]


def _client(world, role="secretary"):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_id_param_keeps_to_bigint():
    assert id_param(str(MAX_ID)) == MAX_ID and id_param(BIG) is None and id_param("9" * 5000) is None
    assert id_param(" 42 ") == 42 and id_param("１") is None and id_param("-1") is None and id_param(None) is None


@pytest.mark.parametrize("field", ["tag", "grid", "compound", "building"])
@pytest.mark.parametrize("value", HOSTILE)
def test_the_resident_list_says_the_filter_is_wrong(world, field, value):
    response = _client(world).get("/people/residents/", {field: value})
    assert response.status_code == 200
    assert "筛选条件有误" in response.content.decode()


@pytest.mark.parametrize("field", ["tag", "grid", "compound"])
def test_a_filter_for_a_row_that_is_not_there_finds_no_one(world, field):
    response = _client(world).get("/people/residents/", {field: str(MAX_ID)})
    assert response.status_code == 200 and "王芳" not in response.content.decode()


def test_the_resident_export_refuses_a_hostile_filter(world):
    response = _client(world).post("/people/residents/export/", {"tag": BIG, "format": "csv"})
    assert response.status_code == 302


@pytest.mark.parametrize("value", HOSTILE)
def test_households_and_dwelling_options_take_hostile_ids(world, value):
    client = _client(world)
    listed = client.get("/people/households/", {"compound": value})
    assert listed.status_code == 200 and "A001" in listed.content.decode()  # the filter is ignored
    options = client.get("/people/dwelling-options/", {"building": value})
    assert options.status_code == 200 and "301" not in options.content.decode()
    exported = client.post("/people/households/export/", {"compound": value, "format": "csv"})
    assert exported.status_code == 200


def test_households_of_a_compound_that_is_not_there_are_none(world):
    listed = _client(world).get("/people/households/", {"compound": str(MAX_ID)})
    assert listed.status_code == 200 and "A001" not in listed.content.decode()


def test_a_resident_form_with_a_hostile_dwelling_is_a_form_error(world):
    response = _client(world).post(
        "/people/residents/new/", {"name": "李四", "dwelling": BIG, "residence": "registered", "ethnicity": "汉族"}
    )
    assert response.status_code == 200 and "李四" in response.content.decode()


@pytest.mark.parametrize("value", HOSTILE)
def test_the_places_and_staff_pages_take_hostile_ids(world, value):
    client = _client(world)
    assert client.get("/places/buildings/", {"compound": value, "grid": value}).status_code == 200
    assert client.get("/staff/", {"resident": value}).status_code == 404
