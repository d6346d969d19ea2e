"""The volunteers' pages: who is an in-service party member is for party staff only; the timeline."""

from django.test import Client


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_who_is_an_in_service_party_member_is_shown_only_to_party_staff(world):
    member = world.vol.confirmed.volunteer  # 周明, in-service, of 区教育局
    grid = _client(world, "grid1")  # sees volunteers, not the party
    page = grid.get("/volunteering/volunteers/").content.decode()
    assert "周明" in page and "在职党员" not in page
    assert "在职党员" not in grid.get(f"/volunteering/volunteers/{member.pk}/").content.decode()
    assert grid.get("/volunteering/volunteers/?q=区教育局").content.decode().count("周明") == 0
    api = grid.get(f"/api/v1/volunteering/volunteers/{member.pk}").json()
    assert (api["in_service"], api["workplace"]) == (False, "")
    listed = grid.get(f"/api/v1/volunteering/volunteers?community_id={world.a.pk}&in_service=true").json()["items"]
    assert all(not v["in_service"] and not v["workplace"] for v in listed)
    secretary = _client(world, "secretary")
    assert "在职党员" in secretary.get(f"/volunteering/volunteers/{member.pk}/").content.decode()
    assert secretary.get(f"/api/v1/volunteering/volunteers/{member.pk}").json()["workplace"] == "区教育局"


def test_the_volunteers_timeline_is_shown_to_staff_and_hides_the_party_from_others(world):
    member = world.vol.confirmed.volunteer
    secretary = _client(world, "secretary").get(f"/volunteering/volunteers/{member.pk}/").content.decode()
    assert "操作记录" in secretary and "在职党员报到确认" in secretary
    grid = _client(world, "grid1").get(f"/volunteering/volunteers/{member.pk}/").content.decode()
    assert "操作记录" in grid and "在职党员报到确认" not in grid


def test_the_outsider_gets_404_on_a_volunteer(world):
    assert _client(world, "outsider").get(f"/volunteering/volunteers/{world.vol.wang.pk}/").status_code == 404
