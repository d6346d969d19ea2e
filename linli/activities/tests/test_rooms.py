"""An event held in one of venues' rooms takes it: a booking over it is refused, an event over a
booking is refused with the booking named and nothing saved, a draft holds nothing, an edit does not
clash with itself and a cancelled event frees the room."""

import pytest

from linli.activities import services as act
from linli.activities.models import Event
from linli.participation.models import Offering
from linli.venues import selectors as venue_selectors
from linli.venues import services as venues
from linli.venues.tests.helpers import at


def _event(world, event=None, **changes):
    data = dict(title="乒乓球友谊赛", category_id=world.activity.category_id, starts_at=at(3, 14),
                ends_at=at(3, 16), room_id=world.venues.table.pk)  # fmt: skip
    data.update(changes)
    return act.event_save(actor=world.user("secretary"), community_id=world.a.pk, data=act.EventInput(**data),
                          event=event)  # fmt: skip


def _book(world, starts_at, ends_at):
    return venues.booking_create(actor=world.user("resident"), thing=world.venues.table,
                                 data=venues.BookingInput(starts_at=starts_at, ends_at=ends_at))  # fmt: skip


def test_an_event_takes_the_table_and_a_booking_over_it_is_refused(world):
    event = _event(world)
    assert event.place == "文体俱乐部 · 乒乓球台1"
    days = venue_selectors.week(actor=world.user("resident"), community_id=world.a.pk, things=[world.venues.table],
                                monday=venue_selectors.monday_of(at(3, 0).date()))  # fmt: skip
    assert "活动：乒乓球友谊赛" in [i.label for d in days for i in d.items]
    with pytest.raises(venues.VenueError, match="乒乓球友谊赛"):
        _book(world, at(3, 15), at(3, 16))
    edited = _event(world, event=event, title="乒乓球友谊赛（决赛）", ends_at=at(3, 17))  # no clash with itself
    assert edited.pk == event.pk
    act.event_cancel(actor=world.user("secretary"), event=edited)
    assert _book(world, at(3, 15), at(3, 16)).pk  # a cancelled event frees the table


def test_an_event_over_a_booking_is_refused_and_nothing_is_saved(world):
    _book(world, at(3, 15), at(3, 16))
    events, offerings = Event.objects.unscoped().count(), Offering.objects.unscoped().count()
    with pytest.raises(act.ActivityError) as refused:
        _event(world)
    assert refused.value.field == "room" and "已有预约" in str(refused.value.message)
    assert (Event.objects.unscoped().count(), Offering.objects.unscoped().count()) == (events, offerings)
    draft = _event(world, draft=True)  # a draft holds no room, so it may be written down
    assert draft.status == Event.Status.DRAFT
    with pytest.raises(act.ActivityError):
        _event(world, event=draft)  # publishing it meets the booking


def test_a_room_of_another_community_is_refused(world):
    from linli.activities.models import Category

    category = Category.objects.in_community(world.b).first() or Category.objects.create(community=world.b, name="文体")
    with pytest.raises(act.ActivityError) as refused:
        act.event_save(actor=world.user("outsider"), community_id=world.b.pk, data=act.EventInput(
                           title="x", category_id=category.pk, starts_at=at(3, 14), ends_at=at(3, 15),
                           room_id=world.venues.table.pk))  # fmt: skip
    assert refused.value.field == "room"
