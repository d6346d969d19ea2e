"""Reports' part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

from linli.core.tests.walk_roles import STATS

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "reports:region_overview": ("get", STATS),
    "reports:community_figures": ("get", STATS),
    "reports:refresh_figures": ("post", STATS),
    "reports:dashboard": ("get", STATS),
    "reports:figure_catalogue": ("get", STATS),
    "reports:region_dashboard": ("get", STATS),  # a street whose every community is his
    "reports:community_dashboard": ("get", STATS),
    "reports:compound_dashboard": ("get", STATS),
    "reports:dashboard_export": ("get", STATS),
}


def objects(world) -> dict:
    return {
        "reports:community_figures": {"pk": world.a.pk},
        "reports:region_dashboard": {"pk": world.a.street_id},
        "reports:community_dashboard": {"pk": world.a.pk},
        "reports:compound_dashboard": {"community_pk": world.a.pk, "pk": world.compound.pk},
        "reports:dashboard_export": {"kind": "community", "pk": world.a.pk},
    }
