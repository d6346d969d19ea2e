"""childcare's API: the programmes with places taken, capacity and the waitlist (staff only), a
day's attendance (staff only; a day the class does not run is a 400 naming the dates), and the
parent's own applications (his children only, phones masked). Another community's rows: 404."""

import datetime as dt

from django.utils import timezone

from linli.childcare import services
from linli.childcare.tests.helpers import children, programme
from linli.people.services import household_add_member


def _class(world):
    p = programme(world, capacity=2)
    worker = world.user("worker")
    kids = children(world, 3)
    household_add_member(actor=world.user("secretary"), household=world.household, resident=kids[0], relation="son")
    rows = [services.apply(actor=worker, programme=p, child=c) for c in kids]
    services.pickup_person_add(actor=worker, enrolment=rows[0], name="李秀兰", relation="mother", phone="13566667777")
    services.arrive(actor=worker, enrolment=rows[0])
    return p, rows


def test_the_staff_list_and_read_programmes_with_their_counts(world, client, django_assert_max_num_queries):
    p, _rows = _class(world)
    client.force_login(world.user("worker"))
    with django_assert_max_num_queries(12):
        body = client.get(f"/api/v1/childcare/programmes?community_id={world.a.pk}").json()
    (item,) = body["items"]
    assert (item["id"], item["capacity"], item["taken"], item["waiting"], item["here_today"]) == (p.pk, 2, 2, 1, 1)
    one = client.get(f"/api/v1/childcare/programmes/{p.pk}").json()
    assert one == item


def test_the_attendance_of_a_day(world, client):
    p, rows = _class(world)
    client.force_login(world.user("worker"))
    body = client.get(f"/api/v1/childcare/programmes/{p.pk}/attendance").json()
    assert (body["placed"], body["here"], body["gone"]) == (2, 1, 0)
    arrived = {c["enrolment_id"]: c["arrived_at"] is not None for c in body["children"]}
    assert arrived == {rows[0].pk: True, rows[1].pk: False}
    later = (p.ends_on + dt.timedelta(days=3)).isoformat()
    refused = client.get(f"/api/v1/childcare/programmes/{p.pk}/attendance?day={later}")
    assert refused.status_code == 400 and "不开班" in refused.json()["error"]["message"]


def test_others_are_refused(world, client):
    p, _rows = _class(world)
    client.force_login(world.user("resident"))
    listed = client.get(f"/api/v1/childcare/programmes?community_id={world.a.pk}")
    assert listed.status_code == 403 and "工作人员" in listed.json()["error"]["message"]
    assert client.get(f"/api/v1/childcare/programmes/{p.pk}").status_code == 404
    assert client.get(f"/api/v1/childcare/programmes/{p.pk}/attendance").status_code == 404
    client.force_login(world.user("outsider"))
    assert client.get(f"/api/v1/childcare/programmes?community_id={world.a.pk}").status_code == 404
    assert client.get(f"/api/v1/childcare/programmes/{p.pk}").status_code == 404
    assert client.get("/api/v1/childcare/mine/applications").json() == []


def test_the_parent_sees_only_his_own_children(world, client):
    p, rows = _class(world)
    client.force_login(world.user("resident"))
    (mine,) = client.get("/api/v1/childcare/mine/applications").json()
    assert (mine["enrolment_id"], mine["status"], mine["pickup_code"]) == (rows[0].pk, "confirmed", rows[0].pickup_code)
    assert mine["pickup_persons"] == [
        {"id": mine["pickup_persons"][0]["id"], "name": "李秀兰", "relation": "mother", "phone": "*******7777"}
    ]
    assert mine["arrived_at"] is not None and mine["programme_id"] == p.pk
    client.force_login(world.user("worker"))  # no children of his own
    assert client.get("/api/v1/childcare/mine/applications").json() == []
    assert timezone.localdate() <= p.ends_on
