"""Staff's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

import datetime as dt

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "staff:staff_list": ("get", {"secretary", "admin"}),
    "staff:staff_deactivate": ("post", {"secretary", "admin"}),
    "staff:staff_password": ("post", {"secretary", "admin"}),
    "staff:member_certificates": ("get", {"secretary", "admin"}),
    "staff:certificate_edit": ("get", {"secretary", "admin"}),
    "staff:certificate_reveal": ("post", {"secretary", "admin"}),  # no reason given: the form again
    "staff:certificate_remove": ("post", {"secretary", "admin"}),
}


def _certificate(world):
    """grid2's certificate (made again once the walk has removed it)."""
    from linli.staff.certificates import certificate_add
    from linli.staff.models import Certificate

    membership = world.membership("grid2")
    live = Certificate.objects.in_community(world.a).filter(membership=membership, removed_at__isnull=True).first()
    return live or certificate_add(
        actor=world.user("admin"), membership=membership, kind="assistant", number="2021140300777",
        issued_on=dt.date(2021, 6, 1), valid_until=dt.date(2099, 6, 1),
    )  # fmt: skip


def objects(world) -> dict:
    grid2 = {"pk": world.membership("grid2").pk}
    certificate = {"pk": _certificate(world).pk}
    return {
        "staff:staff_deactivate": grid2,
        "staff:staff_password": grid2,
        "staff:member_certificates": grid2,
        "staff:certificate_edit": certificate,
        "staff:certificate_reveal": certificate,
        "staff:certificate_remove": certificate,
    }
