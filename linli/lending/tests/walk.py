"""lending's part of the role walk (linli/console/tests/test_role_walk.py): who may use each page and
API route, and the objects of the test world (world.lending, from lending/tests/world.py) they take."""

from linli.core.tests.walk_roles import EVERYONE, FULL, LIBRARY, STATS

OWNER = FULL | {"resident"}  # 王芳's own loan and hold: she may renew and cancel them

PAGES = {
    "lending:desk": ("get", FULL),
    "lending:reader_search": ("get", FULL),
    "lending:card_issue": ("post", FULL),
    "lending:titles": ("get", LIBRARY),
    "lending:title_create": ("get", FULL),
    "lending:isbn_check": ("get", FULL),
    "lending:title_detail": ("get", LIBRARY),
    "lending:title_edit": ("get", FULL),
    "lending:copy_add": ("post", FULL),
    "lending:hold_place": ("post", LIBRARY),
    "lending:copy_mark": ("post", FULL),
    "lending:loans": ("get", FULL),
    "lending:remind": ("post", FULL),
    "lending:loan_action": ("post", OWNER),
    "lending:hold_cancel": ("post", OWNER),
    "lending:settings": ("get", FULL),
    "lending:figures": ("get", STATS),
    "lending:me": ("get", EVERYONE),
}


def objects(world) -> dict:
    w = world.lending
    return {
        "lending:card_issue": {"pk": world.zhang.pk},
        "lending:title_detail": {"pk": w.book.pk},
        "lending:title_edit": {"pk": w.book.pk},
        "lending:copy_add": {"pk": w.book.pk},
        "lending:hold_place": {"pk": w.book.pk},
        "lending:copy_mark": {"pk": w.spare.pk},
        "lending:loan_action": {"pk": w.loan.pk, "action": "renew"},
        "lending:hold_cancel": {"pk": w.hold.pk},
    }


QUERIES = {"lending:isbn_check": lambda world: "?isbn=9787020002207", "lending:reader_search": lambda world: "?who=王"}


def api(world) -> list[tuple]:
    a = world.a.pk
    return [
        ("get", "/lending/titles", LIBRARY - {"outsider"}, None),
        ("get", "/lending/copies", LIBRARY - {"outsider"}, None),
        ("get", "/lending/loans", LIBRARY - {"outsider"}, None),
        ("post", "/lending/loans", FULL, {"community_id": a, "barcode": "T000009", "card": "A00001"}),
        ("post", "/lending/returns", FULL, {"community_id": a, "barcode": "T000404"}),
    ]


API_LISTS = {"/lending/titles", "/lending/copies", "/lending/loans"}
