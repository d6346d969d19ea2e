"""A team's meeting times are its weekly venue bookings: booked from the team's page through venues'
series service (a clash refuses the whole and changes nothing, unless the clashing dates are
skipped), shown on the team's page to residents, and given by the API — member names only to staff."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from linli.core.errors import DomainError, PermissionDeniedError
from linli.orgs import services
from linli.orgs.models import Meeting
from linli.venues.models import Booking, Series


def _data(world, weekday, **changes):
    values = dict(thing_id=world.venues.table.pk, weekday=weekday, starts_time=dt.time(10),
                  ends_time=dt.time(11), weeks=3)  # fmt: skip
    values.update(changes)
    return services.MeetingInput(**values)


def _counts():
    return Series.objects.unscoped().count(), Booking.objects.unscoped().count(), Meeting.objects.unscoped().count()


def test_a_clash_with_a_booking_refuses_the_whole_and_changes_nothing(world):
    booked = timezone.localtime(world.venues.booking.starts_at).weekday()  # tomorrow 10:00, the world's booking
    before = _counts()
    dates = services.meeting_preview(actor=world.user("secretary"), org=world.orgs.choir, data=_data(world, booked))
    assert len(dates) == 3 and sum(1 for d in dates if d.problem) == 1
    assert _counts() == before  # the preview writes nothing
    with pytest.raises(DomainError, match="冲突"):
        services.meeting_book(actor=world.user("secretary"), org=world.orgs.choir, data=_data(world, booked))
    assert _counts() == before
    meeting = services.meeting_book(actor=world.user("secretary"), org=world.orgs.choir,
                                    data=_data(world, booked), skip_clashes=True)  # fmt: skip
    assert meeting.series.bookings.count() == 2 and _counts()[2] == before[2] + 1


def test_a_room_of_another_community_and_a_missing_weekday_are_refused(world):
    before = _counts()
    for data in (_data(world, 2, thing_id=999_999), _data(world, None)):
        with pytest.raises(services.OrgsError):
            services.meeting_book(actor=world.user("secretary"), org=world.orgs.choir, data=data)
    with pytest.raises(PermissionDeniedError):  # a resident may not book for the team
        services.meeting_book(actor=world.user("resident"), org=world.orgs.choir, data=_data(world, 2))
    assert _counts() == before


def test_the_team_page_and_the_api_show_the_booked_time(world, client):
    weekday = (timezone.localdate() + dt.timedelta(days=3)).weekday()
    services.meeting_book(actor=world.user("secretary"), org=world.orgs.choir, data=_data(world, weekday))
    client.force_login(world.user("resident"))
    page = client.get(reverse("orgs:detail", args=[world.orgs.choir.pk])).content.decode()
    assert "10:00–11:00" in page and "乒乓球台1" in page and "下次活动" in page
    listed = client.get(f"/api/v1/orgs/teams?community_id={world.a.pk}").json()
    choir = next(t for t in listed["items"] if t["id"] == world.orgs.choir.pk)
    assert choir["meetings"] and choir["members"] is None  # residents never get the names
    assert client.get(f"/api/v1/orgs/teams?community_id={world.b.pk}").status_code in (403, 404)
    client.force_login(world.user("secretary"))
    staff = client.get(f"/api/v1/orgs/teams/{world.orgs.choir.pk}").json()
    assert [m["name"] for m in staff["members"]] and staff["awards"][0]["title"] == "区合唱展演 二等奖"


def test_the_api_list_keeps_its_queries_flat(world, client, django_assert_max_num_queries):
    from linli.orgs.models import Organisation

    client.force_login(world.user("secretary"))
    url = f"/api/v1/orgs/teams?community_id={world.a.pk}"
    assert client.get(url).status_code == 200
    Organisation.objects.bulk_create([Organisation(community=world.a, name=f"队伍{i}") for i in range(20)])
    with django_assert_max_num_queries(14):
        assert len(client.get(url).json()["items"]) >= 22


def test_stopping_a_meeting_cancels_only_the_bookings_still_to_come(world, client):
    weekday = (timezone.localdate() + dt.timedelta(days=3)).weekday()
    meeting = services.meeting_book(actor=world.user("secretary"), org=world.orgs.choir, data=_data(world, weekday))
    first = Booking.objects.in_community(world.a).filter(series=meeting.series).order_by("starts_at").first()
    Booking.objects.in_community(world.a).filter(pk=first.pk).update(  # the first one is already past
        starts_at=timezone.now() - dt.timedelta(days=7, hours=2),
        ends_at=timezone.now() - dt.timedelta(days=7),
        blocks_until=timezone.now() - dt.timedelta(days=7),  # PostgreSQL's no-overlap constraint reads this
    )
    url = reverse("orgs:meeting_end", args=[world.orgs.choir.pk, meeting.pk])
    client.force_login(world.user("resident"))
    assert client.post(url).status_code == 404  # a resident may not; nothing changed
    assert Booking.objects.in_community(world.a).filter(series=meeting.series).filter(status="cancelled").count() == 0
    client.force_login(world.user("secretary"))
    response = client.post(url, {"reason": "排练厅装修"}, follow=True)
    assert "取消了以后的2次预约" in response.content.decode()
    statuses = dict(Booking.objects.in_community(world.a).filter(series=meeting.series).values_list("pk", "status"))
    assert statuses.pop(first.pk) != "cancelled" and set(statuses.values()) == {"cancelled"}
    page = client.get(reverse("orgs:detail", args=[world.orgs.choir.pk])).content.decode()
    assert 'id="meetings"' not in page  # the time left the team's page


def test_stopping_a_meeting_of_another_team_is_refused(world, client):
    weekday = (timezone.localdate() + dt.timedelta(days=3)).weekday()
    meeting = services.meeting_book(actor=world.user("secretary"), org=world.orgs.choir, data=_data(world, weekday))
    with pytest.raises(services.OrgsError, match="找不到这个固定活动时间"):
        services.meeting_end(actor=world.user("secretary"), org=world.orgs.incubated, meeting_id=meeting.pk)
    assert not Booking.objects.in_community(world.a).filter(series=meeting.series).filter(status="cancelled").exists()
