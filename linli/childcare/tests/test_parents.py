"""The parent's page: he withdraws his child (the next waiting is promoted), adds and removes the
persons authorised to pick his child up (phone encrypted, the staff see it was the parent, and when)
and gets a new pickup code (the old one is then refused at the door). Anyone else's child is 404,
and a refusal changes nothing."""

import pytest
from django.db import connection

from linli.childcare import selectors, services
from linli.childcare.models import Enrolment, PickupPerson
from linli.childcare.tests.helpers import children, programme
from linli.core.errors import DomainError, PermissionDeniedError
from linli.people.services import household_add_member

PHONE = "13566668888"


@pytest.fixture
def family(world):
    """王芳's daughter has the one place of a class running today; a neighbour's child waits."""
    p = programme(world, capacity=1)
    kid, neighbour = children(world, 2)
    household_add_member(actor=world.user("secretary"), household=world.household, resident=kid, relation="daughter")
    mine = services.apply(actor=world.user("resident"), programme=p, child=kid)
    waiting = services.apply(actor=world.user("worker"), programme=p, child=neighbour)
    return p, mine, waiting


def _status(e):
    e.registration.refresh_from_db()
    return e.registration.status


def test_the_parent_withdraws_and_the_first_waiting_is_promoted(world, client, family):
    _p, mine, waiting = family
    client.force_login(world.user("resident"))
    page = client.get("/childcare/mine/").content.decode()
    assert "data-confirm" in page and f"/childcare/mine/{mine.pk}/withdraw/" in page
    response = client.post(f"/childcare/mine/{mine.pk}/withdraw/", follow=True)
    assert "已退出" in response.content.decode()
    assert (_status(mine), _status(waiting)) == ("cancelled", "confirmed")
    again = client.post(f"/childcare/mine/{mine.pk}/withdraw/", follow=True).content.decode()
    assert "已经取消了" in again and _status(waiting) == "confirmed"


def test_a_withdrawn_child_applies_again_at_the_back_of_the_queue_with_a_new_code(world, client, family):
    p, mine, waiting = family
    client.force_login(world.user("resident"))
    client.post(f"/childcare/mine/{mine.pk}/withdraw/")
    old_code, old_registration = mine.pickup_code, mine.registration_id
    assert mine.child_id in {r.pk for r in selectors.eligible_children(programme=p)}  # the desk may take him again
    page = client.get("/childcare/mine/").content.decode()
    assert f'name="programme" value="{p.pk}"' in page  # 报名 is offered again beside "已退出"
    response = client.post("/childcare/mine/apply/", {"programme": p.pk, "child": mine.child_id}, follow=True)
    assert response.status_code == 200
    mine.refresh_from_db()
    assert Enrolment.objects.in_community(world.a).filter(programme=p, child_id=mine.child_id).count() == 1
    assert mine.registration_id != old_registration and mine.pickup_code != old_code
    assert (_status(mine), _status(waiting)) == ("waitlisted", "confirmed")  # the place went to the neighbour
    with pytest.raises(DomainError, match="已经报过名了"):
        services.apply(actor=world.user("resident"), programme=p, child=mine.child)
    assert mine.child_id not in {r.pk for r in selectors.eligible_children(programme=p)}


def test_the_parent_cannot_touch_a_child_not_his(world, client, family):
    _p, mine, waiting = family
    client.force_login(world.user("resident"))
    assert client.post(f"/childcare/mine/{waiting.pk}/withdraw/").status_code == 404
    assert client.post(f"/childcare/mine/{waiting.pk}/code/").status_code == 404
    data = {"name": "李四", "relation": "other", "phone": PHONE}
    assert client.post(f"/childcare/mine/{waiting.pk}/persons/", data).status_code == 404
    for role in ("worker", "outsider"):  # the staff use their own pages; another community sees nothing
        client.force_login(world.user(role))
        assert client.post(f"/childcare/mine/{mine.pk}/withdraw/").status_code == 404
    assert (_status(mine), _status(waiting)) == ("confirmed", "waitlisted")
    assert not PickupPerson.objects.in_community(world.a).exists()
    with pytest.raises(PermissionDeniedError):
        services.pickup_person_add(actor=world.user("resident"), enrolment=waiting, name="李四", relation="other",
                                   phone=PHONE)  # fmt: skip


