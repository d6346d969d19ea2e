"""Group work through the participation engine: members with a pre measure, a session's attendance
taken at the session, post measures and the closing evaluation; refusals change nothing."""

import datetime as dt

from django.utils import timezone

from linli.participation.selectors import figures
from linli.socialwork import services as s
from linli.socialwork.models import Group, GroupMember


def _group(world):
    today = timezone.localdate()
    return s.group_create(actor=world.user("worker"), community_id=world.a.pk, name="银龄读书会", aim="减轻孤独感",
                          start_date=today - dt.timedelta(days=7), end_date=today + dt.timedelta(days=60))  # fmt: skip


def test_a_group_session_takes_attendance_in_the_engine(world, sw):
    group = _group(world)
    member = s.group_member_add(actor=world.user("worker"), group=group, resident_id=world.wang.pk, pre_score=3)
    session = s.group_session_add(actor=world.user("worker"), group=group, topic="共读《活着》",
                                  starts_at=timezone.now() - dt.timedelta(minutes=30))  # fmt: skip
    s.group_attend(actor=world.user("worker"), session=session, member_id=member.pk)
    today = timezone.localdate()
    got = figures(
        [world.a.pk], since=today.replace(day=1), until=today + dt.timedelta(days=32), owner_type="socialwork.session"
    )
    assert got["by_offering"][session.offering_id] == {"times": 1, "people": 1}


def test_a_score_outside_the_scale_is_refused(world, sw, refused):
    group = _group(world)
    refused(lambda: s.group_member_add(actor=world.user("worker"), group=group, resident_id=world.wang.pk,
                                       pre_score=11), "0到10")  # fmt: skip


def test_closing_needs_every_members_post_measure(world, sw, refused):
    group = _group(world)
    s.group_member_add(actor=world.user("worker"), group=group, resident_id=world.wang.pk, pre_score=3)
    refused(lambda: s.group_close(actor=world.user("worker"), group=group, evaluation="组员互相熟悉了",
                                  post_scores={}), "后测")  # fmt: skip
    member = GroupMember.objects.in_community(world.a).get(group=group)
    closed = s.group_close(actor=world.user("worker"), group=group, evaluation="组员互相熟悉了",
                           post_scores={str(member.pk): "7"})  # fmt: skip
    assert (
        closed.status == Group.Status.CLOSED
        and GroupMember.objects.in_community(world.a).get(pk=member.pk).post_score == 7
    )


def test_only_the_groups_social_worker_runs_it(world, sw, refused):
    group = _group(world)
    refused(lambda: s.group_member_add(actor=world.user("secretary"), group=group, resident_id=world.wang.pk,
                                       pre_score=3), "带领本小组的社工")  # fmt: skip
