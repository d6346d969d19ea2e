"""The session keeps a user's scope while nothing it is built from changes, and rebuilds it at once
when something does — by save, delete, queryset update, delete, bulk_create or bulk_update."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from linli.core.models import AccessStamp
from linli.core.scope_stamps import SESSION_KEY, stamp_of
from linli.core.scoping import Scope, scope_for
from linli.places.models import GridAssignment
from linli.places.scope import places_scope
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role

pytestmark = pytest.mark.django_db

SCOPE_TABLES = (
    "tenancy_membership",
    "places_gridassignment",
    "places_buildinghead",
    '"people_resident"."user_id" =',
    '"volunteering_volunteer"."user_id" =',
    "otp_totp_totpdevice",
)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _scope_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in SCOPE_TABLES)]


def test_the_second_page_builds_no_scope(world):
    client = _client(world.user("grid1"))
    assert _scope_queries(client, "/")  # the first request builds it (memberships, grids, …)
    assert _scope_queries(client, "/") == []
    assert _scope_queries(client, reverse("people:resident_list")) == []


def test_kept_scope_is_the_built_one(world):
    for role in ("secretary", "grid1", "building", "property", "resident", "supervisor", "admin"):
        user = world.user(role)
        built = scope_for(user)
        data = built.to_data()
        assert data is not None
        kept = Scope.from_data(data)
        assert places_scope(kept) == places_scope(built)
        assert kept.to_data() == data
        assert (kept.perms, kept.roles, kept.full_community_ids, kept.partner_org_ids) == (
            built.perms, built.roles, built.full_community_ids, built.partner_org_ids,
        )  # fmt: skip


def _community_page_status(client) -> int:
    return client.get(reverse("people:resident_list")).status_code


def test_a_membership_ended_by_queryset_update_ends_the_access_at_once(world):
    worker = world.user("worker")
    client = _client(worker)
    assert _community_page_status(client) == 200
    before = stamp_of(worker)
    Membership.objects.filter(user=worker).update(is_active=False)
    assert AccessStamp.objects.get(user=worker).token != before
    assert _community_page_status(client) != 200


def test_a_membership_deleted_or_saved_moves_the_stamp(world):
    worker = world.user("worker")
    client = _client(worker)
    assert _community_page_status(client) == 200
    membership = Membership.objects.get(user=worker)
    membership.is_active = False
    membership.save()
    assert _community_page_status(client) != 200
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    assert _community_page_status(client) == 200
    Membership.objects.filter(pk=membership.pk).delete()
    assert _community_page_status(client) != 200


def test_a_new_membership_by_bulk_create_is_seen_at_once(world):
    outsider = world.user("outsider")
    client = _client(outsider)
    client.get("/")
    assert str(world.a.pk) not in client.session[SESSION_KEY]["scope"]["roles"]
    Membership.objects.bulk_create([Membership(user=outsider, role=Role.WORKER, community=world.a)])
    client.get("/")
    assert str(world.a.pk) in client.session[SESSION_KEY]["scope"]["roles"]


def test_a_grid_handed_over_moves_both_workers(world):
    grid1, grid2 = world.user("grid1"), world.user("grid2")
    c1, c2 = _client(grid1), _client(grid2)
    c1.get("/"), c2.get("/")
    stamps = stamp_of(grid1), stamp_of(grid2)
    assignment = GridAssignment.objects.in_community(world.a).get(user=grid1)
    assignment.user = grid2
    assignment.save()
    c1.get("/"), c2.get("/")
    assert c1.session[SESSION_KEY]["scope"]["parts"]["places"]["ids"]["grid_ids"] == []
    handed = c2.session[SESSION_KEY]["scope"]["parts"]["places"]["ids"]["grid_ids"]
    assert sorted(handed) == sorted([world.grid1.pk, world.grid2.pk])
    fresh = [AccessStamp.objects.get(user=u).token for u in (grid1, grid2)]
    assert fresh[0] != stamps[0] and fresh[1] != stamps[1]


def test_a_resident_record_linked_by_update_is_seen(world):
    user = world.user("resident")
    client = _client(user)
    client.get("/")
    own = client.session[SESSION_KEY]["scope"]["parts"]["people"]["ids"]["resident_ids"]
    assert own == [world.wang.pk]
    world.wang.__class__.objects.in_community(world.a).filter(pk=world.wang.pk).update(user=None)
    client.get("/")
    assert client.session[SESSION_KEY]["scope"]["parts"]["people"]["ids"]["resident_ids"] == []


def test_a_write_that_changes_no_scope_field_leaves_the_stamp(world):
    worker = world.user("worker")
    _client(worker).get("/")
    before = AccessStamp.objects.get(user=worker).token  # the membership's creation made it
    Membership.objects.filter(user=worker).update(created_at=Membership.objects.get(user=worker).created_at)
    membership = Membership.objects.get(user=worker)
    membership.save(update_fields=["created_at"])
    assert AccessStamp.objects.get(user=worker).token == before


def test_a_confirmed_device_sends_the_kept_session_to_the_code_step(world):
    worker = world.user("worker")
    client = _client(worker)
    assert client.get("/").status_code == 200
    assert client.session[SESSION_KEY]["device"] is False
    TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("login_otp")


def test_a_bearer_api_request_keeps_nothing_in_a_session(world):
    """The API's token requests are judged by the token alone: nothing is read from or kept in a
    session for them (core/middleware.bearer_api_request)."""
    from linli.core.scope_stamps import ScopeSessionMiddleware

    seen = []
    middleware = ScopeSessionMiddleware(lambda request: seen.append(request) or "ok")

    class Request:
        path = "/api/v1/people/residents/"
        headers = {"Authorization": "Bearer x"}
        user = world.user("worker")
        session: dict = {}

    assert middleware(Request()) == "ok"
    assert Request.session == {}


def test_a_building_moved_to_another_compound_moves_its_heads_compounds(world):
    from linli.places.models import Compound

    head = world.user("building")
    client = _client(head)
    client.get("/")
    assert client.session[SESSION_KEY]["scope"]["parts"]["places"]["ids"]["building_compound_ids"] == [
        world.compound.pk
    ]
    other = Compound.objects.create(community=world.a, name="湖景豪庭")
    world.building1.compound = other
    world.building1.save()
    client.get("/")
    assert client.session[SESSION_KEY]["scope"]["parts"]["places"]["ids"]["building_compound_ids"] == [other.pk]


def test_a_new_community_under_the_street_reaches_its_supervisor_at_once(world):
    from linli.core.tests.world import CommunityFactory

    supervisor = world.user("supervisor")
    client = _client(supervisor)
    client.get("/")
    before = set(client.session[SESSION_KEY]["scope"]["supervised_community_ids"])
    added = CommunityFactory(code="gamma", street=world.a.street)
    client.get("/")
    assert set(client.session[SESSION_KEY]["scope"]["supervised_community_ids"]) == before | {added.pk}


def test_a_kept_part_whose_class_is_gone_is_built_afresh(world):
    built = scope_for(world.user("grid1"))
    data = built.to_data()
    data["parts"]["places"]["type"] = "linli.places.scope.RenamedInARelease"
    kept = Scope.from_data(data)
    assert places_scope(kept).grid_ids == set()  # the factory's empty part, not an error
    data["parts"]["places"]["type"] = "builtins.dict"
    assert places_scope(Scope.from_data(data)).grid_ids == set()


def test_a_session_kept_under_other_grants_is_rebuilt(world, monkeypatch):
    """A release that grants or takes back a permission in code changes the kept format."""
    from linli.core import scope_stamps

    client = _client(world.user("grid1"))
    client.get("/")
    kept = client.session[SESSION_KEY]["format"]
    scope_stamps._format.cache_clear()
    monkeypatch.setattr("linli.core.modules.role_grants", lambda: {"grid_worker": {"something_new"}})
    try:
        assert scope_stamps._format() != kept
    finally:
        scope_stamps._format.cache_clear()


def test_a_leader_who_left_leads_no_more(world):
    from linli.volunteering.models import Volunteer
    from linli.volunteering.scope import volunteer_scope

    team = world.vol.team
    leader = Volunteer.objects.in_community(world.a).get(pk=team.leader_id)
    user = world.user("grid2")
    Volunteer.objects.in_community(world.a).filter(pk=leader.pk).update(user=user)
    assert team.pk in volunteer_scope(scope_for(type(user).objects.get(pk=user.pk))).led_team_ids
    Volunteer.objects.in_community(world.a).filter(pk=leader.pk).update(status=Volunteer.Status.LEFT)
    assert team.pk not in volunteer_scope(scope_for(type(user).objects.get(pk=user.pk))).led_team_ids
