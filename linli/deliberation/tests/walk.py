"""Deliberation's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

from linli.core.tests.walk_roles import FILERS, FULL, MEETINGS

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "deliberation:meeting_list": ("get", MEETINGS),
    "deliberation:meeting_create": ("get", FULL),
    "deliberation:notice_board": ("get", FILERS),
    "deliberation:meeting_detail": ("get", MEETINGS),
    "deliberation:meeting_edit": ("get", FULL),
    "deliberation:meeting_action": ("post", FULL),
}


def objects(world) -> dict:
    return {
        "deliberation:meeting_detail": {"pk": world.cases.meeting.pk},
        "deliberation:meeting_edit": {"pk": world.cases.meeting.pk},
        "deliberation:meeting_action": {"pk": world.cases.meeting.pk, "what": "minutes"},
    }
