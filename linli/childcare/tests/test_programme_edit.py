"""The staff change a programme: more places promote the next waiting in their order, also while
the class runs; fewer than the children accepted is refused with both numbers and changes nothing."""

import pytest

from linli.childcare import services
from linli.childcare.models import Programme
from linli.childcare.tests.helpers import children, programme
from linli.core.errors import DomainError, PermissionDeniedError

FORM = {"title": "小灯塔暑期托管班", "day_starts": "08:30", "day_ends": "17:30", "age_min": "6", "age_max": "12",
        "venue": "三楼"}  # fmt: skip


def _class_of(world, *, capacity=2, n=5):
    p = programme(world, capacity=capacity)  # started two days ago: running
    rows = [services.apply(actor=world.user("worker"), programme=p, child=c) for c in children(world, n)]
    return p, rows


def _statuses(rows):
    for e in rows:
        e.registration.refresh_from_db()
    return [e.registration.status for e in rows]


def _form(p, **changes):
    return FORM | {"starts_on": p.starts_on.isoformat(), "ends_on": p.ends_on.isoformat()} | changes


def test_more_places_while_running_promote_the_next_waiting_in_order(world, client):
    p, rows = _class_of(world)
    client.force_login(world.user("worker"))
    page = client.get(f"/childcare/{p.pk}/edit/").content.decode()
    assert 'value="小灯塔暑期托管班"' in page and 'value="2"' in page
    response = client.post(f"/childcare/{p.pk}/edit/", _form(p, capacity="4"), follow=True)
    assert "递补录取" in response.content.decode() and rows[2].child.name in response.content.decode()
    assert _statuses(rows) == ["confirmed"] * 4 + ["waitlisted"]
    p.refresh_from_db()
    p.offering.refresh_from_db()
    assert (p.capacity, p.offering.capacity, p.offering.confirmed, p.venue) == (4, 4, 4, "三楼")


def test_fewer_places_than_accepted_is_refused_with_the_numbers(world, client):
    p, rows = _class_of(world, capacity=3, n=4)
    before = list(Programme.objects.in_community(world.a).values())
    client.force_login(world.user("worker"))
    response = client.post(f"/childcare/{p.pk}/edit/", _form(p, capacity="2", venue="别处"))
    body = response.content.decode()
    assert response.status_code == 400 and "已录取3个孩子，名额不能改成2个" in body and 'value="别处"' in body
    assert list(Programme.objects.in_community(world.a).values()) == before
    assert _statuses(rows) == ["confirmed"] * 3 + ["waitlisted"]
    with pytest.raises(DomainError, match="已录取3个孩子"):
        data = services.ProgrammeInput(**{**{k: getattr(p, k) for k in FORM if k != "title"}, "title": p.title,
                                          "starts_on": p.starts_on, "ends_on": p.ends_on, "capacity": 1})  # fmt: skip
        services.programme_update(actor=world.user("worker"), programme=p, data=data)


def test_bad_input_and_the_wrong_people_change_nothing(world, client):
    p, _rows = _class_of(world)
    before = list(Programme.objects.in_community(world.a).values())
    client.force_login(world.user("worker"))
    bad = client.post(f"/childcare/{p.pk}/edit/", _form(p, capacity="2", age_min="14"))
    assert bad.status_code == 400 and "年龄范围" in bad.content.decode()
    for role, status in (("grid1", 404), ("resident", 404), ("outsider", 404)):
        client.force_login(world.user(role))
        assert client.post(f"/childcare/{p.pk}/edit/", _form(p, capacity="9")).status_code == status
    assert list(Programme.objects.in_community(world.a).values()) == before
    with pytest.raises(PermissionDeniedError):
        data = services.ProgrammeInput(title="x", starts_on=p.starts_on, ends_on=p.ends_on, day_starts=p.day_starts,
                                       day_ends=p.day_ends, age_min=6, age_max=12, capacity=9)  # fmt: skip
        services.programme_update(actor=world.user("resident"), programme=p, data=data)
    assert list(Programme.objects.in_community(world.a).values()) == before
