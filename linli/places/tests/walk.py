"""Places' part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

from linli.core.tests.walk_roles import FULL, READERS

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "places:compound_list": ("get", READERS),
    "places:compound_create": ("get", FULL),
    "places:compound_detail": ("get", READERS),
    "places:compound_edit": ("get", FULL),
    "places:building_list": ("get", READERS),
    "places:building_create": ("get", FULL),
    "places:building_export": ("post", READERS),
    "places:building_detail": ("get", READERS | {"building"}),
    "places:dwelling_add": ("post", FULL),
    "places:grid_list": ("get", READERS),
    "places:grid_create": ("get", FULL),
    "places:grid_detail": ("get", READERS),
    "places:grid_edit": ("get", FULL),
    "places:grid_unassign": ("post", FULL),
}


def objects(world) -> dict:
    return {
        "places:compound_detail": {"pk": world.compound.pk},
        "places:compound_edit": {"pk": world.compound.pk},
        "places:building_detail": {"pk": world.building1.pk},
        "places:dwelling_add": {"pk": world.building1.pk},
        "places:grid_detail": {"pk": world.grid1.pk},
        "places:grid_edit": {"pk": world.grid1.pk},
        "places:grid_unassign": {"pk": world.grid1.pk, "user_id": 999999},
    }


def api(world) -> list[tuple]:
    return [
        ("get", "/compounds", READERS, None),
        ("get", "/buildings", READERS, None),
        ("get", "/grids", READERS, None),
    ]


API_LISTS = {"/compounds", "/buildings", "/grids"}  # GET with ?community_id=
