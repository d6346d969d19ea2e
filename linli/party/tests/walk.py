"""Party's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

from linli.core.tests.walk_roles import EVERYONE, FULL

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "party:tree": ("get", FULL),
    "party:org_create": ("get", {"secretary", "admin"}),
    "party:org_detail": ("get", FULL),
    "party:org_edit": ("get", {"secretary", "admin"}),
    "party:member_add": ("post", {"secretary", "admin"}),
    "party:member_leave": ("post", {"secretary", "admin"}),
    "party:candidates": ("get", FULL),
    "party:candidate_action": ("post", {"secretary", "admin"}),
    "party:candidates_confirm": ("post", {"secretary", "admin"}),
    "party:report_in": ("get", EVERYONE),
    "party:report_ins": ("get", FULL),
    "party:report_in_action": ("post", FULL | {"resident"}),  # her own report: she may end it, not decide it
    "party:workplace_sheet": ("get", FULL),
}


def objects(world) -> dict:
    return {
        "party:org_detail": {"pk": world.party_branch.pk},
        "party:org_edit": {"pk": world.party_branch.pk},
        "party:member_add": {"pk": world.party_branch.pk},
        "party:member_leave": {"pk": world.party_branch.pk, "member_pk": world.party_member.pk},
        "party:report_in_action": {"pk": world.vol.report_in.pk, "action": "decline"},
        "party:candidate_action": {"pk": world.party_candidate.pk, "action": "dismiss"},
    }


QUERIES = {"party:workplace_sheet": lambda world: "?workplace=区教育局"}
OBJECT_BY_QUERY = {"party:workplace_sheet"}  # names one of community A's workplaces in its query string


def api(world) -> list[tuple]:
    return [
        ("get", "/party/orgs", FULL, None),
        ("get", "/party/members", FULL, None),
        ("get", "/party/report-ins", FULL, None),
        (
            "post",
            "/party/report-ins",
            EVERYONE,
            {"community_code": "nowhere", "name": "周明", "workplace": "区税务局", "own_org": "第二党支部"},
        ),
    ]


API_LISTS = {"/party/orgs", "/party/members", "/party/report-ins"}
