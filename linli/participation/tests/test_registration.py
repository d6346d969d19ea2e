import datetime as dt

import pytest
from django.utils import timezone

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.models import Event
from linli.participation.models import Offering, Registration
from linli.participation.services import ParticipationError, cancel, offering_save, register
from linli.participation.services.offerings import OfferingInput
from linli.participation.tests.helpers import OWNER, child_of_wang, offering, people, reload

pytestmark = pytest.mark.django_db


def test_places_go_first_come_then_the_waitlist_in_order(world):
    sec, event = world.user("secretary"), offering(world, capacity=2)
    rows = [register(actor=sec, offering=event, resident=r) for r in people(world, 4)]
    assert [r.status for r in rows] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [r.seq for r in rows] == [1, 2, 3, 4]
    assert reload(event).confirmed == 2


def test_signing_up_twice_is_refused_and_writes_nothing(world):
    event = offering(world)
    register(actor=world.user("resident"), offering=event, resident=world.wang)
    with pytest.raises(ConflictError) as refused:
        register(actor=world.user("resident"), offering=event, resident=world.wang)
    assert refused.value.code == "duplicate" and "王芳" in str(refused.value.message)
    assert Registration.objects.unscoped().filter(offering=event).count() == 1
    assert reload(event).confirmed == 1


def test_cancelling_promotes_the_first_waiting_and_tells_him(world, django_capture_on_commit_callbacks):
    sec, event = world.user("secretary"), offering(world, capacity=1)
    first = register(actor=world.user("resident"), offering=event, resident=world.wang)
    a, b = (register(actor=sec, offering=event, resident=r) for r in people(world, 2))
    a.resident.user = world.user("worker")  # an account to be told
    a.resident.save(update_fields=["user"])
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(actor=world.user("resident"), registration=first)
    assert [p.pk for p in promoted] == [a.pk]
    from linli.messaging.models import Message

    assert Message.objects.filter(recipient=world.user("worker"), kind="participation_promoted").count() == 1
    assert reload(a).status == "confirmed" and reload(b).status == "waitlisted"
    assert reload(event).confirmed == 1
    notice = Event.objects.get(kind="notice_promoted")
    assert notice.subject_id == world.user("worker").pk and notice.data["offering"] == event.pk


def test_a_larger_capacity_promotes_at_once_and_a_smaller_one_is_refused(world):
    sec, event = world.user("secretary"), offering(world, capacity=1)
    rows = [register(actor=sec, offering=event, resident=r) for r in people(world, 3)]
    data = OfferingInput(title=event.title, starts_at=event.starts_at, ends_at=event.ends_at, capacity=2)
    offering_save(actor=sec, community_id=world.a.pk, owner_type=OWNER, owner_id=event.owner_id, data=data,
                  offering=event)  # fmt: skip
    assert [reload(r).status for r in rows] == ["confirmed", "confirmed", "waitlisted"]
    data.capacity = 1
    with pytest.raises(ParticipationError, match="已有2人报名"):
        offering_save(actor=sec, community_id=world.a.pk, owner_type=OWNER, owner_id=event.owner_id, data=data,
                      offering=event)  # fmt: skip
    assert reload(event).capacity == 2


def test_cancelling_after_the_cut_off_is_refused_to_the_resident_not_to_staff(world):
    event = offering(world, cancel_until=timezone.now() - dt.timedelta(minutes=1))
    mine = register(actor=world.user("resident"), offering=event, resident=world.wang)
    with pytest.raises(ParticipationError, match="截止时间") as refused:
        cancel(actor=world.user("resident"), registration=mine)
    assert refused.value.code == "cutoff" and reload(mine).status == "confirmed"
    cancel(actor=world.user("secretary"), registration=mine)
    assert reload(mine).status == "cancelled" and reload(event).confirmed == 0


def test_the_audience_rule_refuses_by_name(world):
    event = offering(world, audience={"min_age": 60})
    young = people(world, 1, birth_date=dt.date(1990, 1, 1))[0]
    with pytest.raises(ParticipationError, match="60岁以上") as refused:
        register(actor=world.user("secretary"), offering=event, resident=young)
    assert refused.value.code == "audience"
    assert not Registration.objects.unscoped().filter(offering=event).exists()


def test_compound_tag_and_children_rules(world):
    sec = world.user("secretary")
    elsewhere = people(world, 1)[0]  # no dwelling
    with pytest.raises(ParticipationError, match="指定小区"):
        register(actor=sec, offering=offering(world, audience={"compounds": [world.compound.pk]}), resident=elsewhere)
    with pytest.raises(ParticipationError, match="指定的居民群体"):
        register(actor=sec, offering=offering(world, audience={"tags": [world.plain_tag.pk]}), resident=world.wang)
    with pytest.raises(ParticipationError, match="未成年孩子"):
        register(actor=sec, offering=offering(world, audience={"with_children": True}), resident=world.zhang)
    child_of_wang(world)
    assert register(actor=sec, offering=offering(world, audience={"with_children": True}), resident=world.wang)


def test_a_registered_source_narrows_the_audience(world):
    from linli.participation.audiences import register_source

    register_source("test_club", "俱乐部会员", lambda cid, ids: ids & {world.wang.pk})
    event = offering(world, audience={"sources": ["test_club"]})
    with pytest.raises(ParticipationError, match="俱乐部会员"):
        register(actor=world.user("secretary"), offering=event, resident=world.zhang)
    assert register(actor=world.user("secretary"), offering=event, resident=world.wang).status == "confirmed"


def test_the_head_of_the_household_signs_up_his_child_recorded_as_such(world):
    kid = child_of_wang(world)
    row = register(actor=world.user("resident"), offering=offering(world), resident=kid)
    assert row.on_behalf and row.registered_by == world.user("resident")


def test_a_resident_cannot_sign_up_a_neighbour(world):
    event = offering(world)
    with pytest.raises(PermissionDeniedError):
        register(actor=world.user("resident"), offering=event, resident=world.zhang)
    assert not Registration.objects.unscoped().filter(offering=event).exists()


def test_staff_sign_up_on_behalf_is_recorded(world):
    row = register(actor=world.user("worker"), offering=offering(world), resident=world.zhang)
    assert row.on_behalf and row.registered_by == world.user("worker")


def test_sign_up_window_and_series_limit(world):
    sec = world.user("secretary")
    later = offering(world, opens_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ParticipationError, match="还没开始"):
        register(actor=world.user("resident"), offering=later, resident=world.wang)
    one, two = (offering(world, series="haircut-05", series_limit=1) for _ in range(2))
    register(actor=sec, offering=one, resident=world.zhang)
    with pytest.raises(ParticipationError, match="限报1次"):
        register(actor=sec, offering=two, resident=world.zhang)


def test_full_without_a_waitlist_is_refused(world):
    event = offering(world, capacity=1, waitlist=False)
    register(actor=world.user("secretary"), offering=event, resident=world.zhang)
    with pytest.raises(ConflictError, match="名额已满") as refused:
        register(actor=world.user("resident"), offering=event, resident=world.wang)
    assert refused.value.code == "full" and Offering.objects.unscoped().get(pk=event.pk).confirmed == 1
