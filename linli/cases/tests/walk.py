"""Cases' part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

from linli.core.tests.walk_roles import FILERS, FULL, GRID1, HANDLERS, READERS

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "cases:inbox": ("get", HANDLERS | {"property", "hoa"}),
    "cases:case_new": ("get", FILERS),
    "cases:case_hints": ("post", FILERS),
    "cases:reporter_options": ("get", READERS),
    "cases:dwelling_options": ("get", READERS),
    "cases:building_options": ("get", FILERS),  # compounds and buildings are not personal data
    "cases:caller_search": ("post", READERS),  # residents the user may see, phones masked
    "cases:bulk_assign": ("post", HANDLERS),
    "cases:my_cases": ("get", FILERS),
    "cases:public_case": ("get", FILERS),
    "cases:notices": ("get", FILERS),
    "cases:supervision": ("get", {"supervisor", "admin"}),  # the street's 督办 list
    "cases:case_detail": (
        "get",
        GRID1 | {"property", "resident", "supervisor"},
    ),  # the leak: grid 1, routed to property
    "cases:case_action": ("post", GRID1 | {"property", "resident", "supervisor"}),
    # the form; the reason is missing (the supervisor is told he may not)
    "cases:reveal_contact": ("post", GRID1 | {"property", "resident", "supervisor"}),
    "cases:joint_party": ("post", FULL | {"grid2", "property", "hoa", "supervisor"}),  # the joint case: grid 2
    "cases:mediation": ("post", GRID1),  # the street's supervisor does not see disputes under mediation
    "cases:agreement_print": ("get", GRID1),
    "cases:attachment": ("get", GRID1 | {"property", "resident", "supervisor"}),
    "cases:category_list": ("get", {"secretary", "admin"}),
    "cases:category_create": ("get", {"secretary", "admin"}),
    "cases:category_edit": ("get", {"secretary", "admin"}),
    "cases:key_create": ("post", {"secretary", "admin"}),
    "cases:key_revoke": ("post", {"secretary", "admin"}),
    "cases:retrain": ("post", {"secretary", "admin"}),
}


def objects(world) -> dict:
    return {
        "cases:public_case": {"pk": world.cases.leak.pk},
        "cases:case_detail": {"pk": world.cases.leak.pk},
        "cases:case_action": {"pk": world.cases.leak.pk, "action": "comment"},
        "cases:reveal_contact": {"pk": world.cases.leak.pk},
        "cases:joint_party": {"pk": world.cases.joint.pk, "party_pk": world.cases.party.pk},
        "cases:mediation": {"pk": world.cases.mediation.pk, "what": "party"},
        "cases:agreement_print": {"pk": world.cases.mediation.pk},
        "cases:attachment": {"pk": world.cases.photo.pk},
        "cases:category_edit": {"pk": world.cases.repair.pk},
        "cases:key_revoke": {"pk": world.cases.key.pk},
    }


QUERIES = {
    "cases:dwelling_options": lambda world: f"?building={world.building1.pk}",
    "cases:reporter_options": lambda world: f"?dwelling={world.dwelling1.pk}",
}


def api(world) -> list[tuple]:
    a = world.a.pk
    return [
        ("get", "/cases", HANDLERS | {"property", "hoa"}, None),
        (
            "post",
            "/cases",
            FILERS - {"outsider"},
            {"community_id": a, "category_id": world.cases.env.pk, "description": "x"},
        ),
        ("get", "/cases/{case_id}", GRID1 | {"property", "resident", "supervisor"}, None),
        # the supervisor reaches the case, but may not comment on it: 403
        ("post", "/cases/{case_id}/{step}", GRID1 | {"property", "resident"}, {"note": ""}),
    ]


def api_ids(world) -> dict:
    return {"case_id": world.cases.leak.pk, "step": "comment"}


API_LISTS = {"/cases"}
