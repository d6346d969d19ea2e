"""Coverage: households visited this cycle against those due, per grid and worker; overdue ones
sorted by how late; the lists' queries do not grow with their rows."""

import datetime as dt
import uuid

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.care import selectors, services
from linli.core.scoping import scope_for
from linli.people.services import (
    ResidentInput,
    household_add_member,
    household_create,
    resident_create,
    resident_set_tags,
)


def _household(world, n: int, dwelling):
    sec = world.user("secretary")
    r = resident_create(actor=sec, community=world.a, data=ResidentInput(name=f"居民{n}", dwelling_id=dwelling.pk))
    h = household_create(actor=sec, community=world.a, number=f"C{n}", dwelling_id=dwelling.pk)
    household_add_member(actor=sec, household=h, resident=r, relation="head")
    return h


def test_coverage_counts_this_cycle_and_overdue(world, today):
    # Grid 1 holds household A001 (visited by the world today); grid 2 one household never visited.
    _household(world, 1, world.dwelling2)
    result = selectors.coverage(scope=scope_for(world.user("secretary")), community_id=world.a.pk, today=today)
    by_grid = {g: {c.label: (c.visited, c.target) for c in counts} for g, counts in result.by_grid.items()}
    assert by_grid[world.grid1.pk]["全部住户 · 每年"] == (1, 1)
    assert by_grid[world.grid2.pk]["全部住户 · 每年"] == (0, 1)
    assert [d.number for d in result.overdue] == (["C1"] if today.timetuple().tm_yday > 1 else [])


def test_a_grid_worker_sees_only_his_grids(world, today):
    _household(world, 1, world.dwelling2)
    result = selectors.coverage(scope=scope_for(world.user("grid1")), community_id=world.a.pk, today=today)
    assert set(result.by_grid) == {world.grid1.pk} and result.overdue == []


def test_overdue_sorted_by_lateness(world, today):
    sec = world.user("secretary")
    for n, days in ((1, 30), (2, 20)):  # elders living alone: weekly, last seen 30 and 20 days ago
        household = _household(world, n, world.dwelling2)
        resident_set_tags(actor=sec, resident=household.members.get().resident, tag_ids=[world.plain_tag.pk])
        data = services.VisitInput(
            key=str(uuid.uuid4()), household_id=household.pk, visited_at=timezone.now() - dt.timedelta(days=days)
        )
        services.visit_record(actor=world.user("grid2"), community=world.a, data=data)
    result = selectors.coverage(scope=scope_for(world.user("grid2")), community_id=world.a.pk, today=today)
    assert [(d.number, d.late_days) for d in result.overdue] == [("C1", 23), ("C2", 13)]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_list_queries_do_not_grow_with_rows(world):
    client = Client()
    client.force_login(world.user("secretary"))
    urls = [
        "/care/visits/",
        "/care/coverage/",
        "/care/care/",
        "/care/escalations/",
        f"/api/v1/care/visits?community_id={world.a.pk}",
        f"/api/v1/care/contacts?community_id={world.a.pk}",
    ]
    for url in urls:
        client.get(url)
    before = {u: _queries(client, u) for u in urls}
    for n in range(5):
        h = _household(world, 10 + n, world.dwelling2)
        services.visit_record(
            actor=world.user("secretary"),
            community=world.a,
            data=services.VisitInput(
                key=str(uuid.uuid4()), household_id=h.pk, needs=[services.NeedInput(text="需要助餐服务")]
            ),
        )
        plan = services.care_plan_save(
            actor=world.user("secretary"),
            community=world.a,
            data=services.CarePlanInput(resident_id=h.members.get().resident_id, reason="独居老人"),
        )
        services.care_contact_log(actor=world.user("secretary"), plan=plan, kind="phone", reached=False)
    services.sweep_care_contacts()
    after = {u: _queries(client, u) for u in urls}
    assert after == before
    assert max(after.values()) <= 16
