"""Staff's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "staff:staff_list": ("get", {"secretary", "admin"}),
    "staff:staff_deactivate": ("post", {"secretary", "admin"}),
    "staff:staff_password": ("post", {"secretary", "admin"}),
}


def objects(world) -> dict:
    return {
        "staff:staff_deactivate": {"pk": world.membership("grid2").pk},
        "staff:staff_password": {"pk": world.membership("grid2").pk},
    }
