"""In Chromium at 390 px: a resident books a ping-pong table from its free slots; a second resident,
who had the same slot on his screen, is told it is taken and nothing is booked for him. Screenshots
of the phone and of the desk's week views go to /tmp/venues-shots/."""

import re
from pathlib import Path

import pytest

from linli.venues.models import Booking
from linli.venues.tests.helpers import at

SHOTS = Path("/tmp/venues-shots")


def _second_resident(world):
    from linli.core.tests.world import UserFactory
    from linli.tenancy.models import Membership
    from linli.tenancy.permissions import Role

    user = UserFactory(username="resident2", first_name="张三")
    Membership.objects.create(user=user, role=Role.RESIDENT, community=world.a)
    world.zhang.user = user
    world.zhang.save(update_fields=["user"])
    return user


@pytest.mark.django_db(transaction=True)
def test_a_resident_books_a_table_on_a_phone_and_the_second_is_refused(page_for, live_server, world):
    SHOTS.mkdir(exist_ok=True)
    _second_resident(world)
    table, day = world.venues.table, at(2, 0).date().isoformat()
    url = f"{live_server.url}/venues/things/{table.pk}/book/?day={day}&minutes=60"
    first, second = page_for("resident", width=390), page_for("resident2", width=390)
    for page in (first, second):
        page.goto(url)
    first.screenshot(path=str(SHOTS / "book-390.png"), full_page=True)
    first.click("button[data-slot='14:00']")
    first.wait_for_url(re.compile(r".*/venues/mine/$"))
    assert "预约成功" in first.content()
    first.screenshot(path=str(SHOTS / "mine-390.png"), full_page=True)
    second.click("button[data-slot='14:00']")
    error = second.locator("#booking-error")
    assert "已被预约" in error.inner_text()
    second.screenshot(path=str(SHOTS / "refused-390.png"), full_page=True)
    taken = Booking.objects.unscoped().filter(thing=table, starts_at=at(2, 14), status="confirmed")
    assert taken.count() == 1 and taken.get().booked_by.username == "resident"
    assert "14:00" not in [b.get_attribute("data-slot") for b in second.locator("button[data-slot]").all()]


@pytest.mark.django_db(transaction=True)
def test_the_week_views_at_desk_and_phone_widths(page_for, live_server, world):
    SHOTS.mkdir(exist_ok=True)
    week = at(1, 0).date().isoformat()
    for width in (1280, 390):
        page = page_for("worker", width=width)
        page.goto(f"{live_server.url}/venues/things/{world.venues.table.pk}/?week={week}")
        assert page.locator(".vw-item" if width == 1280 else ".d-md-none .list-group-item").count() >= 1
        page.screenshot(path=str(SHOTS / f"thing-week-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/venues/places/{world.venues.club.pk}/?week={week}")
        page.screenshot(path=str(SHOTS / f"venue-week-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/venues/")
        page.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)
        page.goto(f"{live_server.url}/venues/fitness/")
        page.screenshot(path=str(SHOTS / f"fitness-{width}.png"), full_page=True)
