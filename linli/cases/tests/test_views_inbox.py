"""The inbox: a partner sees only what is routed to it; malformed ids never break a page
(views/inbox.py)."""

from django.test import Client


def test_partner_sees_only_routed_cases_and_no_registry(world):
    client = Client()
    client.force_login(world.user("property"))
    inbox = client.get("/cases/?box=team").content.decode()
    assert world.cases.leak.title in inbox and world.cases.mediation.title not in inbox
    assert client.get(f"/cases/{world.cases.mediation.pk}/").status_code == 404
    assert client.get(f"/people/residents/{world.wang.pk}/").status_code == 404
    page = client.get(f"/cases/{world.cases.leak.pk}/").content.decode()
    assert "138****5678" in page and "13812345678" not in page
    hoa = Client()
    hoa.force_login(world.user("hoa"))
    assert hoa.get(f"/cases/{world.cases.leak.pk}/").status_code == 404


def test_malformed_ids_and_dates_in_forms_never_break_a_page(world):
    client = Client()
    client.force_login(world.user("secretary"))
    huge = "9" * 30
    assert client.get(f"/cases/?category={huge}&org=-1&compound=abc").status_code == 200
    assert client.get(f"/places/buildings/?compound={huge}&grid={huge}").status_code == 200
    party = world.cases.joint.parties.get(party="community")
    response = client.post(f"/cases/{world.cases.joint.pk}/joint/{party.pk}/",
                           {"position": "同意", "commitment": "上门沟通", "commitment_due": "2026-02-31"})  # fmt: skip
    assert response.status_code == 302
    assert client.post("/cases/bulk-assign/", {"case": [huge, "x"], "target": "org:" + huge}).status_code == 302


def test_the_inbox_stays_within_its_query_budget(world, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.user("secretary"))
    with django_assert_max_num_queries(30):
        assert client.get("/cases/?box=all").status_code == 200
