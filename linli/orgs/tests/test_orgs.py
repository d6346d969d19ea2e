"""Teams and organisations: staff build a team and its members (not twice), record incubation and
awards; residents ask to join and hear the outcome; refusals change nothing; other communities 404."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from linli.core.errors import DomainError, PermissionDeniedError
from linli.orgs import selectors, services
from linli.orgs.models import Award, JoinRequest, Member, Organisation, Stage, StageStep


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def _snapshot():
    return (
        Organisation.objects.unscoped().count(),
        Member.objects.unscoped().filter(left_on__isnull=True).count(),
        Award.objects.unscoped().count(),
        StageStep.objects.unscoped().count(),
        list(JoinRequest.objects.unscoped().values_list("status", flat=True)),
    )


def test_a_team_is_made_and_its_name_is_not_taken_twice(world):
    sec = world.user("secretary")
    org = services.org_save(
        actor=sec, community_id=world.a.pk, data=services.OrgInput(name=" 太极拳队 ", kind="sports", meets="周六上午")
    )
    assert org.name == "太极拳队" and org.stage == ""
    before = _snapshot()
    with pytest.raises(DomainError, match="已有名为“太极拳队”"):
        services.org_save(actor=sec, community_id=world.a.pk, data=services.OrgInput(name="太极拳队"))
    with pytest.raises(PermissionDeniedError):
        services.org_save(actor=world.user("resident"), community_id=world.a.pk, data=services.OrgInput(name="新队"))
    assert _snapshot() == before
    social = services.org_save(actor=sec, community_id=world.a.pk, data=services.OrgInput(name="互助社", kind="social"))
    assert social.stage == Stage.INTENT


def test_a_member_is_added_once_and_leaves_once(world):
    sec, choir = world.user("secretary"), world.orgs.choir
    member = services.member_add(actor=sec, org=choir, resident_id=world.wang.pk, introduced_by_id=world.zhang.pk)
    assert member.introduced_by_id == world.zhang.pk
    before = _snapshot()
    with pytest.raises(DomainError, match="王芳 已经是本队成员"):
        services.member_add(actor=sec, org=choir, resident_id=world.wang.pk)
    with pytest.raises(DomainError, match="没有找到这位居民"):  # a resident of community B
        services.member_add(actor=sec, org=choir, resident_id=world.outsider_resident.pk)
    with pytest.raises(DomainError, match="引荐人不能是本人"):
        services.member_add(
            actor=sec, org=world.orgs.incubated, resident_id=world.wang.pk, introduced_by_id=world.wang.pk
        )
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.member_add(
            actor=sec,
            org=world.orgs.incubated,
            resident_id=world.wang.pk,
            joined_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert _snapshot() == before
    services.member_leave(actor=sec, member=member)
    with pytest.raises(DomainError, match="已经退出"):
        services.member_leave(actor=sec, member=member)
    again = services.member_add(actor=sec, org=choir, resident_id=world.wang.pk)  # may rejoin after leaving
    assert again.pk != member.pk


def test_incubation_steps_and_awards(world):
    sec, org = world.user("secretary"), world.orgs.incubated
    before = _snapshot()
    with pytest.raises(DomainError, match="已经处于“孵化中”"):
        services.stage_record(actor=sec, org=org, stage=Stage.INCUBATING, on=timezone.localdate())
    with pytest.raises(DomainError, match="请填写奖项"):
        services.award_add(actor=sec, org=org, title="  ", level="district", on=timezone.localdate())
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.award_add(
            actor=sec, org=org, title="展演", level="district", on=timezone.localdate() + dt.timedelta(1)
        )
    assert _snapshot() == before
    services.stage_record(actor=sec, org=org, stage=Stage.HATCHED, on=timezone.localdate(), support="独立开展活动")
    org.refresh_from_db()
    assert org.stage == Stage.HATCHED
    services.award_add(actor=sec, org=org, title="区公益创投 优秀项目", level="district", on=timezone.localdate())
    page = selectors.org_page(actor=sec, org=org)
    assert [s.stage for s in page["steps"]] == [Stage.INCUBATING, Stage.HATCHED]
    assert page["awards"][0].title == "区公益创投 优秀项目"


def test_a_resident_asks_to_join_and_hears_the_outcome(world):
    from linli.messaging.models import Message

    choir, resident = world.orgs.choir, world.user("resident")
    before = _snapshot()
    with pytest.raises(DomainError, match="已经申请过了"):  # the world's request is pending
        services.join_ask(actor=resident, org=choir)
    with pytest.raises(PermissionDeniedError, match="关联"):  # staff without a resident record
        services.join_ask(actor=world.user("worker"), org=choir)
    with pytest.raises(DomainError, match="写明原因"):
        services.join_decide(actor=world.user("secretary"), request=world.orgs.request, accept=False)
    with pytest.raises(PermissionDeniedError):
        services.join_decide(actor=resident, request=world.orgs.request, accept=True)
    assert _snapshot() == before
    with pytest.raises(DomainError, match="暂不接受"):
        Organisation.objects.unscoped().filter(pk=world.orgs.incubated.pk).update(open_to_join=False)
        world.orgs.incubated.refresh_from_db()
        services.join_ask(actor=resident, org=world.orgs.incubated)
    with django_capture_on_commit():
        services.join_decide(actor=world.user("secretary"), request=world.orgs.request, accept=True)
    assert Member.objects.unscoped().filter(org=choir, resident=world.wang, left_on__isnull=True).exists()
    message = Message.objects.get(recipient=resident, kind="orgs_join_decided")
    assert message.context["org"] == "仙湖合唱团"
    with pytest.raises(DomainError, match="已经是这支队伍的成员"):
        services.join_ask(actor=resident, org=choir)


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_pages_for_staff_and_for_the_resident(world):
    choir = world.orgs.choir
    staff = _client(world, "secretary").get(reverse("orgs:detail", args=[choir.pk])).content.decode()
    assert "张三" in staff and "区合唱展演 二等奖" in staff and "待处理的加入申请" in staff and "我会唱歌" in staff
    mine = _client(world, "resident").get(reverse("orgs:detail", args=[choir.pk])).content.decode()
    assert "区合唱展演 二等奖" in mine and "张三" not in mine and "您的申请已提交" in mine
    listing = _client(world, "resident").get(reverse("orgs:list")).content.decode()
    assert "仙湖合唱团" in listing and "邻里互助社" in listing
    assert _client(world, "outsider").get(reverse("orgs:detail", args=[choir.pk])).status_code == 404
    assert "仙湖合唱团" not in _client(world, "outsider").get(reverse("orgs:list")).content.decode()


def test_bad_input_on_the_page_keeps_what_was_typed(world):
    client, choir = _client(world, "secretary"), world.orgs.choir
    before = _snapshot()
    response = client.post(reverse("orgs:award_add", args=[choir.pk]), {"title": "市合唱节 金奖", "level": "city"})
    page = response.content.decode()
    assert response.status_code == 200 and "市合唱节 金奖" in page and "这个字段是必填项" in page
    response = client.post(
        reverse("orgs:member_add", args=[choir.pk]),
        {"resident": world.zhang.pk, "role": "member", "joined_on": timezone.localdate().isoformat()},
    )
    assert "张三 已经是本队成员" in response.content.decode()
    response = client.post(reverse("orgs:create"), {"name": "仙湖合唱团", "kind": "culture", "intro": "新的简介"})
    assert "已有名为“仙湖合唱团”" in response.content.decode() and "新的简介" in response.content.decode()
    assert _snapshot() == before


def test_the_talent_pool_lists_residents_by_interest(world):
    client = _client(world, "secretary")
    page = client.get(reverse("orgs:detail", args=[world.orgs.choir.pk]) + "?skill=理发").content.decode()
    assert "王芳" in page and "邀请加入" in page
    assert (
        "邀请加入"
        not in _client(world, "resident")
        .get(reverse("orgs:detail", args=[world.orgs.choir.pk]) + "?skill=理发")
        .content.decode()
    )


def test_the_directory_and_team_page_have_query_budgets(world, django_assert_max_num_queries):
    sec = world.user("secretary")
    for i in range(15):
        org = services.org_save(actor=sec, community_id=world.a.pk, data=services.OrgInput(name=f"队伍{i}"))
        services.award_add(actor=sec, org=org, title="展演", level="street", on=timezone.localdate())
    for pk in (world.wang.pk,):
        services.member_add(actor=sec, org=world.orgs.choir, resident_id=pk)
    client = _client(world, "secretary")
    client.get(reverse("orgs:list"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("orgs:list")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("orgs:detail", args=[world.orgs.choir.pk])).status_code == 200