def test_the_parent_adds_and_removes_a_pickup_person_and_the_staff_see_who(world, client, family):
    _p, mine, _waiting = family
    client.force_login(world.user("resident"))
    bad = client.post(
        f"/childcare/mine/{mine.pk}/persons/", {"name": "张爷爷", "relation": "grandparent", "phone": "135"}
    )
    body = bad.content.decode()
    assert bad.status_code == 200 and 'role="alert"' in body and 'value="张爷爷"' in body and 'value="135"' in body
    assert not PickupPerson.objects.in_community(world.a).exists()
    client.post(f"/childcare/mine/{mine.pk}/persons/", {"name": "张爷爷", "relation": "grandparent", "phone": PHONE})
    person = PickupPerson.objects.in_community(world.a).get(enrolment=mine)
    assert person.added_by_parent and person.added_by == world.user("resident") and person.phone_last4 == "8888"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM childcare_pickupperson WHERE id = %s", [person.pk])
        assert PHONE not in " ".join(str(v) for v in cursor.fetchone())
    page = client.get("/childcare/mine/").content.decode()
    assert "张爷爷" in page and "*******8888" in page and PHONE not in page
    client.force_login(world.user("worker"))
    staff = client.get(f"/childcare/children/{mine.pk}/").content.decode()
    assert "张爷爷" in staff and "家长" in staff and "添加" in staff
    client.force_login(world.user("resident"))
    client.post(f"/childcare/mine/persons/{person.pk}/remove/")
    person.refresh_from_db()
    assert not person.active and person.removed_by_parent and person.removed_at is not None
    client.force_login(world.user("worker"))
    staff = client.get(f"/childcare/children/{mine.pk}/").content.decode()
    assert 'id="removed"' in staff and "取消" in staff


def test_a_withdrawn_child_or_a_full_list_is_refused_and_nothing_changes(world, family):
    _p, mine, _waiting = family
    parent = world.user("resident")
    for i in range(services.MAX_PERSONS):
        services.pickup_person_add(actor=parent, enrolment=mine, name=f"亲戚{i}", relation="relative",
                                   phone=f"1350000{i:04d}")  # fmt: skip
    before = list(PickupPerson.objects.in_community(world.a).values_list("pk", flat=True))
    with pytest.raises(DomainError, match="最多登记8位"):
        services.pickup_person_add(actor=parent, enrolment=mine, name="多一个", relation="other", phone=PHONE)
    services.withdraw(actor=parent, enrolment=mine)
    code = mine.pickup_code
    with pytest.raises(DomainError, match="已经退出"):
        services.pickup_code_renew(actor=parent, enrolment=mine)
    assert list(PickupPerson.objects.in_community(world.a).values_list("pk", flat=True)) == before
    assert Enrolment.objects.in_community(world.a).get(pk=mine.pk).pickup_code == code


@pytest.mark.parametrize("who", ["resident", "worker"])
def test_a_new_pickup_code_and_the_old_one_is_refused_at_the_door(world, client, family, who):
    _p, mine, _waiting = family
    worker = world.user("worker")
    grandma = services.pickup_person_add(actor=worker, enrolment=mine, name="奶奶", relation="grandparent", phone=PHONE)
    old = mine.pickup_code
    client.force_login(world.user(who))
    url = f"/childcare/mine/{mine.pk}/code/" if who == "resident" else f"/childcare/children/{mine.pk}/code/"
    assert "已更换接送码" in client.post(url, follow=True).content.decode()
    mine.refresh_from_db()
    assert mine.pickup_code != old and len(mine.pickup_code) == 6
    services.arrive(actor=worker, enrolment=mine)
    with pytest.raises(PermissionDeniedError, match="接送码不对"):
        services.pickup(actor=worker, enrolment=mine, person_id=grandma.pk, code=old)
    assert services.pickup(actor=worker, enrolment=mine, person_id=grandma.pk, code=mine.pickup_code).left_at


def test_a_stranger_may_not_renew_the_code(world, family):
    _p, mine, _waiting = family
    code = mine.pickup_code
    for role in ("grid1", "outsider"):
        with pytest.raises(PermissionDeniedError):
            services.pickup_code_renew(actor=world.user(role), enrolment=mine)
    assert Enrolment.objects.in_community(world.a).get(pk=mine.pk).pickup_code == code
