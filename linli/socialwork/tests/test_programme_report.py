"""A programme's report from its linked records: a group put in the programme by its social worker
counts its members, sessions and attendance; people served are distinct residents across cases,
care plans, groups and events (王芳 is in all four and counts once); a walk-in off the register
cannot be matched and is said so in the footnote."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from linli.participation.services import walk_in
from linli.socialwork import services as s
from linli.socialwork.models import Group
from linli.socialwork.programme_report import programme_report


def _report(world, sw):
    return programme_report(actor=world.user("secretary"), programme=sw.programme)


def _minutes_ago(n: int) -> dt.datetime:
    """n minutes ago, but never before today's local midnight (the group starts today)."""
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0)))
    return max(timezone.now() - dt.timedelta(minutes=n), midnight)


def test_a_resident_in_every_source_is_served_once(world, sw):
    before = _report(world, sw)
    assert before["served"] == 1 and before["groups"]["groups"] == 0  # 王芳: her case and her care plan

    worker = world.user("worker")
    s.group_link_programme(actor=worker, group=sw.group, programme_id=sw.programme.pk)
    session = s.group_session_add(actor=worker, group=sw.group, topic="共读",
                                  starts_at=_minutes_ago(20))  # fmt: skip
    member = sw.group.members.get()
    s.group_attend(actor=worker, session=session, member_id=member.pk)
    s.programme_link(actor=world.user("secretary"), programme=sw.programme, kind="event", ref_id=world.activity.pk)
    walk_in(actor=world.user("secretary"), offering=world.activity.offering, resident=world.wang)

    got = _report(world, sw)
    assert got["groups"] == {"groups": 1, "names": ["银龄读书会"], "members": 1, "sessions": 1, "times": 1}
    assert got["events"]["times"] == 1 and got["events"]["people"] == 1 and got["events"]["anonymous"] == 0
    assert got["served"] == 1 and got["actual"]["people"] == 1  # 王芳 in four sources, once
    assert got["actual"]["person_times"] == before["actual"]["person_times"] + 2  # her group session, her event


def test_a_walk_in_off_the_register_counts_once_and_the_footnote_says_so(world, sw):
    s.programme_link(actor=world.user("secretary"), programme=sw.programme, kind="event", ref_id=world.activity.pk)
    walk_in(actor=world.user("secretary"), offering=world.activity.offering, name="过路的李阿姨")
    got = _report(world, sw)
    assert got["events"]["anonymous"] == 1 and got["served"] == 2
    client = Client()
    client.force_login(world.user("secretary"))
    body = client.get(f"/socialwork/programmes/{sw.programme.pk}/").content.decode()
    assert "只计一人" in body and "另有 1 人次现场参与者未在居民登记中" in body
    assert "小组" in body and "李阿姨" not in body


def test_only_the_groups_social_worker_puts_it_in_a_programme(world, sw, refused):
    refused(lambda: s.group_link_programme(actor=world.user("secretary"), group=sw.group,
                                           programme_id=sw.programme.pk), "带领本小组的社工")  # fmt: skip
    refused(lambda: s.group_link_programme(actor=world.user("worker"), group=sw.group, programme_id=999999),
            "找不到这个服务项目")  # fmt: skip


def test_the_group_page_puts_the_group_in_a_programme_and_lists_it_there(world, sw):
    client = Client()
    client.force_login(world.user("worker"))
    page = client.get(f"/socialwork/groups/{sw.group.pk}/").content.decode()
    assert 'name="programme"' in page and "独居不孤独" in page
    response = client.post(f"/socialwork/groups/{sw.group.pk}/programme/", {"programme": sw.programme.pk})
    assert response.status_code == 302
    assert Group.objects.in_community(world.a).get(pk=sw.group.pk).programme_id == sw.programme.pk
    client.force_login(world.user("secretary"))
    body = client.get(f"/socialwork/programmes/{sw.programme.pk}/").content.decode()
    assert "银龄读书会" in body


def test_the_case_page_puts_the_case_in_a_programme(world, sw):
    client = Client()
    client.force_login(world.user("worker"))
    assert client.post(f"/socialwork/cases/{sw.case.pk}/programme/", {"programme": ""}).status_code == 302
    assert _report(world, sw)["cases"]["cases"] == 0
    client.post(f"/socialwork/cases/{sw.case.pk}/programme/", {"programme": sw.programme.pk})
    assert _report(world, sw)["cases"]["cases"] == 1
