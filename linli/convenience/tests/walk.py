"""convenience's part of the role walk (linli/console/tests/test_role_walk.py): who may use each page
and API route, and the objects of the test world (world.convenience) they take."""

from linli.core.tests.walk_roles import EVERYONE, FULL, GRID1, READERS

OWNER = GRID1 | {"resident"}  # 王芳's grocery order in grid 1: she sees it, confirms it, sees its receipt
IN_COMMUNITY = EVERYONE - {"supervisor", "outsider"}  # a role in community A

PAGES = {
    "convenience:order_list": ("get", READERS),
    "convenience:order_new": ("get", READERS),
    "convenience:order_detail": ("get", OWNER),
    "convenience:order_assign": ("post", OWNER),  # others who see it are told they may not (a message)
    "convenience:order_complete": ("post", OWNER),
    "convenience:order_cancel": ("post", OWNER),
    "convenience:order_evidence": ("get", set()),  # the world's order has no photo yet: 404 for all
    "convenience:ledger_add": ("post", OWNER),
    "convenience:order_confirm": ("post", OWNER),
    "convenience:ledger_counter": ("post", OWNER),
    "convenience:ledger_edit": ("post", OWNER),  # a line not yet confirmed; without a reason: a message
    "convenience:receipt": ("get", OWNER),
    "convenience:ledger_month": ("get", FULL),
    "convenience:ledger_export": ("post", FULL),
    "convenience:mine": ("get", EVERYONE - {"supervisor"}),
    "convenience:mine_new": ("get", {"resident"}),
    "convenience:certifications": ("get", READERS),
    "convenience:certification_add": ("post", READERS),
    "convenience:fittings": ("get", READERS),
    "convenience:fitting_add": ("post", READERS),  # no dwelling chosen: a message, nothing written
    "convenience:fitting_check": ("post", GRID1),
    "convenience:types": ("get", FULL),
    "convenience:type_save": ("post", FULL),
    "convenience:proxies": ("get", FULL),
    "convenience:proxy_add": ("post", FULL),
    "convenience:proxy_end": ("post", FULL),
}


def objects(world) -> dict:
    c = world.convenience
    order = {"pk": c.order.pk}
    return {
        "convenience:order_detail": order,
        "convenience:order_assign": order,
        "convenience:order_complete": order,
        "convenience:order_cancel": order,
        "convenience:order_evidence": order,
        "convenience:ledger_add": order,
        "convenience:order_confirm": order,
        "convenience:ledger_counter": {"pk": c.spent.pk},
        "convenience:ledger_edit": {"pk": c.spent.pk},
        "convenience:receipt": {"pk": c.spent.pk},
        "convenience:fitting_check": {"pk": c.fitting.pk},
        "convenience:proxy_end": {"pk": c.proxy.pk},
    }


def api_ids(world) -> dict:
    return {"order_id": world.convenience.order.pk, "entry_id": world.convenience.spent.pk}


def api(world) -> list[tuple]:
    a = world.a.pk
    refused = {"community_id": a, "resident_id": world.wang.pk, "service_type_id": 2**40}  # no such service: 400
    return [
        ("get", "/convenience/orders", IN_COMMUNITY | {"admin"}, None),
        ("post", "/convenience/orders", OWNER, refused),  # the rest are refused (403): not theirs to raise
        ("get", "/convenience/orders/{order_id}/ledger", OWNER, None),
        ("post", "/convenience/orders/{order_id}/ledger", GRID1, {"kind": "spent", "amount_fen": -100}),
        ("post", "/convenience/ledger/{entry_id}/counter", GRID1, {"reason": ""}),  # 王芳 sees, does not keep it
        ("post", "/convenience/orders/{order_id}/confirm", OWNER, {"satisfaction": 5}),
    ]


API_LISTS = {"/convenience/orders"}
