"""Walk every page and every API route as every persona and check who gets what (DESIGN.md:
out-of-scope objects answer 404; nobody sees more than their role allows). A route missing from
the tables below fails the test: a new view must say who may use it."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.api import api
from linli.core.tests.world import ID_WANG

ROLES = [
    "anon",
    "secretary",
    "worker",
    "grid1",
    "grid2",
    "building",
    "property",
    "hoa",
    "resident",
    "supervisor",
    "outsider",
    "admin",
]
EVERYONE = set(ROLES) - {"anon"}
FULL = {"secretary", "worker", "admin"}
READERS = FULL | {"grid1", "grid2"}  # see the registry of their community (grid workers: own grids)
GRID1 = FULL | {"grid1"}  # objects in grid 1
STATS = FULL | {"supervisor"}
FILERS = EVERYONE - {"supervisor"}  # everyone with a role in a community may report a need
HANDLERS = READERS  # community staff who accept and route cases (grid workers: their grids)
MEETINGS = FULL | {"property", "hoa"}
VOLUNTEERS = READERS  # see volunteers, hours and teams (grid workers too); FULL manage them
LIBRARY = EVERYONE - {"supervisor"}  # the project library and duties: anyone with a role in the community
OWN = READERS | {"resident"}  # rows of 王芳, the resident, who is a volunteer

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "home": ("get", EVERYONE),
    "security": ("get", EVERYONE),
    "otp_start": ("post", EVERYONE),
    "otp_confirm": ("post", EVERYONE),
    "otp_disable": ("post", EVERYONE),
    "token_create": ("post", EVERYONE),
    "token_revoke": ("post", EVERYONE),
    "password_change": ("get", EVERYONE),
    "switch_community": ("post", EVERYONE),
    "me": ("get", EVERYONE),
    "people:resident_list": ("get", READERS | {"building"}),
    "people:resident_create": ("get", READERS),
    "people:resident_detail": ("get", GRID1 | {"building", "resident"}),
    "people:resident_edit": ("get", GRID1),
    "people:resident_move_out": ("post", GRID1),
    "people:resident_move_in": ("post", GRID1),
    "people:resident_reveal": ("post", GRID1 | {"building", "resident"}),  # the form, never the value
    "people:resident_tags": ("post", GRID1),
    "people:resident_erase": ("post", {"secretary", "admin"}),
    "people:resident_account_link": ("post", {"secretary", "admin"}),  # MANAGE_STAFF
    "people:resident_account_unlink": ("post", {"secretary", "admin"}),
    "people:resident_talent_add": ("post", GRID1),
    "people:resident_talent_remove": ("post", GRID1),
    "people:household_list": ("get", READERS),
    "people:household_create": ("get", READERS),
    "people:household_detail": ("get", GRID1),
    "people:household_edit": ("get", GRID1),
    "people:household_dissolve": ("post", GRID1),
    "people:household_add_member": ("post", GRID1),
    "people:household_remove_member": ("post", GRID1),
    "people:tag_list": ("get", READERS),
    "people:dwelling_options": ("get", READERS),
    "places:compound_list": ("get", READERS),
    "places:compound_create": ("get", FULL),
    "places:compound_detail": ("get", READERS),
    "places:compound_edit": ("get", FULL),
    "places:building_list": ("get", READERS),
    "places:building_create": ("get", FULL),
    "places:building_export": ("post", READERS),
    "places:building_detail": ("get", READERS | {"building"}),
    "places:dwelling_add": ("post", FULL),
    "places:grid_list": ("get", READERS),
    "places:grid_create": ("get", FULL),
    "places:grid_detail": ("get", READERS),
    "places:grid_edit": ("get", FULL),
    "places:grid_unassign": ("post", FULL),
    "staff:staff_list": ("get", {"secretary", "admin"}),
    "staff:staff_deactivate": ("post", {"secretary", "admin"}),
    "staff:staff_password": ("post", {"secretary", "admin"}),
    "people:resident_export": ("post", READERS),
    "people:household_export": ("post", READERS),
    "imports:job_list": ("get", FULL),
    "imports:job_create": ("get", FULL),
    "imports:template_download": ("get", FULL),
    "imports:job_detail": ("get", FULL),
    "imports:job_progress": ("get", FULL),
    "imports:job_rejected": ("get", FULL),
    "imports:job_remap": ("post", FULL),
    "imports:job_commit": ("post", FULL),
    "imports:job_cancel": ("post", FULL),
    "imports:job_rerun": ("post", FULL),
    "reports:region_overview": ("get", STATS),
    "cases:inbox": ("get", HANDLERS | {"property", "hoa"}),
    "cases:case_new": ("get", FILERS),
    "cases:case_hints": ("post", FILERS),
    "cases:reporter_options": ("get", READERS),
    "cases:dwelling_options": ("get", READERS),
    "cases:bulk_assign": ("post", HANDLERS),
    "cases:my_cases": ("get", FILERS),
    "cases:public_case": ("get", FILERS),
    "cases:notices": ("get", FILERS),
    "cases:case_detail": ("get", GRID1 | {"property", "resident"}),  # the leak: grid 1, routed to property
    "cases:case_action": ("post", GRID1 | {"property", "resident"}),
    "cases:reveal_contact": ("post", GRID1 | {"property", "resident"}),  # the form; the reason is missing
    "cases:joint_party": ("post", FULL | {"grid2", "property", "hoa"}),  # the joint case: grid 2
    "cases:mediation": ("post", GRID1),
    "cases:agreement_print": ("get", GRID1),
    "cases:attachment": ("get", GRID1 | {"property", "resident"}),
    "cases:category_list": ("get", {"secretary", "admin"}),
    "cases:category_create": ("get", {"secretary", "admin"}),
    "cases:category_edit": ("get", {"secretary", "admin"}),
    "cases:key_create": ("post", {"secretary", "admin"}),
    "cases:key_revoke": ("post", {"secretary", "admin"}),
    "cases:retrain": ("post", {"secretary", "admin"}),
    "deliberation:meeting_list": ("get", MEETINGS),
    "deliberation:meeting_create": ("get", FULL),
    "deliberation:notice_board": ("get", FILERS),
    "deliberation:meeting_detail": ("get", MEETINGS),
    "deliberation:meeting_edit": ("get", FULL),
    "deliberation:meeting_action": ("post", FULL),
    "party:tree": ("get", FULL),
    "party:org_create": ("get", {"secretary", "admin"}),
    "party:org_detail": ("get", FULL),
    "party:org_edit": ("get", {"secretary", "admin"}),
    "party:member_add": ("post", {"secretary", "admin"}),
    "party:member_leave": ("post", {"secretary", "admin"}),
    "reports:community_figures": ("get", STATS),
    "party:report_in": ("get", EVERYONE),
    "party:report_ins": ("get", FULL),
    "party:report_in_action": ("post", FULL | {"resident"}),  # her own report: she may end it, not decide it
    "party:workplace_sheet": ("get", FULL),
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
OBJECT_BY_QUERY = {"party:workplace_sheet"}  # names one of community A's workplaces in its query string
NOT_WALKED = {"login", "login_otp", "logout", "set_language"}  # tested in test_auth
NOT_WALKED |= {"healthz", "metrics"}  # no session by design: tested in test_ops_health
NOT_WALKED_NAMESPACES = ("admin", "api", "open311")  # the API walk below; Open311 in cases/tests/test_open311


def _page_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_WALKED_NAMESPACES:
                continue
            names |= _page_names(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def _allowed(name: str, role: str, world) -> bool:
    """The outsider is a secretary elsewhere: lists show his own community, objects here are 404."""
    _method, allowed = PAGES[name]
    if role == "outsider":
        return "secretary" in allowed and not _object_kwargs(name, world) and name not in OBJECT_BY_QUERY
    return role in allowed


def _object_kwargs(name: str, world) -> dict:
    return {
        "people:resident_detail": {"pk": world.wang.pk},
        "people:resident_edit": {"pk": world.wang.pk},
        "people:resident_move_out": {"pk": world.wang.pk},
        "people:resident_move_in": {"pk": world.wang.pk},
        "people:resident_reveal": {"pk": world.wang.pk},
        "people:resident_talent_add": {"pk": world.wang.pk},
        "people:resident_erase": {"pk": world.wang.pk},
        "people:resident_account_link": {"pk": world.wang.pk},
        "people:resident_account_unlink": {"pk": world.zhang.pk},
        "people:resident_talent_remove": {"pk": world.wang.pk, "talent_pk": world.talent.pk},
        "people:resident_tags": {"pk": world.wang.pk},
        "people:household_detail": {"pk": world.household.pk},
        "people:household_add_member": {"pk": world.household.pk},
        "people:household_edit": {"pk": world.household.pk},
        "people:household_dissolve": {"pk": world.household.pk},
        "people:household_remove_member": {"pk": world.household.pk, "member_pk": world.household.members.get().pk},
        "places:compound_detail": {"pk": world.compound.pk},
        "places:compound_edit": {"pk": world.compound.pk},
        "places:building_detail": {"pk": world.building1.pk},
        "places:dwelling_add": {"pk": world.building1.pk},
        "places:grid_detail": {"pk": world.grid1.pk},
        "places:grid_edit": {"pk": world.grid1.pk},
        "places:grid_unassign": {"pk": world.grid1.pk, "user_id": 999999},
        "reports:community_figures": {"pk": world.a.pk},
        "staff:staff_deactivate": {"pk": world.membership("grid2").pk},
        "imports:job_detail": {"pk": world.import_job.pk},
        "imports:job_progress": {"pk": world.import_job.pk},
        "imports:job_rejected": {"pk": world.import_job.pk},
        "imports:job_remap": {"pk": world.import_job.pk},
        "imports:job_commit": {"pk": world.import_job.pk},
        "imports:job_cancel": {"pk": world.import_job.pk},
        "imports:job_rerun": {"pk": world.import_job.pk},
        "staff:staff_password": {"pk": world.membership("grid2").pk},
        "cases:public_case": {"pk": world.cases.leak.pk},
        "cases:case_detail": {"pk": world.cases.leak.pk},
        "cases:case_action": {"pk": world.cases.leak.pk, "action": "comment"},
        "cases:reveal_contact": {"pk": world.cases.leak.pk},
        "cases:joint_party": {"pk": world.cases.joint.pk, "party_pk": world.cases.party.pk},
        "cases:mediation": {"pk": world.cases.mediation.pk, "what": "party"},
        "cases:agreement_print": {"pk": world.cases.mediation.pk},
        "cases:attachment": {"pk": world.cases.photo.pk},
        "cases:category_edit": {"pk": world.cases.repair.pk},
        "cases:key_revoke": {"pk": world.cases.key.pk},
        "deliberation:meeting_detail": {"pk": world.cases.meeting.pk},
        "deliberation:meeting_edit": {"pk": world.cases.meeting.pk},
        "deliberation:meeting_action": {"pk": world.cases.meeting.pk, "what": "minutes"},
        "party:org_detail": {"pk": world.party_branch.pk},
        "party:org_edit": {"pk": world.party_branch.pk},
        "party:member_add": {"pk": world.party_branch.pk},
        "party:member_leave": {"pk": world.party_branch.pk, "member_pk": world.party_member.pk},
        "party:report_in_action": {"pk": world.vol.report_in.pk, "action": "decline"},
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
    }.get(name, {})


def _page_url(name: str, world) -> str:
    kwargs = _object_kwargs(name, world) or ({"pk": 999999} if name == "token_revoke" else {})
    if name in ("imports:job_create", "imports:template_download"):
        kwargs = {"kind": "people"}
    url = reverse(name, kwargs=kwargs)
    if name in ("people:dwelling_options", "cases:dwelling_options"):
        return url + f"?building={world.building1.pk}"
    if name == "cases:reporter_options":
        return url + f"?dwelling={world.dwelling1.pk}"
    if name == "party:workplace_sheet":
        return url + "?workplace=区教育局"
    return url


def test_every_page_is_in_the_walk():
    assert _page_names() - NOT_WALKED == set(PAGES)


def _client(world, role) -> Client:
    client = Client()
    if role != "anon":
        client.force_login(world.user(role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_pages_as(world, role):
    wrong = []
    for name, (method, _allowed_roles) in PAGES.items():
        client = _client(world, role)
        response = getattr(client, method)(_page_url(name, world))
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode(errors="replace")  # exports are checked for masking in their own tests
        login_redirect = response.status_code == 302 and "/accounts/login/" in response.get("Location", "")
        if role == "anon":
            ok = login_redirect
        elif _allowed(name, role, world):
            ok = response.status_code == 200 or (response.status_code == 302 and not login_redirect)
        else:
            ok = response.status_code in (403, 404)
        if not ok:
            wrong.append(f"{method.upper()} {name}: {response.status_code}")
        # The walk never gives a reason, so no full ID or phone number may appear anywhere.
        if ID_WANG in body or "13812345678" in body:
            wrong.append(f"{name}: shows a full ID or phone number")
        if role == "outsider" and ("王芳" in body or "张三" in body):
            wrong.append(f"{name}: shows another community's residents")
        if role == "building" and "110105********002X" in body:
            wrong.append(f"{name}: shows an ID number to a building head")
    assert wrong == [], "\n".join(wrong)


# API: (method, path, allowed roles, body). Allowed roles may still get 400/409 for the body.
def _api_routes(world):
    today = dt.date.today().isoformat()
    a = world.a.pk
    return [
        ("get", "/residents", READERS | {"building", "outsider"}, None),
        ("post", "/residents/search", READERS | {"building", "outsider"}, {"q": "王芳"}),
        ("get", "/residents/{resident_id}", GRID1 | {"building", "resident"}, None),
        ("post", "/residents", READERS, {"community_id": a, "name": "新居民", "dwelling_id": world.dwelling1.pk}),
        ("patch", "/residents/{resident_id}", GRID1, {"version": 999, "notes": "x"}),
        ("post", "/residents/{resident_id}/move-out", GRID1, {"date": today, "version": 999}),
        ("post", "/residents/{resident_id}/reveal", GRID1, {"field": "phone", "reason": "x"}),
        ("get", "/households", READERS | {"outsider"}, None),
        ("get", "/households/{household_id}", GRID1, None),
        ("post", "/households", READERS, {"community_id": a, "number": "X1"}),
        ("post", "/households/{household_id}/members", FULL, {"resident_id": world.zhang.pk, "relation": "spouse"}),
        ("get", "/compounds", READERS, None),
        ("get", "/buildings", READERS, None),
        ("get", "/grids", READERS, None),
        ("get", "/cases", HANDLERS | {"property", "hoa"}, None),
        (
            "post",
            "/cases",
            FILERS - {"outsider"},
            {"community_id": a, "category_id": world.cases.env.pk, "description": "x"},
        ),
        ("get", "/cases/{case_id}", GRID1 | {"property", "resident"}, None),
        ("post", "/cases/{case_id}/{step}", GRID1 | {"property", "resident"}, {"note": ""}),
        ("get", "/party/orgs", FULL, None),
        ("get", "/party/members", FULL, None),
        ("get", "/party/report-ins", FULL, None),
        (
            "post",
            "/party/report-ins",
            EVERYONE,
            {"community_code": "nowhere", "name": "周明", "workplace": "区税务局", "own_org": "第二党支部"},
        ),
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


def test_every_api_route_is_in_the_walk(world):
    schema = api.get_openapi_schema()
    declared = {(m, p.removeprefix("/api/v1")) for p, ops in schema["paths"].items() for m in ops}
    assert declared == {(m, p) for m, p, _, _ in _api_routes(world)}


@pytest.mark.parametrize("role", ROLES)
def test_api_as(world, role):
    wrong = []
    for method, path, allowed, body in _api_routes(world):
        url = "/api/v1" + path.format(
            resident_id=world.wang.pk, household_id=world.household.pk, case_id=world.cases.leak.pk, step="comment",
            volunteer_id=world.vol.wang.pk, record_id=world.vol.record.pk, project_id=world.vol.project.pk,
        )  # fmt: skip
        if method == "get" and path in (
            "/compounds", "/buildings", "/grids", "/cases", "/party/orgs", "/party/members", "/party/report-ins",
            "/volunteering/volunteers", "/volunteering/records", "/volunteering/projects",
        ):  # fmt: skip
            url += f"?community_id={world.a.pk}"
        client = _client(world, role)
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        response = getattr(client, method)(url, **kwargs)
        status = response.status_code
        if role == "anon":
            ok = status == 401
        elif role in allowed:
            ok = 200 <= status < 300 or status in (400, 409)
        else:
            ok = status in (403, 404)
        if not ok:
            wrong.append(f"{method.upper()} {path}: {status} {response.content[:120]!r}")
        if status >= 400 and "error" not in response.json():
            wrong.append(f"{method.upper()} {path}: error without the envelope")
        if role == "outsider" and "王芳" in response.json().__repr__():
            wrong.append(f"{method.upper()} {path}: shows another community's residents")
        if ID_WANG in response.content.decode():
            wrong.append(f"{method.upper()} {path}: shows a full ID number")
    assert wrong == [], "\n".join(wrong)
