"""The door: a child signed in once a day; the pickup with a registered person and the child's code;
anyone else refused, the refusal logged as an event and nothing else changed; the pickup persons'
phones encrypted at rest and masked on the page until revealed with a reason (logged); a day's
attendance; another community's rows answer 404."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from linli.childcare import selectors, services
from linli.childcare.models import DayRecord, PickupPerson
from linli.childcare.tests.helpers import children, programme
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import AccessLog, Event

PHONE = "13566667777"


@pytest.fixture
def door(world):
    p = programme(world, capacity=3)
    worker = world.user("worker")
    kids = children(world, 3)
    rows = [services.apply(actor=worker, programme=p, child=c) for c in kids]
    mother = services.pickup_person_add(actor=worker, enrolment=rows[0], name="李秀兰", relation="mother", phone=PHONE)
    return p, rows, mother


def _refusals(p):
    return Event.objects.filter(module="childcare", kind="pickup_refused", subject_id=p.pk)


def test_the_authorised_person_with_the_right_code_takes_the_child(world, door):
    p, (e, *_rest), mother = door
    worker = world.user("worker")
    services.arrive(actor=worker, enrolment=e)
    record = services.pickup(actor=worker, enrolment=e, person_id=mother.pk, code=e.pickup_code)
    assert record.left_at is not None and record.picked_up_by == mother and record.left_by == worker
    assert not _refusals(p).exists()
    with pytest.raises(DomainError, match="已经被接走"):
        services.pickup(actor=worker, enrolment=e, person_id=mother.pk, code=e.pickup_code)


@pytest.mark.parametrize("wrong", ["stranger", "code", "removed"])
def test_anyone_else_is_refused_logged_and_nothing_changes(world, door, wrong):
    p, (e, *_rest), mother = door
    worker = world.user("worker")
    services.arrive(actor=worker, enrolment=e)
    person_id, code = mother.pk, e.pickup_code
    if wrong == "stranger":
        person_id = None
    elif wrong == "code":
        code = "000000" if e.pickup_code != "000000" else "111111"
    else:
        services.pickup_person_remove(actor=worker, person=mother)
    before = list(DayRecord.objects.in_community(world.a).values())
    with pytest.raises(PermissionDeniedError, match="不能接走孩子"):
        services.pickup(actor=worker, enrolment=e, person_id=person_id, code=code, name="王某某")
    assert list(DayRecord.objects.in_community(world.a).values()) == before  # still here, nobody took him
    (refusal,) = _refusals(p)
    assert refusal.actor == worker and refusal.data["enrolment"] == e.pk
    assert refusal.data["who"] == ("李秀兰" if wrong == "code" else "王某某")  # a removed one is not on the list
    assert e.child.name not in str(refusal.data)  # the child's name is not copied into the log


def test_a_child_not_signed_in_or_waiting_cannot_be_handed_over(world, door):
    _p, (e, *_rest), mother = door
    worker = world.user("worker")
    with pytest.raises(DomainError, match="还没有签到"):
        services.pickup(actor=worker, enrolment=e, person_id=mother.pk, code=e.pickup_code)
    waiting = services.apply(actor=worker, programme=_p, child=children(world, 1, start=7)[0])
    with pytest.raises(DomainError, match="候补名单"):
        services.arrive(actor=worker, enrolment=waiting)
    assert not DayRecord.objects.in_community(world.a).exists()


def test_the_refusal_at_the_door_is_shown_to_the_staff(world, door, client):
    p, (e, *_rest), _mother = door
    services.arrive(actor=world.user("worker"), enrolment=e)
    client.force_login(world.user("worker"))
    response = client.post(f"/childcare/children/{e.pk}/pickup/", {"person": "", "name": "自称舅舅", "code": "1"})
    assert response.status_code == 302
    assert DayRecord.objects.in_community(world.a).get(enrolment=e).left_at is None
    page = client.get(f"/childcare/{p.pk}/").content.decode()
    assert "自称舅舅" in page


def test_the_phone_is_encrypted_at_rest_and_masked_until_revealed_with_a_reason(world, door, client):
    _p, (e, *_rest), mother = door
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM childcare_pickupperson WHERE id = %s", [mother.pk])
        raw = " ".join(str(v) for v in cursor.fetchone())
    assert PHONE not in raw and PHONE[:7] not in raw
    client.force_login(world.user("worker"))
    page = client.get(f"/childcare/children/{e.pk}/").content.decode()
    assert PHONE not in page and "*******7777" in page
    url = f"/childcare/persons/{mother.pk}/reveal/"
    refused = client.post(url, {"reason": "急"}).content.decode()
    assert PHONE not in refused and "请写明查看原因" in refused
    assert not AccessLog.objects.filter(subject_type="childcare_pickupperson").exists()
    shown = client.post(url, {"reason": "孩子发烧，联系妈妈"}).content.decode()
    assert PHONE in shown
    log = AccessLog.objects.get(subject_type="childcare_pickupperson", subject_id=mother.pk)
    assert log.actor == world.user("worker") and log.reason == "孩子发烧，联系妈妈" and log.fields == "phone"


def test_a_pickup_person_with_a_bad_phone_is_refused_and_the_form_keeps_it(world, door, client):
    _p, (e, *_rest), _mother = door
    client.force_login(world.user("worker"))
    response = client.post(f"/childcare/children/{e.pk}/persons/", {"name": "张爷爷", "relation": "grandparent",
                                                                     "phone": "123"})  # fmt: skip
    body = response.content.decode()
    assert 'role="alert"' in body and 'value="张爷爷"' in body and 'value="123"' in body
    assert PickupPerson.objects.in_community(world.a).filter(enrolment=e).count() == 1
    with pytest.raises(DomainError, match="关系"):
        services.pickup_person_add(actor=world.user("worker"), enrolment=e, name="某", relation="uncle", phone=PHONE)
    assert PickupPerson.objects.in_community(world.a).filter(enrolment=e).count() == 1


def test_the_day_attendance_once_a_day_and_on_class_days_only(world, door):
    p, rows, mother = door
    worker = world.user("worker")
    services.arrive(actor=worker, enrolment=rows[0])
    services.arrive(actor=worker, enrolment=rows[1])
    services.pickup(actor=worker, enrolment=rows[0], person_id=mother.pk, code=rows[0].pickup_code)
    with pytest.raises(DomainError, match="已经签到"):
        services.arrive(actor=worker, enrolment=rows[1])
    later = timezone.make_aware(dt.datetime.combine(p.ends_on + dt.timedelta(days=1), dt.time(9)))
    with pytest.raises(DomainError, match="不开班"):
        services.arrive(actor=worker, enrolment=rows[2], at=later)
    today = timezone.localdate()
    listed = selectors.children(programme=p, day=today)
    got = {c.pk: (bool(c.arrived_at), bool(c.left_at), c.picked_up_name) for c in listed}
    first, second, third = (r.pk for r in rows)
    assert got == {first: (True, True, "李秀兰"), second: (True, False, None), third: (False, False, None)}
    (here,) = selectors.programmes(scope=worker, community_id=world.a.pk, day=today)
    assert here.here == 2 and here.waiting == 0


def test_another_communitys_rows_answer_404(world, door, client):
    p, (e, *_rest), mother = door
    client.force_login(world.user("outsider"))  # the secretary of community B
    for url in (f"/childcare/{p.pk}/", f"/childcare/children/{e.pk}/"):
        assert client.get(url).status_code == 404
    for url in (f"/childcare/children/{e.pk}/arrive/", f"/childcare/persons/{mother.pk}/reveal/",
                f"/childcare/persons/{mother.pk}/remove/", f"/childcare/children/{e.pk}/withdraw/"):  # fmt: skip
        assert client.post(url, {"reason": "查看一下电话"}).status_code == 404
    assert not DayRecord.objects.in_community(world.a).exists()
    assert PickupPerson.objects.in_community(world.a).get(pk=mother.pk).active
    assert not AccessLog.objects.filter(subject_type="childcare_pickupperson").exists()


def test_the_resident_sees_none_of_it(world, door, client):
    p, (e, *_rest), _mother = door
    client.force_login(world.user("resident"))
    assert client.get(f"/childcare/children/{e.pk}/").status_code == 404
    assert client.get("/childcare/").status_code in (403, 404)
