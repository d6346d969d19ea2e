"""socialwork's part of the role walk (linli/console/tests/test_role_walk.py). The case file is the
worker's (the case's social worker) and the secretary's (her supervisor): every other role, grid
workers among them, gets 404 by URL. The lists are each user's own, so any staff member opens them."""

from linli.core.tests.walk_roles import EVERYONE, FULL, READERS, SECRETARY

GROUP = {"worker", "secretary", "admin"}  # the group's social worker and her supervisor

PAGES = {
    "socialwork:cases": ("get", READERS),
    "socialwork:refer": ("get", READERS),
    "socialwork:case": ("get", FULL),
    "socialwork:case_action": ("post", FULL),  # an empty "sign": refused with the message on the page
    "socialwork:supervision": ("get", READERS),
    "socialwork:roster": ("get", SECRETARY),
    "socialwork:roster_end": ("post", SECRETARY),  # the worker holds open cases: refused on the page
    "socialwork:programmes": ("get", FULL),
    "socialwork:programme": ("get", FULL),
    "socialwork:programme_print": ("get", FULL),
    "socialwork:programme_action": ("post", FULL),
    "socialwork:groups": ("get", READERS),
    "socialwork:group": ("get", GROUP),
    "socialwork:group_action": ("post", GROUP),  # an empty "member": refused with the message on the page
    "socialwork:competitions": ("get", FULL),
    "socialwork:competition": ("get", FULL),
    "socialwork:competition_action": ("post", FULL),  # an empty "proposal": refused (or not the secretary's)
    "socialwork:me": ("get", EVERYONE),
}


def objects(world) -> dict:
    w = world.socialwork
    return {
        "socialwork:case": {"pk": w.case.pk},
        "socialwork:case_action": {"pk": w.case.pk, "action": "sign"},
        "socialwork:roster_end": {"pk": w.worker.pk},
        "socialwork:programme": {"pk": w.programme.pk},
        "socialwork:programme_print": {"pk": w.programme.pk},
        "socialwork:programme_action": {"pk": w.programme.pk, "action": "goal"},
        "socialwork:group": {"pk": w.group.pk},
        "socialwork:group_action": {"pk": w.group.pk, "action": "member"},
        "socialwork:competition": {"pk": w.competition.pk},
        "socialwork:competition_action": {"pk": w.competition.pk, "action": "proposal"},
    }


def api(world) -> list[tuple]:
    return [
        ("get", "/socialwork/cases", READERS, None),  # each his own caseload (empty off the roster)
        ("get", "/socialwork/cases/{sw_case_id}", FULL, None),  # the case's worker, her supervisor
        ("get", "/socialwork/programmes", FULL, None),
        ("get", "/socialwork/programmes/{sw_programme_id}", FULL, None),
    ]


def api_ids(world) -> dict:
    return {"sw_case_id": world.socialwork.case.pk, "sw_programme_id": world.socialwork.programme.pk}


API_LISTS = {"/socialwork/cases", "/socialwork/programmes"}
