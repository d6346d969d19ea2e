"""The party organisation tree (社区党委 → 网格党支部 → 楼栋党小组 → 党员中心户) and its members."""

import pytest
from django.test import Client

from linli.core.errors import DomainError, PermissionDeniedError
from linli.party import services
from linli.party.models import PartyMember, PartyOrg


def test_the_four_levels_hang_in_order_and_tie_to_their_places(world):
    sec = world.user("secretary")
    branch = world.party_branch
    group = services.org_save(actor=sec, community=world.a, org=None, name="1栋党小组", level="group", parent=branch,
                              place_id=world.building1.pk, leader="陈建国")  # fmt: skip
    center = services.org_save(actor=sec, community=world.a, org=None, name="王芳家", level="center", parent=group,
                               place_id=world.household.pk)  # fmt: skip
    assert (group.building, center.household, center.parent.parent) == (world.building1, world.household, branch)
    with pytest.raises(DomainError, match="上级应是"):
        services.org_save(actor=sec, community=world.a, org=None, name="错挂", level="center", parent=branch)
    with pytest.raises(DomainError, match="只有一个"):
        services.org_save(actor=sec, community=world.a, org=None, name="第二个党委", level="committee", parent=None)
    with pytest.raises(DomainError, match="不在本社区"):
        services.org_save(actor=sec, community=world.a, org=None, name="外社区楼", level="group", parent=branch,
                          place_id=world.dwelling_b.building_id)  # fmt: skip
    with pytest.raises(DomainError, match="同名"):
        services.org_save(actor=sec, community=world.a, org=None, name="1栋党小组", level="group", parent=branch)


def test_members_are_residents_or_kept_by_name_and_move_out_with_their_dates(world, today):
    sec = world.user("secretary")
    outside = services.member_add(actor=sec, org=world.party_branch, name="周明（住在外区）", kind="probationary")
    assert outside.resident is None and outside.kind == "probationary"
    with pytest.raises(DomainError, match="已是本社区党员"):
        services.member_add(actor=sec, org=world.party_branch, resident_id=world.wang.pk)
    services.member_leave(actor=sec, member=world.party_member)
    assert PartyMember.objects.in_community(world.a).get(pk=world.party_member.pk).left_on == today
    again = services.member_add(actor=sec, org=world.party_branch, resident_id=world.wang.pk)  # back after leaving
    assert again.pk != world.party_member.pk
    with pytest.raises(DomainError, match="不能晚于今天"):
        services.member_add(
            actor=sec, org=world.party_branch, name="未来人", joined_on=today.replace(year=today.year + 1)
        )


def test_only_secretaries_change_it_and_only_staff_see_it(world):
    with pytest.raises(PermissionDeniedError):
        services.member_add(actor=world.user("worker"), org=world.party_branch, name="某某")
    for role, status in (("worker", 200), ("grid1", 404), ("property", 404), ("resident", 404), ("outsider", 404)):
        client = Client()
        client.force_login(world.user(role))
        assert client.get(f"/party/orgs/{world.party_branch.pk}/").status_code == status, role


def test_the_tree_page_and_adding_a_member_in_the_browser_form(world):
    client = Client()
    client.force_login(world.user("secretary"))
    page = client.get("/party/").content.decode()
    assert "仙湖社区党委" in page and "第1网格党支部" in page
    response = client.post(f"/party/orgs/{world.party_branch.pk}/members/", {"resident": "张三", "kind": "full"})
    assert response.status_code == 302
    assert PartyMember.objects.in_community(world.a).filter(resident=world.zhang, left_on__isnull=True).exists()
    form = client.post("/party/orgs/new/", {"level": "branch", "parent": PartyOrg.objects.in_community(world.a).get(
        level="committee").pk, "name": ""})  # fmt: skip
    assert "请填写组织名称" in form.content.decode()


def test_the_api_gives_the_tree_and_the_roll_to_those_who_may_see_them(world):
    client = Client()
    client.force_login(world.user("worker"))
    orgs = client.get(f"/api/v1/party/orgs?community_id={world.a.pk}").json()
    assert [(o["level"], o["member_count"]) for o in orgs] == [("committee", 0), ("branch", 1)]
    assert orgs[1]["parent_id"] == orgs[0]["id"] and orgs[1]["grid_id"] == world.grid1.pk
    roll = client.get(f"/api/v1/party/members?community_id={world.a.pk}&org_id={world.party_branch.pk}").json()
    assert [m["name"] for m in roll["items"]] == ["王芳"] and roll["items"][0]["resident_id"] == world.wang.pk
    grid = Client()
    grid.force_login(world.user("grid1"))
    assert grid.get(f"/api/v1/party/orgs?community_id={world.a.pk}").status_code == 404
