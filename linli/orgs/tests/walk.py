"""orgs' part of the role walk (linli/console/tests/test_role_walk.py): the directory and a team's
page for everyone with a role in the community (residents ask to join there); the rest for staff."""

from linli.core.tests.walk_roles import FULL, LIBRARY

PAGES = {
    "orgs:list": ("get", LIBRARY),
    "orgs:create": ("get", FULL),
    "orgs:detail": ("get", LIBRARY),
    "orgs:edit": ("get", FULL),
    "orgs:member_add": ("post", FULL),
    "orgs:stage_add": ("post", FULL),
    "orgs:award_add": ("post", FULL),
    "orgs:join": ("post", LIBRARY),
    "orgs:request_decide": ("post", FULL),
    "orgs:member_leave": ("post", FULL),
    "orgs:meeting_book": ("post", FULL),
    "orgs:meeting_end": ("post", FULL),  # no such meeting: refused with a message (the world books none)
}


def objects(world) -> dict:
    w = world.orgs
    choir = {"pk": w.choir.pk}
    return {
        "orgs:detail": choir,
        "orgs:edit": choir,
        "orgs:member_add": choir,
        "orgs:stage_add": {"pk": w.incubated.pk},
        "orgs:award_add": choir,
        "orgs:meeting_book": choir,
        "orgs:meeting_end": {"pk": w.choir.pk, "meeting_pk": 999_999},
        "orgs:join": choir,
        "orgs:request_decide": {"pk": w.choir.pk, "request_pk": w.request.pk},
        "orgs:member_leave": {"pk": w.choir.pk, "member_pk": w.leader.pk},
    }


def api(world) -> list[tuple]:
    return [
        ("get", "/orgs/teams", LIBRARY - {"outsider"}, None),
        ("get", "/orgs/teams/{team_id}", LIBRARY - {"outsider"}, None),
    ]


def api_ids(world) -> dict:
    return {"team_id": world.orgs.choir.pk}


API_LISTS = {"/orgs/teams"}
