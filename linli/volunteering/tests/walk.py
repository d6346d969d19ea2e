"""Volunteering's part of the role walk (linli/console/tests/test_role_walk.py): who may
use each page, and the objects of the test world its pages are walked with."""

import datetime as dt

from linli.core.tests.walk_roles import EVERYONE, FULL, LIBRARY, OWN, READERS, VOLUNTEERS

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "volunteering:home": ("get", VOLUNTEERS),
    "volunteering:volunteer_list": ("get", VOLUNTEERS),
    "volunteering:volunteer_create": ("get", FULL),
    "volunteering:volunteer_detail": ("get", OWN),
    "volunteering:volunteer_edit": ("get", FULL),
    "volunteering:volunteer_leave": ("post", FULL),
    "volunteering:points_spend": ("post", FULL),
    "volunteering:record_add": ("post", FULL),
    "volunteering:record_list": ("get", VOLUNTEERS),
    "volunteering:record_verify": ("post", FULL),
    "volunteering:record_reject": ("post", OWN),  # the form; she may not reject her own
    "volunteering:group_log": ("get", FULL),
    "volunteering:team_list": ("get", VOLUNTEERS),
    "volunteering:team_create": ("get", FULL),
    "volunteering:team_detail": ("get", VOLUNTEERS),
    "volunteering:team_edit": ("get", FULL),
    "volunteering:team_member_add": ("post", FULL),
    "volunteering:team_member_remove": ("post", FULL),
    "volunteering:project_list": ("get", LIBRARY),
    "volunteering:project_create": ("get", FULL),
    "volunteering:project_detail": ("get", LIBRARY),
    "volunteering:project_edit": ("get", FULL),
    "volunteering:project_claim": ("post", LIBRARY),  # those who are not volunteers are told how to become one
    "volunteering:project_evaluate": ("post", FULL),
    "volunteering:project_close": ("post", FULL),
    "volunteering:claim_report": ("post", OWN),
    "volunteering:claim_withdraw": ("post", OWN),
    "volunteering:photo": ("get", OWN),
    "volunteering:duty_list": ("get", LIBRARY),
    "volunteering:duty_create": ("get", FULL),
    "volunteering:duty_detail": ("get", LIBRARY),
    "volunteering:duty_signup": ("post", LIBRARY),
    "volunteering:signup_action": ("post", OWN),
    "volunteering:match": ("get", FULL),
    "volunteering:bank": ("get", VOLUNTEERS),
    "volunteering:bank_rate": ("post", FULL),
    "volunteering:reward_create": ("post", FULL),
    "volunteering:reward_edit": ("post", FULL),
    "volunteering:talents": ("get", READERS),
    "volunteering:me": ("get", EVERYONE),
    "volunteering:me_join": ("post", LIBRARY),
    "volunteering:me_log": ("get", {"resident"}),
    "volunteering:me_move": ("post", {"resident"}),
    "volunteering:invitation_answer": ("post", OWN),
}


def objects(world) -> dict:
    return {
        "volunteering:volunteer_detail": {"pk": world.vol.wang.pk},
        "volunteering:volunteer_edit": {"pk": world.vol.wang.pk},
        "volunteering:volunteer_leave": {"pk": world.vol.guest.pk},
        "volunteering:points_spend": {"pk": world.vol.wang.pk},
        "volunteering:record_add": {"pk": world.vol.wang.pk},
        "volunteering:record_reject": {"pk": world.vol.record.pk},
        "volunteering:team_detail": {"pk": world.vol.team.pk},
        "volunteering:team_edit": {"pk": world.vol.team.pk},
        "volunteering:team_member_add": {"pk": world.vol.team.pk},
        "volunteering:team_member_remove": {"pk": world.vol.team.pk, "member_pk": world.vol.member.pk},
        "volunteering:project_detail": {"pk": world.vol.project.pk},
        "volunteering:project_edit": {"pk": world.vol.project.pk},
        "volunteering:project_claim": {"pk": world.vol.project.pk},
        "volunteering:project_evaluate": {"pk": world.vol.project.pk},
        "volunteering:project_close": {"pk": world.vol.project.pk},
        "volunteering:claim_report": {"pk": world.vol.claim.pk},
        "volunteering:claim_withdraw": {"pk": world.vol.claim.pk},
        "volunteering:photo": {"pk": world.vol.photo.pk},
        "volunteering:duty_detail": {"pk": world.vol.duty.pk},
        "volunteering:duty_signup": {"pk": world.vol.duty.pk},
        "volunteering:signup_action": {"pk": world.vol.signup.pk, "action": "check_in"},
        "volunteering:match": {"kind": "duty", "pk": world.vol.duty.pk},
        "volunteering:reward_edit": {"pk": world.vol.reward.pk},
        "volunteering:invitation_answer": {"pk": world.vol.invitation.pk, "answer": "decline"},
    }


def api(world) -> list[tuple]:
    today = dt.date.today().isoformat()
    return [
        ("get", "/volunteering/volunteers", VOLUNTEERS, None),
        ("get", "/volunteering/volunteers/{volunteer_id}", OWN, None),
        ("get", "/volunteering/records", OWN, None),
        (
            "post",
            "/volunteering/records",
            FULL | {"resident"},  # grid workers see volunteers, do not log for them
            {
                "volunteer_id": world.vol.wang.pk,
                "title": "x",
                "started_at": today + "T10:00:00+08:00",
                "ended_at": today + "T09:00:00+08:00",
            },
        ),
        ("post", "/volunteering/records/{record_id}/verify", FULL, None),  # grid workers see, do not verify
        ("get", "/volunteering/projects", LIBRARY - {"outsider"}, None),
        ("post", "/volunteering/projects/{project_id}/claims", FULL, {"volunteer_id": world.vol.guest.pk}),
    ]


def api_ids(world) -> dict:
    return {"volunteer_id": world.vol.wang.pk, "record_id": world.vol.record.pk, "project_id": world.vol.project.pk}


API_LISTS = {"/volunteering/volunteers", "/volunteering/records", "/volunteering/projects"}
