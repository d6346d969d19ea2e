"""Every volunteering and party page, sent what a tired or hostile person might: huge text, impossible
dates and times, non-ASCII digits, ids past bigint, unknown choices. A message or a 404, never a 5xx."""

from django.test import Client

from linli.console.tests.test_role_walk import PAGES, _page_url

HOSTILE = {
    "name": "x" * 5000,
    "title": "<script>alert(1)</script>" * 50,
    "need": "x" * 100000,
    "skills": "、" * 3000,
    "day": "2026-02-31",
    "start": "25:99",
    "end": "-1:00",
    "started_at": "garbage",
    "ended_at": "",
    "capacity": "１０",
    "number": "99999999999",
    "slots": "-3",
    "points": "1e9",
    "points_per_hour": "NaN",
    "reward": "99999999999999999999",
    "volunteer": "²",
    "volunteers": ["1", "x", "99999999999999999999"],
    "team": "-1",
    "leader": "abc",
    "compound": "99999999999999999999",
    "building": "0",
    "resident_id": "１",
    "records": ["²", "99999999999999999999"],
    "reason": "",
    "rating": "999",
    "evaluation": "x" * 9000,
    "community": "x" * 3000,
    "commitment_hours": "１２",
    "kinds": ["nope"],
    "slots[]": "x",
    "plan": "x" * 9000,
    "text": "",
    "message": "x" * 900,
    "note": "x" * 900,
    "workplace": "x" * 900,
    "own_org": "",
    "at": "9999-99-99",
}


FORMS = ("_create", "_edit", "group_log", "me_log", "report_in", "match")
LIST_QUERY = "q=" + "x" * 500 + "&star=²&page=999999&year=99999&status=zzz&tab=zz&order=zz&at=junk&skills=" + "、" * 99


def test_no_page_fails_on_hostile_input(world):
    bad = []
    for role in ("secretary", "resident", "grid1"):
        client = Client(raise_request_exception=False)
        client.force_login(world.user(role))
        for name, (method, _allowed) in PAGES.items():
            if not name.startswith(("volunteering:", "party:")):
                continue
            url = _page_url(name, world)
            if method == "post" or name.endswith(FORMS):
                response = client.post(url, HOSTILE)
            else:
                response = client.get(url + ("&" if "?" in url else "?") + LIST_QUERY)
            if response.status_code >= 500:
                bad.append(f"{role} {name} {response.status_code}")
    assert bad == []
