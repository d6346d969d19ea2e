"""volunteering's API: claims stop at the cap, times without a zone, ids out of range."""

import datetime as dt

from django.test import Client
from django.utils import timezone


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_api_claims_stop_at_the_cap_and_totals_are_read(world):
    client = _client(world, "secretary")
    url = f"/api/v1/volunteering/projects/{world.vol.project.pk}/claims"
    assert client.post(url, {"volunteer_id": world.vol.guest.pk}, content_type="application/json").status_code == 201
    full = client.post(url, {"volunteer_id": world.vol.zhang.pk}, content_type="application/json")
    assert full.status_code == 409 and full.json()["error"]["code"] == "full"
    one = client.get(f"/api/v1/volunteering/volunteers/{world.vol.wang.pk}").json()
    assert one["totals"]["pending_count"] == 1 and one["star"] == 0 and one["skills"] == ["理发", "电脑"]
    resident = _client(world, "resident")
    projects = resident.get(f"/api/v1/volunteering/projects?community_id={world.a.pk}").json()["items"]
    assert projects[0]["claim_count"] == 2 and projects[0]["claimants"] == []  # names only for staff


def test_api_takes_times_without_a_zone_as_local_and_refuses_ids_out_of_range(world):
    client = _client(world, "secretary")
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = {"volunteer_id": world.vol.guest.pk, "title": "义诊协助", "started_at": f"{day}T10:00:00",
            "ended_at": f"{day}T11:30:00"}  # fmt: skip
    made = client.post("/api/v1/volunteering/records", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["started_at"].endswith("+08:00") and made.json()["minutes"] == 90
    far = client.post("/api/v1/volunteering/records", {**body, "started_at": f"{day}T12:00:00",
                      "ended_at": f"{day}T13:00:00", "team_id": 10**20}, content_type="application/json")  # fmt: skip
    assert far.status_code == 400 and "team_id" in far.json()["error"]["fields"]  # ids are bounded by the schema
    listed = client.get(f"/api/v1/volunteering/records?community_id={10**20}")
    assert listed.status_code == 400 and "community_id" in listed.json()["error"]["fields"]
    one = client.get(f"/api/v1/volunteering/volunteers/{10**20}")
    assert one.status_code == 400 and "volunteer_id" in one.json()["error"]["fields"]
