"""Group hour logging (issue 13: picking a team ticked nobody; the leader ticked among 339 boxes):
picking a team ticks its members, listed first; a team's leader logs for his own team only."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from linli.core.tests.world import UserFactory
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role
from linli.volunteering.models import ServiceRecord, Volunteer

URL = "/volunteering/records/group/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ticked(body: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'value="(\d+)" id="v-\d+" data-teams="[\d ]*" checked', body)}


@pytest.fixture
def leader(world):
    """张三 leads the team 党员志愿服务站 (王芳 is its member); here he gets his account."""
    user = UserFactory(username="leader")
    Volunteer.objects.in_community(world.a).filter(pk=world.vol.zhang.pk).update(user=user)
    Membership.objects.create(user=user, role=Role.VOLUNTEER, community=world.a)
    return user


def _hours(world, **extra) -> dict:
    day = timezone.localdate() - dt.timedelta(days=2)
    return {"title": "周末环境整治", "day": day.isoformat(), "start": "09:00", "end": "11:00",
            "team": world.vol.team.pk, **extra}  # fmt: skip


def test_picking_a_team_ticks_its_members_and_lists_them_first(world):
    client = _client(world.user("worker"))
    body = client.get(f"{URL}?team={world.vol.team.pk}").content.decode()
    assert _ticked(body) == {world.vol.wang.pk, world.vol.zhang.pk}  # the member and the leader
    members, others = body.split("data-members-grid", 1)[1].split("data-others-grid", 1)
    assert "王芳" in members and "张三" in members and "赵敏" not in members and "赵敏" in others
    assert _ticked(client.get(URL).content.decode()) == set()  # no team: nobody


def test_the_pick_button_ticks_the_team_on_the_server_keeps_the_form_and_saves_nothing(world):
    client = _client(world.user("worker"))
    page = client.post(URL, {**_hours(world), "pick": "1", "volunteers": [world.vol.guest.pk]})
    body = page.content.decode()
    assert page.status_code == 200 and "周末环境整治" in body
    assert _ticked(body) == {world.vol.wang.pk, world.vol.zhang.pk}
    assert not ServiceRecord.objects.in_community(world.a).filter(title="周末环境整治").exists()


def test_a_leader_sees_only_his_team_ticked_and_logs_it_his_own_hours_waiting(world, leader):
    client = _client(leader)
    body = client.get(URL).content.decode()
    assert _ticked(body) == {world.vol.wang.pk, world.vol.zhang.pk} and "赵敏" not in body
    client.post(URL, _hours(world, volunteers=[world.vol.wang.pk, world.vol.zhang.pk]))
    rows = ServiceRecord.objects.in_community(world.a).filter(title="周末环境整治", team=world.vol.team)
    assert dict(rows.values_list("volunteer_id", "status")) == {
        world.vol.wang.pk: ServiceRecord.Status.VERIFIED,
        world.vol.zhang.pk: ServiceRecord.Status.PENDING,  # his own: someone else verifies it
    }


def test_a_leader_cannot_log_for_someone_outside_his_team_and_nothing_is_saved(world, leader):
    page = _client(leader).post(URL, _hours(world, volunteers=[world.vol.wang.pk, world.vol.guest.pk]))
    assert "队长只能为本队在册队员登记" in page.content.decode()
    assert not ServiceRecord.objects.in_community(world.a).filter(title="周末环境整治").exists()


def test_a_volunteer_who_leads_no_team_gets_404(world):
    assert _client(world.user("resident")).get(URL).status_code == 404
