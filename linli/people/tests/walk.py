"""People's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

import datetime as dt

from linli.core.tests.walk_roles import FULL, GRID1, READERS

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "people:resident_list": ("get", READERS | {"building"}),
    "people:resident_create": ("get", READERS),
    "people:resident_detail": ("get", GRID1 | {"building", "resident"}),
    "people:resident_edit": ("get", GRID1),
    "people:resident_move_out": ("post", GRID1),
    "people:resident_move_in": ("post", GRID1),
    "people:resident_reveal": ("post", GRID1 | {"building", "resident"}),  # the form, never the value
    "people:resident_tags": ("post", GRID1),
    "people:resident_erase": ("post", {"secretary", "admin"}),
    "people:resident_account_link": ("post", {"secretary", "admin"}),  # MANAGE_STAFF
    "people:resident_account_unlink": ("post", {"secretary", "admin"}),
    "people:resident_talent_add": ("post", GRID1),
    "people:resident_talent_remove": ("post", GRID1),
    "people:resident_household_pick": ("post", GRID1),
    "people:dwelling_detail": ("get", READERS | {"building"}),
    "people:household_list": ("get", READERS),
    "people:household_create": ("get", READERS),
    "people:household_detail": ("get", GRID1),
    "people:household_edit": ("get", GRID1),
    "people:household_dissolve": ("post", GRID1),
    "people:household_add_member": ("post", GRID1),
    "people:household_remove_member": ("post", GRID1),
    "people:tag_list": ("get", READERS),
    "people:dwelling_options": ("get", READERS),
    "people:resident_export": ("post", READERS),
    "people:household_export": ("post", READERS),
}


def objects(world) -> dict:
    return {
        "people:resident_detail": {"pk": world.wang.pk},
        "people:resident_edit": {"pk": world.wang.pk},
        "people:resident_move_out": {"pk": world.wang.pk},
        "people:resident_move_in": {"pk": world.wang.pk},
        "people:resident_reveal": {"pk": world.wang.pk},
        "people:resident_talent_add": {"pk": world.wang.pk},
        "people:resident_erase": {"pk": world.wang.pk},
        "people:resident_account_link": {"pk": world.wang.pk},
        "people:resident_account_unlink": {"pk": world.zhang.pk},
        "people:resident_talent_remove": {"pk": world.wang.pk, "talent_pk": world.talent.pk},
        "people:resident_tags": {"pk": world.wang.pk},
        "people:resident_household_pick": {"pk": world.wang.pk},
        "people:dwelling_detail": {"pk": world.dwelling1.pk},
        "people:household_detail": {"pk": world.household.pk},
        "people:household_add_member": {"pk": world.household.pk},
        "people:household_edit": {"pk": world.household.pk},
        "people:household_dissolve": {"pk": world.household.pk},
        "people:household_remove_member": {
            "pk": world.household.pk,
            "member_pk": world.household.members.get(resident=world.wang).pk,
        },
    }


QUERIES = {"people:dwelling_options": lambda world: f"?building={world.building1.pk}"}


# API: (method, path, allowed roles, body). Allowed roles may still get 400/409 for the body.
def api(world) -> list[tuple]:
    today = dt.date.today().isoformat()
    a = world.a.pk
    return [
        ("get", "/residents", READERS | {"building", "outsider"}, None),
        ("post", "/residents/search", READERS | {"building", "outsider"}, {"q": "王芳"}),
        ("get", "/residents/{resident_id}", GRID1 | {"building", "resident"}, None),
        ("post", "/residents", READERS, {"community_id": a, "name": "新居民", "dwelling_id": world.dwelling1.pk}),
        ("patch", "/residents/{resident_id}", GRID1, {"version": 999, "notes": "x"}),
        ("post", "/residents/{resident_id}/move-out", GRID1, {"date": today, "version": 999}),
        ("post", "/residents/{resident_id}/reveal", GRID1, {"field": "phone", "reason": "x"}),
        ("get", "/households", READERS | {"outsider"}, None),
        ("get", "/households/{household_id}", GRID1, None),
        ("post", "/households", READERS, {"community_id": a, "number": "X1"}),
        ("post", "/households/{household_id}/members", FULL, {"resident_id": world.zhang.pk, "relation": "spouse"}),
    ]


def api_ids(world) -> dict:
    return {"resident_id": world.wang.pk, "household_id": world.household.pk}
