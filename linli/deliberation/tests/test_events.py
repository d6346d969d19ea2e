"""Every change of a meeting leaves an event row (deliberation/events.py), shown as the meeting's
timeline on its page; a refused change leaves neither a change nor a row."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from linli.cases.models import Channel
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.deliberation import services
from linli.deliberation.models import AgendaItem, Attendee, Meeting, Resolution


def _kinds(meeting) -> list[str]:
    rows = Event.objects.filter(subject_type="meeting", subject_id=meeting.pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def _input(world, **changes) -> services.MeetingInput:
    values = {"compound_id": world.compound.pk, "topic": "加装电梯", "held_at": timezone.now(), "place": "活动室"}
    return services.MeetingInput(**{**values, **changes})


def test_the_follow_up_channel_is_cases_deliberation_channel():
    assert services.CASE_CHANNEL == Channel.DELIBERATION


def test_saving_a_meeting_records_its_creation_and_each_real_edit(world):
    sec = world.user("secretary")
    data = _input(world)
    m = services.meeting_save(actor=sec, community=world.a, meeting=None, data=data)
    services.meeting_save(actor=sec, community=world.a, meeting=m, data=data)
    services.meeting_save(actor=sec, community=world.a, meeting=m, data=_input(world, held_at=data.held_at, quorum=7))
    assert _kinds(m) == ["meeting_created", "meeting_edited"]
    assert Event.objects.get(subject_id=m.pk, kind="meeting_edited").data["fields"] == ["quorum"]


def _taken_place(m):
    """The world's meeting is three days ahead; these tests record what happened at it."""
    m.held_at = timezone.now() - dt.timedelta(hours=1)
    m.save(update_fields=["held_at"])
    return m


def test_a_meeting_from_agenda_to_notice_leaves_its_timeline(world):
    sec, m = world.user("secretary"), _taken_place(world.cases.meeting)
    before = _kinds(m)
    services.agenda_add(actor=sec, meeting=m, title="", case_number=world.cases.joint.number)
    names = "陈书记、林委员、周委员、黄主任、吴委员"
    attendees = services.attendee_add(actor=sec, meeting=m, party="hoa", names=names)
    services.attendance_record(actor=sec, meeting=m, present_ids=[a.pk for a in attendees])
    services.minutes_save(actor=sec, meeting=m, minutes="充分讨论。")
    r = services.resolution_record(actor=sec, meeting=m, text="统一拆除雨棚", votes_for=5, votes_against=0,
                                   votes_abstain=0)  # fmt: skip
    follow = services.followup_add(actor=sec, resolution=r, category_id=world.cases.repair.pk, description="拆除雨棚")
    services.publish(actor=sec, meeting=m, notice="现予公示。")
    assert _kinds(m)[len(before) :] == [
        "agenda_added", "attendees_added", "attendance_recorded", "minutes_saved", "resolution_recorded",
        "followup_added", "published",
    ]  # fmt: skip
    assert Event.objects.get(subject_id=m.pk, kind="followup_added").data["note"] == follow.case.number
    client = Client()
    client.force_login(sec)
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert "公示了决议" in page and "派发了落实任务" in page and "陈书记、林委员" in page


def test_a_refused_change_changes_nothing_and_records_nothing(world):
    m, before = _taken_place(world.cases.meeting), Event.objects.count()
    with pytest.raises(PermissionDeniedError):
        services.agenda_add(actor=world.user("property"), meeting=m, title="越权")
    with pytest.raises(DomainError, match="找不到编号"):
        services.agenda_add(actor=world.user("secretary"), meeting=m, title="x", case_number="NOPE-1")
    with pytest.raises(PermissionDeniedError):
        services.meeting_save(actor=world.user("resident"), community=world.a, meeting=m, data=_input(world))
    with pytest.raises(DomainError, match="法定人数"):
        services.resolution_record(actor=world.user("secretary"), meeting=m, text="没人到会也表决", votes_for=0,
                                   votes_against=0, votes_abstain=0)  # fmt: skip
    assert not AgendaItem.objects.in_community(world.a).filter(meeting=m, title__in=["越权", "x"]).exists()
    assert not Resolution.objects.in_community(world.a).filter(meeting=m).exists()
    assert Meeting.objects.in_community(world.a).get(pk=m.pk).topic == m.topic
    assert Event.objects.count() == before


def test_a_published_meeting_refuses_new_attendees_and_records_nothing(world):
    sec, m = world.user("secretary"), world.cases.meeting
    Meeting.objects.in_community(world.a).filter(pk=m.pk).update(status=Meeting.Status.PUBLISHED)
    m.refresh_from_db()
    count, before = Attendee.objects.in_community(world.a).filter(meeting=m).count(), Event.objects.count()
    with pytest.raises(DomainError, match="已公示"):
        services.attendee_add(actor=sec, meeting=m, party="hoa", names="黄主任")
    assert Attendee.objects.in_community(world.a).filter(meeting=m).count() == count
    assert Event.objects.count() == before
