"""Orders: raised by the resident, the recorded proxy or the staff (not by anyone else); assigned to
staff or a volunteer of the community; done with evidence; a certification or fitting order leaves
its record; every refusal changes nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from linli.convenience import services
from linli.convenience.models import Certification, Fitting, Order, ServiceType
from linli.convenience.tests.world import receipt
from linli.core.errors import DomainError


def _type(world, code):
    return ServiceType.objects.in_community(world.a).get(code=code)


def _raise(world, actor, code="parcel", resident=None, **extra):
    data = services.OrderInput(resident_id=(resident or world.wang).pk, service_type_id=_type(world, code).pk, **extra)
    return services.order_raise(actor=actor, community=world.a, data=data)


def _count(world):
    return Order.objects.in_community(world.a).count()


def test_defaults_are_seeded_once_and_editable(world):
    assert _type(world, "grocery").handles_money and _type(world, "smoke").fitting_kind == "smoke"
    services.types_ensure(world.a.pk)
    assert ServiceType.objects.in_community(world.a).count() == 8
    row = services.service_type_save(actor=world.user("worker"), community=world.a, name="代缴水电费",
                                     handles_money=True)  # fmt: skip
    assert row.handles_money and ServiceType.objects.in_community(world.a).count() == 9


@pytest.mark.parametrize(("who", "raised_as"), [("resident", "self"), ("daughter", "family"), ("worker", "staff"),
                                                ("grid1", "staff")])  # fmt: skip
def test_an_order_is_raised_by_the_resident_a_proxy_or_staff(world, cw, who, raised_as):
    actor = cw.daughter if who == "daughter" else world.user(who)
    order = _raise(world, actor)
    assert order.raised_as == raised_as and order.grid_id == world.grid1.pk and not order.handles_money


@pytest.mark.parametrize("who", ["grid2", "building", "property", "outsider", "supervisor"])
def test_nobody_else_raises_an_order_for_a_resident(world, who):
    before = _count(world)
    with pytest.raises(DomainError):
        _raise(world, world.user(who))
    assert _count(world) == before


def test_a_bad_window_is_refused(world):
    now, before = timezone.now(), _count(world)
    with pytest.raises(DomainError) as info:
        _raise(
            world,
            world.user("worker"),
            window_start=now + dt.timedelta(hours=3),
            window_end=now + dt.timedelta(hours=1),
        )
    assert info.value.field == "window_end"
    with pytest.raises(DomainError):
        _raise(world, world.user("worker"), window_end=now - dt.timedelta(days=2))
    assert _count(world) == before


def test_an_order_goes_to_a_volunteer_whose_account_then_sees_it(world):
    order = _raise(world, world.user("worker"), resident=world.zhang)
    order = services.order_assign(actor=world.user("worker"), order=order, volunteer_id=world.vol.wang.pk)
    assert order.assignee_volunteer_id == world.vol.wang.pk and order.assignee_user_id == world.user("resident").pk
    assert Order.objects.visible_to(world.user("resident")).filter(pk=order.pk).exists()


def test_a_grid_worker_takes_an_order_himself_but_does_not_hand_it_on(world):
    order = _raise(world, world.user("grid1"))
    with pytest.raises(DomainError):
        services.order_assign(actor=world.user("grid1"), order=order, user_id=world.user("worker").pk)
    assert Order.objects.in_community(world.a).get(pk=order.pk).status == "open"
    assert (
        services.order_assign(actor=world.user("grid1"), order=order, user_id=world.user("grid1").pk).status
        == "assigned"
    )


def test_completion_needs_evidence_and_the_photo_must_be_one(world):
    order = _raise(world, world.user("worker"))
    with pytest.raises(DomainError):
        services.order_complete(actor=world.user("worker"), order=order, data=services.DoneInput())
    bad = SimpleUploadedFile("照片.jpg", b"MZ not a photo at all", content_type="image/jpeg")
    with pytest.raises(DomainError):
        services.order_complete(actor=world.user("worker"), order=order, data=services.DoneInput(photo=bad))
    assert Order.objects.in_community(world.a).get(pk=order.pk).status == "open"
    done = services.order_complete(actor=world.user("worker"), order=order, data=services.DoneInput(photo=receipt()))
    assert done.status == "done" and done.evidence and done.evidence_type == "image/png"
    confirmed = services.order_confirm(actor=world.user("resident"), order=done, satisfaction=4, comment="很快")
    assert confirmed.status == "confirmed" and confirmed.comment == "很快"


def test_a_satisfaction_out_of_range_is_refused(world):
    order = _raise(world, world.user("worker"))
    services.order_complete(actor=world.user("worker"), order=order, data=services.DoneInput(note="已取回"))
    with pytest.raises(DomainError):
        services.order_confirm(actor=world.user("resident"), order=order, satisfaction=9)
    assert Order.objects.in_community(world.a).get(pk=order.pk).status == "done"


def test_a_certification_order_records_the_certification(world):
    order = _raise(world, world.user("worker"), code="pension")
    services.order_complete(
        actor=world.user("worker"), order=order, data=services.DoneInput(note="本人在家，人脸认证通过")
    )
    row = Certification.objects.in_community(world.a).get(order=order)
    assert row.resident_id == world.wang.pk and row.certified_on == timezone.localdate()


def test_a_fitting_order_records_the_fitting_with_its_due_dates(world, today):
    order = _raise(world, world.user("grid1"), code="smoke")
    services.order_complete(actor=world.user("grid1"), order=order, data=services.DoneInput(note="客厅装一个"))
    row = Fitting.objects.in_community(world.a).get(order=order)
    assert row.dwelling_id == world.dwelling1.pk and row.grid_id == world.grid1.pk
    assert row.battery_due_date == today + dt.timedelta(days=365)
    assert row.inspection_due_date == today + dt.timedelta(days=180)


def test_a_resident_sees_own_and_proxied_orders_only(world, cw):
    other = _raise(world, world.user("worker"), resident=world.zhang)
    assert set(Order.objects.visible_to(cw.daughter).values_list("pk", flat=True)) == {cw.order.pk}
    assert not Order.objects.visible_to(world.user("grid2")).filter(pk=cw.order.pk).exists()
    assert Order.objects.visible_to(world.user("grid2")).filter(pk=other.pk).exists()
    assert not Order.objects.visible_to(world.user("outsider")).exists()
