"""Assigning an order to a volunteer from the suggestions on its page (skills, building, free time,
as volunteering's matching weighs them); the volunteer is shown on the order; a volunteer of another
community is refused and nothing changes."""

import pytest
from django.test import Client

from linli.convenience import selectors, services
from linli.convenience.models import Order, ServiceType
from linli.core.errors import DomainError


def _repair_for(world, resident):
    kind = ServiceType.objects.in_community(world.a).get(code="repair")
    return services.order_raise(actor=world.user("worker"), community=world.a, data=services.OrderInput(
        resident_id=resident.pk, service_type_id=kind.pk, note="水龙头漏水"))  # fmt: skip


def _row(order) -> tuple:
    return Order.objects.in_community(order.community_id).filter(pk=order.pk).values_list().get()


def test_a_repair_suggests_the_volunteer_who_repairs_with_the_reason(world):
    suggested = selectors.suggested_volunteers(_repair_for(world, world.wang))
    assert suggested[0].volunteer_id == world.vol.zhang.pk and "技能对口：维修" in suggested[0].reasons
    assert world.vol.wang.pk not in {s.volunteer_id for s in suggested}  # nobody serves himself


def test_staff_assign_a_suggested_volunteer_from_the_order_page(world):
    order, client = _repair_for(world, world.wang), Client()
    client.force_login(world.user("worker"))
    page = client.get(f"/convenience/orders/{order.pk}/").content.decode()
    assert f'data-volunteer="{world.vol.zhang.pk}"' in page and "技能对口：维修" in page
    client.post(f"/convenience/orders/{order.pk}/assign/", {"assignee": f"vol:{world.vol.zhang.pk}"})
    row = Order.objects.in_community(world.a).get(pk=order.pk)
    assert (row.status, row.assignee_volunteer_id, row.assignee_name) == ("assigned", world.vol.zhang.pk, "张三")
    assert "办理人 张三（志愿者）" in client.get(f"/convenience/orders/{order.pk}/").content.decode()


def test_a_volunteer_of_another_community_is_refused_and_nothing_changes(world):
    from linli.volunteering import services as v

    stranger = v.volunteer_save(actor=world.user("outsider"), community=world.b,
                                data=v.VolunteerInput(name="外社区志愿者", skills="维修"))  # fmt: skip
    order = _repair_for(world, world.wang)
    before = _row(order)
    with pytest.raises(DomainError) as info:
        services.order_assign(actor=world.user("worker"), order=order, volunteer_id=stranger.pk)
    assert info.value.field == "assignee" and _row(order) == before
    assert stranger.pk not in {s.volunteer_id for s in selectors.suggested_volunteers(order)}
