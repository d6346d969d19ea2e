"""Query budgets on every list page and every API list (STYLE.md): as the secretary of the test
world, each list stays under its budget, and adding more rows of every kind does not add a query
(no N+1). The first request of a client warms the session and the caches; the counted ones follow."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from linli.core.models import ImportJob
from linli.core.tests.world import PNG, UserFactory, World, _member, _places
from linli.tenancy.permissions import Role

# name (or API path): the most queries it may take as the secretary, with a world of any size.
PAGES = {
    "people:resident_list": 14,
    "people:household_list": 12,
    "people:tag_list": 10,
    "places:compound_list": 10,
    "places:building_list": 12,
    "places:grid_list": 11,
    "staff:staff_list": 15,
    "imports:job_list": 10,
    "reports:region_overview": 13,
    "reports:community_figures": 21,
    "cases:inbox": 13,
    "cases:my_cases": 13,
    "cases:notices": 10,
    "cases:category_list": 12,
    "cases:building_options": 8,
    "deliberation:meeting_list": 11,
    "deliberation:notice_board": 10,
    "party:tree": 10,
    "party:report_ins": 13,
    "party:candidates": 12,
    "volunteering:volunteer_list": 13,
    "volunteering:record_list": 10,
    "volunteering:team_list": 11,
    "volunteering:project_list": 12,
    "volunteering:duty_list": 11,
    "volunteering:bank": 12,
    "volunteering:talents": 14,
    "volunteering:group_log": 11,
}
API_LISTS = {
    "/residents": 10,
    "/households": 10,
    "/compounds": 9,
    "/buildings": 9,
    "/grids": 10,
    "/cases": 12,
    "/party/orgs": 9,
    "/party/members": 9,
    "/party/report-ins": 10,
    "/volunteering/volunteers": 9,
    "/volunteering/records": 9,
    "/volunteering/projects": 10,
}
# Lists that still fetch a row's place one query per row, outside this test's apps. Each entry must
# still grow (the test says so once it is fixed, so that the entry goes).
KNOWN_N_PLUS_ONE: dict[str, str] = {}  # none left: a list named here must grow with its rows
# What each list shows of the added rows (add_rows below, suffix "Y").
PAGE_MARKERS = {
    "people:resident_list": "居民Y1",
    "people:household_list": "HY1",
    "people:tag_list": "标签Y",
    "places:compound_list": "仙湖花园Y",
    "places:building_list": "仙湖花园Y",
    "places:grid_list": "第2网格Y",
    "staff:staff_list": "gridY1",
    "imports:job_list": "登记表Y",
    "cases:inbox": "漏水Y1",
    "cases:category_list": "类别Y",
    "cases:building_options": "仙湖花园Y",
    "deliberation:meeting_list": "议事Y",
    "party:tree": "支部Y1",
    "party:report_ins": "党员Y1",
    "party:candidates": "居民Y1",
    "volunteering:volunteer_list": "居民Y1",
    "volunteering:record_list": "清扫Y1",
    "volunteering:team_list": "服务队Y",
    "volunteering:project_list": "项目Y1",
    "volunteering:duty_list": "值守Y1",
    "volunteering:bank": "奖品Y",
    "volunteering:talents": "居民Y1",
}
API_MARKERS = {
    "/residents": "居民Y1",
    "/households": "HY1",
    "/compounds": "仙湖花园Y",
    "/grids": "第2网格Y",
    "/cases": "漏水Y1",
    "/party/orgs": "支部Y1",
    "/party/members": "居民Y1",
    "/party/report-ins": "党员Y1",
    "/volunteering/volunteers": "居民Y1",
    "/volunteering/records": "清扫Y1",
    "/volunteering/projects": "项目Y1",
}
BY_COMMUNITY = set(API_LISTS) - {"/residents", "/households"}  # these take ?community_id=


# Lists whose default view would not show the added rows.
PAGE_QUERIES = {"cases:inbox": "?box=all", "volunteering:record_list": "?status=verified"}


def _page_url(name: str, world: World) -> str:
    kwargs = {"pk": world.a.pk} if name == "reports:community_figures" else {}
    return reverse(name, kwargs=kwargs) + PAGE_QUERIES.get(name, "")


def _api_url(path: str, world: World) -> str:
    query = f"?community_id={world.a.pk}" if path in BY_COMMUNITY else ""
    return f"/api/v1{path}{query}"


def _count(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        return len(queries), json.dumps(response.json(), ensure_ascii=False)
    return len(queries), response.content.decode()


def _counts(world: World, urls: dict[str, str]) -> dict[str, tuple[int, str]]:
    client = Client()
    client.force_login(world.user("secretary"))
    for url in urls.values():
        client.get(url)  # warm the session, the caches and the lazily built registries
    return {key: _count(client, url) for key, url in urls.items()}


def _more_places(world: World, suffix: str) -> tuple:
    compound, grid1, grid2, b1, b2, d1, d2 = _places(world.a, suffix)
    return compound, (grid1, grid2), (b1, b2), (d1, d2)


def _more_people(world: World, suffix: str, dwellings) -> list:
    from linli.people.models import Tag
    from linli.people.services import (
        ResidentInput,
        household_add_member,
        household_create,
        resident_create,
        resident_set_tags,
        talent_add,
    )

    sec = world.user("secretary")
    tag = Tag.objects.create(community=world.a, name=f"标签{suffix}")
    residents = []
    for i, dwelling in enumerate(dwellings):
        data = ResidentInput(name=f"居民{suffix}{i}", phone=f"1370000{i:04d}", dwelling_id=dwelling.pk)
        resident = resident_create(actor=sec, community=world.a, data=data)
        resident_set_tags(actor=sec, resident=resident, tag_ids=[tag.pk, world.plain_tag.pk])
        household = household_create(actor=sec, community=world.a, number=f"H{suffix}{i}", dwelling_id=dwelling.pk)
        household_add_member(actor=sec, household=household, resident=resident, relation="head")
        talent_add(actor=sec, resident=resident, skill="修理", note="")
        residents.append(resident)
    return residents


def _more_staff(world: World, suffix: str, grids) -> None:
    from linli.places.models import GridAssignment

    for i, grid in enumerate(grids):
        user = _member(UserFactory(username=f"grid{suffix}{i}"), Role.GRID_WORKER, world.a)
        GridAssignment.objects.create(community=world.a, grid=grid, user=user)
    worker = _member(UserFactory(username=f"worker{suffix}"), Role.WORKER, world.a)
    from linli.staff.certificates import certificate_add
    from linli.tenancy.models import Membership

    for i, kind in enumerate(("social_worker", "assistant")):  # the roster's certificates column and figure
        certificate_add(
            actor=world.user("secretary"), membership=Membership.objects.get(user=worker, community=world.a),
            kind=kind, number=f"2020{suffix}0000{i}", issued_on=dt.date(2020, 5, 1), valid_until=None,
        )  # fmt: skip
    ImportJob.objects.create(
        community=world.a, kind="people", file_name=f"登记表{suffix}.xlsx", checksum="1" * 64,
        created_by=world.user("secretary"), status=ImportJob.Status.DONE, header=["姓名"], mapping={"name": 0},
    )  # fmt: skip


def _more_cases(world: World, suffix: str, buildings) -> None:
    from linli.cases import services as cases
    from linli.cases.models import Category, Channel
    from linli.deliberation.models import Meeting

    sec, a = world.user("secretary"), world.a
    category = Category.objects.create(community=a, name=f"类别{suffix}", code=f"c{suffix}", sla_hours=24)
    for i, building in enumerate(buildings):
        photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")
        data = cases.CaseInput(category_id=world.cases.repair.pk, description=f"漏水{suffix}{i}",
                               building_id=building.pk, contact_phone="13812345678", files=[photo])  # fmt: skip
        case, _ = cases.case_file(actor=world.user("resident"), community=a, channel=Channel.SELF, data=data)
        cases.case_accept(actor=sec, case=case)
        data = cases.CaseInput(category_id=category.pk, description=f"卫生{suffix}{i}", building_id=building.pk)
        cases.case_file(actor=sec, community=a, channel=Channel.STAFF, data=data)
    Meeting.objects.create(
        community=a, compound=world.compound, topic=f"议事{suffix}", held_at=timezone.now() + dt.timedelta(days=4),
        place="党群服务站", created_by=sec,
    )  # fmt: skip


def _more_party(world: World, suffix: str, grids, residents) -> None:
    from linli.party.models import PartyCandidate, PartyMember, PartyOrg
    from linli.party.services import ReportInInput, report_in, report_in_confirm

    a, sec = world.a, world.user("secretary")
    parent = world.party_branch.parent
    for i, (grid, resident) in enumerate(zip(grids, residents, strict=False)):
        org = PartyOrg.objects.create(community=a, name=f"支部{suffix}{i}", level=PartyOrg.Level.BRANCH,
                                      parent=parent, grid=grid)  # fmt: skip
        PartyMember.objects.create(community=a, org=org, resident=resident, name=resident.name)
        PartyCandidate.objects.create(community=a, resident=resident, name=resident.name, source=f"导入{suffix}")
        data = ReportInInput(community_code=a.code, name=f"党员{suffix}{i}", workplace="区税务局",
                             own_org="区税务局机关党支部", commitment_hours=6)  # fmt: skip
        row = report_in(actor=UserFactory(username=f"member{suffix}{i}"), data=data)
        if i:
            report_in_confirm(actor=sec, row=row)


def _more_volunteering(world: World, suffix: str, residents) -> None:
    from linli.volunteering import services as v

    a, sec = world.a, world.user("secretary")
    start = (timezone.localtime() + dt.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    past = (timezone.localtime() - dt.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    team = v.team_save(actor=sec, community=a, name=f"服务队{suffix}", kind="志愿服务", leader_id=None)
    for i, resident in enumerate(residents):
        volunteer = v.volunteer_save(actor=sec, community=a, data=v.VolunteerInput(
            resident_id=resident.pk, skills="维修", kinds=["care"]))  # fmt: skip
        v.team_member_add(actor=sec, team=team, volunteer=volunteer)
        v.record_add(actor=sec, volunteer=volunteer, data=v.RecordInput(
            title=f"清扫{suffix}{i}", place="2栋", started_at=past, ended_at=past + dt.timedelta(hours=1),
            team_id=team.pk))  # fmt: skip
        project = v.project_save(actor=sec, community=a, data=v.ProjectInput(
            title=f"项目{suffix}{i}", need="上门", beneficiaries="老人", kind="care", skills="陪护", capacity=2,
            number=10 + i, compound_id=world.compound.pk))  # fmt: skip
        v.project_claim(actor=sec, project=project, volunteer=volunteer)
        duty = v.duty_save(actor=sec, community=a, data=v.DutyInput(
            title=f"值守{suffix}{i}", place="服务中心", compound_id=world.compound.pk, starts_at=start,
            ends_at=start + dt.timedelta(hours=2), skills="", slots=2))  # fmt: skip
        v.duty_signup(actor=sec, duty=duty, volunteer=volunteer)
    v.reward_save(actor=sec, community=a, name=f"奖品{suffix}", points=10)


def add_rows(world: World, suffix: str) -> None:
    """More rows of every kind a list shows, in community A, with their relations filled in."""
    compound, grids, buildings, dwellings = _more_places(world, suffix)
    residents = _more_people(world, suffix, dwellings)
    _more_staff(world, suffix, grids)
    _more_cases(world, suffix, buildings)
    _more_party(world, suffix, grids, residents)
    _more_volunteering(world, suffix, residents)


def _prime(world: World) -> None:
    """What costs one query for all rows once there is any: the staff page's timeline reads the names
    of the people its events mention (person_names) in one query. One such event before counting, so
    that the growth measures rows, not the first of a kind."""
    from linli.staff.certificates import certificate_add

    certificate_add(
        actor=world.user("secretary"), membership=world.membership("worker"), kind="assistant",
        number="2019000000001", issued_on=dt.date(2019, 5, 1), valid_until=None,
    )  # fmt: skip


def _grown(world: World, urls: dict[str, str]) -> tuple[dict[str, int], dict[str, int], dict[str, str]]:
    _prime(world)
    before = _counts(world, urls)
    add_rows(world, "X")
    add_rows(world, "Y")
    after = _counts(world, urls)
    return (
        {key: count for key, (count, _body) in before.items()},
        {key: count for key, (count, _body) in after.items()},
        {key: body for key, (_count, body) in after.items()},
    )


def _report(budgets: dict[str, int], before: dict[str, int], after: dict[str, int]) -> list[str]:
    wrong = []
    for key, budget in budgets.items():
        if key in KNOWN_N_PLUS_ONE:
            if after[key] == before[key]:
                wrong.append(f"{key}: no longer grows with the rows, take it out of KNOWN_N_PLUS_ONE")
        elif after[key] != before[key]:
            wrong.append(f"{key}: {before[key]} queries, {after[key]} with more rows")
        if before[key] > budget:
            wrong.append(f"{key}: {before[key]} queries, budget {budget}")
    return wrong


def _unlisted(markers: dict[str, str], bodies: dict[str, str]) -> list[str]:
    """The added rows must be on the list, or an equal count would prove nothing."""
    return [f"{key}: {marker} not listed" for key, marker in markers.items() if marker not in bodies[key]]


@pytest.mark.django_db
def test_list_pages_keep_their_budget_as_rows_grow(world):
    before, after, bodies = _grown(world, {name: _page_url(name, world) for name in PAGES})
    assert _report(PAGES, before, after) == []
    assert _unlisted(PAGE_MARKERS, bodies) == []


@pytest.mark.django_db
def test_api_lists_keep_their_budget_as_rows_grow(world):
    before, after, bodies = _grown(world, {path: _api_url(path, world) for path in API_LISTS})
    assert _report(API_LISTS, before, after) == []
    assert _unlisted(API_MARKERS, bodies) == []


# Lists only another persona sees (the budget as that persona): page name -> (role, query, budget, marker).
OTHER_PERSONA_PAGES = {"cases:supervision": ("supervisor", "?box=open", 12, "漏水Y1")}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(OTHER_PERSONA_PAGES))
def test_lists_of_other_personas_keep_their_budget_as_rows_grow(world, name):
    role, query, budget, marker = OTHER_PERSONA_PAGES[name]
    client = Client()
    client.force_login(world.user(role))
    url = reverse(name) + query
    client.get(url)  # warm
    before, _body = _count(client, url)
    add_rows(world, "X")
    add_rows(world, "Y")
    after, body = _count(client, url)
    assert (before, after) == (before, before) and before <= budget, (before, after, budget)
    assert marker in body


# Lists that are posted (what is typed may be a phone number, never put in an address).
POSTED = {"cases:caller_search": (9, {"caller_q": "居民"}, "居民Y1")}


@pytest.mark.django_db
def test_posted_lists_keep_their_budget_as_rows_grow(world):
    client = Client()
    client.force_login(world.user("secretary"))

    def count(name, data):
        client.post(reverse(name), data)  # warm
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse(name), data)
        assert response.status_code == 200, name
        return len(queries), response.content.decode()

    before = {name: count(name, data)[0] for name, (_budget, data, _marker) in POSTED.items()}
    add_rows(world, "X")
    add_rows(world, "Y")
    for name, (budget, data, marker) in POSTED.items():
        after, body = count(name, data)
        assert (before[name], marker in body) == (after, True) and after <= budget, (name, before[name], after)
