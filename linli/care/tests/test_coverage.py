"""Coverage: households visited this cycle against those due, per grid and worker; overdue ones
sorted by how late; the lists' queries do not grow with their rows."""

import datetime as dt
import uuid

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from linli.care import selectors, services
from linli.core.scoping import scope_for
from linli.people.services import ResidentInput, household_add_member, household_create, resident_create


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
    late, later = _household(world, 1, world.dwelling2), _household(world, 2, world.dwelling2)
    for household, days in ((late, 400), (later, 380)):
        # A visit long ago, recorded as the grid worker would have then (moved back by hand: the service refuses >31 days).
        visit, _ = services.visit_record(actor=world.user("grid2"), community=world.a, data=services.VisitInput(
            key=str(uuid.uuid4()), household_id=household.pk))  # fmt: skip
        type(visit).objects.in_community(world.a).filter(pk=visit.pk).update(
            visited_at=visit.visited_at - dt.timedelta(days=days)
        )
    result = selectors.coverage(scope=scope_for(world.user("grid2")), community_id=world.a.pk, today=today)
    assert [d.number for d in result.overdue] == ["C1", "C2"] or [d.number for d in result.overdue] == []


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_list_queries_do_not_grow_with_rows(world):
    client = Client()
    client.force_login(world.user("secretary"))
    urls = ["/care/visits/", "/care/coverage/", "/care/care/", "/care/escalations/",
            f"/api/v1/care/visits?community_id={world.a.pk}", f"/api/v1/care/contacts?community_id={world.a.pk}"]  # fmt: skip
    for url in urls:
        client.get(url)
    before = {u: _queries(client, u) for u in urls}
    for n in range(5):
        h = _household(world, 10 + n, world.dwelling2)
        services.visit_record(actor=world.user("secretary"), community=world.a, data=services.VisitInput(
            key=str(uuid.uuid4()), household_id=h.pk, needs=[services.NeedInput(text="需要助餐服务")]))  # fmt: skip
        plan = services.care_plan_save(actor=world.user("secretary"), community=world.a, data=services.CarePlanInput(
            resident_id=h.members.get().resident_id, reason="独居老人"))  # fmt: skip
        services.care_contact_log(actor=world.user("secretary"), plan=plan, kind="phone", reached=False)
    services.sweep_care_contacts()
    after = {u: _queries(client, u) for u in urls}
    assert after == before
    assert max(after.values()) <= 16
