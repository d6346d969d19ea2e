"""A meeting's status follows its date and its minutes (issue 13: a meeting set for 12-10 showed
已召开 once votes were entered on 12-02): nothing of what happened at it is entered before its
day, and it is held only once its minutes are in."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from linli.core.errors import DomainError
from linli.core.models import Event
from linli.deliberation import services
from linli.deliberation.models import Attendee, Meeting, Resolution


@pytest.fixture
def ahead(world):
    """The world's meeting, three days ahead, with five voters invited."""
    m = world.cases.meeting
    services.attendee_add(actor=world.user("secretary"), meeting=m, party="hoa", names="甲、乙、丙、丁、戊")
    return m


def _ids(world, m) -> list[int]:
    return list(Attendee.objects.in_community(world.a).filter(meeting=m).values_list("pk", flat=True))


def test_votes_before_the_meetings_day_are_refused_naming_the_day_and_save_nothing(world, ahead):
    before, day = Event.objects.count(), timezone.localtime(ahead.held_at).strftime("%Y-%m-%d")
    with pytest.raises(DomainError, match=f"会议定于{day}召开，表决结果要在会议当天或之后录入"):
        services.resolution_record(actor=world.user("secretary"), meeting=ahead, text="增设座椅十张",
                                   votes_for=5, votes_against=0, votes_abstain=0)  # fmt: skip
    assert not Resolution.objects.in_community(world.a).filter(meeting=ahead).exists()
    assert Meeting.objects.in_community(world.a).get(pk=ahead.pk).status == Meeting.Status.PLANNED
    assert Event.objects.count() == before


def test_attendance_and_minutes_before_the_day_are_refused_and_change_nothing(world, ahead):
    sec = world.user("secretary")
    with pytest.raises(DomainError, match="到会情况要在会议当天或之后登记"):
        services.attendance_record(actor=sec, meeting=ahead, present_ids=_ids(world, ahead))
    with pytest.raises(DomainError, match="会议纪要要在会议当天或之后填写"):
        services.minutes_save(actor=sec, meeting=ahead, minutes="提前写的纪要")
    stored = Meeting.objects.in_community(world.a).get(pk=ahead.pk)
    assert (stored.status, stored.minutes) == (Meeting.Status.PLANNED, "")
    assert not Attendee.objects.in_community(world.a).filter(meeting=ahead, present=True).exists()


def test_the_page_refuses_votes_posted_before_the_day_with_the_message(world, ahead):
    client = Client()
    client.force_login(world.user("secretary"))
    page = client.post(f"/meetings/{ahead.pk}/do/resolution/", {"text": "增设座椅十张", "votes_for": "5",
                       "votes_against": "0", "votes_abstain": "0"}, follow=True).content.decode()  # fmt: skip
    assert "表决结果要在会议当天或之后录入" in page and "筹备中" in page and "已召开" not in page
    assert not Resolution.objects.in_community(world.a).filter(meeting=ahead).exists()


def test_a_meeting_is_held_once_its_day_came_and_its_minutes_are_in(world, ahead):
    sec = world.user("secretary")
    Meeting.objects.in_community(world.a).filter(pk=ahead.pk).update(held_at=timezone.now() - dt.timedelta(hours=2))
    ahead.refresh_from_db()
    services.attendance_record(actor=sec, meeting=ahead, present_ids=_ids(world, ahead))
    ahead.refresh_from_db()
    assert (ahead.status, ahead.stage_label) == (Meeting.Status.PLANNED, "待录纪要")
    services.minutes_save(actor=sec, meeting=ahead, minutes="五方到会，充分协商。")
    assert services.resolution_record(actor=sec, meeting=ahead, text="增设座椅十张", votes_for=5,
                                      votes_against=0, votes_abstain=0).passed  # fmt: skip
    ahead.refresh_from_db()
    assert (ahead.status, ahead.stage_label) == (Meeting.Status.HELD, "已召开")


def test_a_meeting_with_a_record_cannot_be_moved_to_a_later_date(world, ahead):
    sec = world.user("secretary")
    Meeting.objects.in_community(world.a).filter(pk=ahead.pk).update(held_at=timezone.now() - dt.timedelta(hours=2))
    ahead.refresh_from_db()
    services.minutes_save(actor=sec, meeting=ahead, minutes="已开会。")
    data = services.MeetingInput(compound_id=world.compound.pk, topic=ahead.topic, place=ahead.place,
                                 held_at=timezone.now() + dt.timedelta(days=8))  # fmt: skip
    with pytest.raises(DomainError, match="不能把时间改到以后"):
        services.meeting_save(actor=sec, community=world.a, meeting=ahead, data=data)
    assert Meeting.objects.in_community(world.a).get(pk=ahead.pk).held_at < timezone.now()
