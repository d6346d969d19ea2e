"""A compound deliberation meeting (the "3+3" of 仙湖花园): agenda from a case, the parties invited
and present, votes under a quorum rule, follow-up tasks tracked as cases, the public notice."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from linli.cases.models import Case, Channel
from linli.core.errors import DomainError, PermissionDeniedError
from linli.deliberation import services
from linli.deliberation.models import Attendee, Meeting


@pytest.fixture
def meeting(world):
    """The world's meeting (three days ahead), moved to an hour ago: it has taken place."""
    m = world.cases.meeting
    m.held_at = timezone.now() - dt.timedelta(hours=1)
    m.save(update_fields=["held_at"])
    sec = world.user("secretary")
    services.agenda_add(actor=sec, meeting=m, title="", case_number=world.cases.joint.number)
    for party, names in (("party_branch", "陈书记、林委员、周委员"), ("hoa", "黄主任、吴委员"), ("property", "刘经理")):
        services.attendee_add(actor=sec, meeting=m, party=party, names=names)
    services.attendee_add(actor=sec, meeting=m, party="community", names="李社工", voting=False)
    return m


def _all_present(world, m):
    ids = list(Attendee.objects.in_community(world.a).filter(meeting=m).values_list("pk", flat=True))
    services.attendance_record(actor=world.user("worker"), meeting=m, present_ids=ids)


def test_a_meeting_from_agenda_to_public_notice(world, meeting):
    sec = world.user("secretary")
    assert meeting.items.get().case == world.cases.joint
    assert meeting.attendees.count() == 7
    _all_present(world, meeting)
    services.minutes_save(actor=sec, meeting=meeting, minutes="三方就雨棚占道问题充分讨论。")
    resolution = services.resolution_record(
        actor=sec, meeting=meeting, text="统一拆除占道雨棚，物业负责施工", votes_for=5, votes_against=1, votes_abstain=0
    )
    assert resolution.passed
    due = timezone.localdate() + dt.timedelta(days=7)
    follow = services.followup_add(
        actor=sec,
        resolution=resolution,
        category_id=world.cases.repair.pk,
        description="拆除2栋门前占道雨棚",
        handler_org_id=world.cases.property_org.pk,
        due=due,
    )
    task = follow.case
    assert task.channel == Channel.DELIBERATION and task.handler_org == world.cases.property_org
    assert timezone.localtime(task.due_at).date() == due
    # The task is a case: the property company sees it in its inbox.
    assert Case.objects.visible_to(world.user("property")).filter(pk=task.pk).exists()
    services.publish(actor=sec, meeting=meeting, notice="经小区议事会表决通过，现予公示。")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    with pytest.raises(DomainError, match="已公示"):
        services.minutes_save(actor=sec, meeting=meeting, minutes="改纪要")
    resident = Client()
    resident.force_login(world.user("resident"))
    board = resident.get("/meetings/notices/").content.decode()
    assert "统一拆除占道雨棚" in board and "赞成 5" in board
    assert resident.get(f"/meetings/{meeting.pk}/").status_code == 404  # minutes and names are for the parties


def test_votes_need_a_quorum_and_add_up(world, meeting):
    sec = world.user("secretary")
    with pytest.raises(DomainError, match="不足法定人数"):
        services.resolution_record(
            actor=sec, meeting=meeting, text="决议内容很长", votes_for=3, votes_against=0, votes_abstain=0
        )
    _all_present(world, meeting)  # 6 voters present (the social worker attends without a vote)
    with pytest.raises(DomainError, match="多于到会表决人数"):
        services.resolution_record(
            actor=sec, meeting=meeting, text="决议内容很长", votes_for=6, votes_against=1, votes_abstain=0
        )
    with pytest.raises(DomainError, match="负数"):
        services.resolution_record(
            actor=sec, meeting=meeting, text="决议内容很长", votes_for=-1, votes_against=0, votes_abstain=0
        )
    tie = services.resolution_record(
        actor=sec, meeting=meeting, text="增设充电桩", votes_for=3, votes_against=3, votes_abstain=0
    )
    assert not tie.passed  # half is not more than half
    with pytest.raises(DomainError, match="未通过"):
        services.followup_add(actor=sec, resolution=tie, category_id=world.cases.repair.pk, description="装充电桩")
    meeting.pass_percent = 67
    meeting.save()
    assert (
        services.resolution_record(
            actor=sec, meeting=meeting, text="两份三分之二", votes_for=4, votes_against=2, votes_abstain=0
        ).passed
        is False
    )
    assert services.passes(4, 6, 67) is False and services.passes(5, 6, 67) is True


def test_only_staff_manage_meetings(world, meeting):
    with pytest.raises(PermissionDeniedError):
        services.minutes_save(actor=world.user("property"), meeting=meeting, minutes="物业改纪要")
    client = Client()
    client.force_login(world.user("hoa"))
    assert "雨棚整治" in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert client.post(f"/meetings/{meeting.pk}/do/minutes/", {"minutes": "x"}).status_code == 404


def test_the_meeting_form_refuses_bad_input(world):
    client = Client()
    client.force_login(world.user("worker"))
    response = client.post(
        "/meetings/new/",
        {"compound": world.compound.pk, "topic": "停车", "held_at": "", "quorum": "6", "pass_percent": "50"},
    )
    assert response.status_code == 200 and "请填写会议时间" in response.content.decode()
    response = client.post(
        "/meetings/new/",
        {
            "compound": world.dwelling_b.building.compound_id,
            "topic": "停车",
            "held_at": "2026-12-01T19:00",
            "quorum": "6",
            "pass_percent": "50",
        },
    )
    assert "请选择本社区的小区" in response.content.decode()
    ok = client.post(
        "/meetings/new/",
        {
            "compound": world.compound.pk,
            "topic": "停车位划线",
            "held_at": "2026-12-01T19:00",
            "quorum": "6",
            "pass_percent": "50",
        },
    )
    assert ok.status_code == 302


def test_an_impossible_meeting_time_is_a_message_not_an_error(world):
    client = Client()
    client.force_login(world.user("worker"))
    response = client.post("/meetings/new/", {"compound": world.compound.pk, "topic": "停车", "quorum": "x",
                                             "held_at": "2026-02-31T19:00", "pass_percent": "50"})  # fmt: skip
    assert response.status_code == 200 and "请填写会议时间" in response.content.decode()
