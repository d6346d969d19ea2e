"""Applications: places up to the capacity then a waitlist in order; a withdrawal promotes the first
waiting; a child outside the ages, applied for twice, or of another community is refused and
nothing changes; a new programme with bad input is refused with its message and no row."""

import pytest

from linli.childcare import services
from linli.childcare.models import Enrolment, Programme
from linli.childcare.tests.helpers import children, programme
from linli.core.errors import DomainError, PermissionDeniedError


def _status(enrolment):
    enrolment.registration.refresh_from_db()
    return enrolment.registration.status


def test_within_capacity_then_the_waitlist_and_a_withdrawal_promotes_the_first_waiting(world):
    p = programme(world, capacity=2)
    worker = world.user("worker")
    rows = [services.apply(actor=worker, programme=p, child=c) for c in children(world, 4)]
    assert [_status(e) for e in rows] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert len({e.pickup_code for e in rows}) >= 1 and all(len(e.pickup_code) == 6 for e in rows)
    services.withdraw(actor=worker, enrolment=rows[0])
    assert [_status(e) for e in rows] == ["cancelled", "confirmed", "confirmed", "waitlisted"]


def test_refusals_change_nothing(world):
    p = programme(world, capacity=5)
    worker = world.user("worker")
    (child,) = children(world, 1)
    services.apply(actor=worker, programme=p, child=child)
    from linli.people.models import Resident

    adult = Resident.objects.create(community=world.a, name="大人", birth_date=child.birth_date.replace(year=1980))
    (elsewhere,) = children(world, 1, community=world.b, start=9)
    before = Enrolment.objects.in_community(world.a).count()
    with pytest.raises(DomainError, match="已经报过名"):
        services.apply(actor=worker, programme=p, child=child)
    with pytest.raises(DomainError):
        services.apply(actor=worker, programme=p, child=adult)
    with pytest.raises(DomainError, match="本社区的孩子"):
        services.apply(actor=worker, programme=p, child=elsewhere)
    with pytest.raises(PermissionDeniedError):  # a resident may not apply for a child not his own
        services.apply(actor=world.user("resident"), programme=p, child=adult)
    assert Enrolment.objects.in_community(world.a).count() == before
    assert p.offering.registrations.filter(community=world.a).count() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "名称"),
        ({"ends_on": None}, "开班和结束日期"),
        ({"capacity": 0}, "名额请填1到500"),
        ({"age_min": 13}, "年龄范围"),
    ],
)
def test_a_programme_with_bad_input_is_refused_and_not_saved(world, change, message):
    with pytest.raises(DomainError, match=message):
        programme(world, **change)
    assert not Programme.objects.in_community(world.a).exists()


def test_the_form_keeps_what_was_typed_and_names_the_problem(world, client):
    client.force_login(world.user("worker"))
    response = client.post("/childcare/new/", {"title": "暑托班", "starts_on": "2026-07-06", "ends_on": "2026-07-01",
                                               "day_starts": "08:00", "day_ends": "18:00", "age_min": "6",
                                               "age_max": "12", "capacity": "40"})  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "结束日期不能早于开班日期" in body and 'value="暑托班"' in body
    assert not Programme.objects.in_community(world.a).exists()


def test_the_desk_applies_for_a_child_from_the_programme_page(world, client):
    p = programme(world)
    (child,) = children(world, 1)
    client.force_login(world.user("worker"))
    page = client.get(f"/childcare/{p.pk}/").content.decode()
    assert child.name in page  # offered in the list of children of the ages
    client.post(f"/childcare/{p.pk}/apply/", {"child": child.pk})
    assert Enrolment.objects.in_community(world.a).filter(programme=p, child=child).exists()


def test_a_parent_applies_for_his_child_and_sees_the_place_and_the_pickup_code(world, client):
    from linli.people.services import household_add_member

    p = programme(world, capacity=1)
    (kid,) = children(world, 1)
    (neighbour,) = children(world, 1, start=5)
    household_add_member(actor=world.user("secretary"), household=world.household, resident=kid, relation="daughter")
    client.force_login(world.user("resident"))  # 王芳, head of the household
    page = client.get("/childcare/mine/").content.decode()
    assert kid.name in page and neighbour.name not in page and p.title in page
    client.post("/childcare/mine/apply/", {"programme": p.pk, "child": kid.pk})
    e = Enrolment.objects.in_community(world.a).get(programme=p, child=kid)
    assert e.registration.status == "confirmed"
    page = client.get("/childcare/mine/").content.decode()
    assert e.pickup_code in page and "已录取" in page
    client.post("/childcare/mine/apply/", {"programme": p.pk, "child": neighbour.pk})  # not her child: refused
    assert not Enrolment.objects.in_community(world.a).filter(child=neighbour).exists()
    client.force_login(world.user("outsider"))  # another community's secretary: nothing of A
    assert kid.name not in client.get("/childcare/mine/").content.decode()
    client.post("/childcare/mine/apply/", {"programme": p.pk, "child": kid.pk})
    assert Enrolment.objects.in_community(world.a).filter(child=kid).count() == 1
