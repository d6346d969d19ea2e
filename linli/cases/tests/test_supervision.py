"""Supervision: the secretary urges (催办), the street's supervisor supervises (督办); the handler
is told and sees the case marked and counted, the timeline keeps it (services/supervision.py,
views/supervision.py). Who may do which is granted in cases/module.py."""

import pytest
from django.test import Client

from linli.cases import services
from linli.cases.models import Notice
from linli.cases.tests.helpers import events_of, snapshot
from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.tenancy.models import Membership, Region
from linli.tenancy.permissions import Role


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_secretary_urges_twice_and_the_handler_sees_it_marked_and_counted(world):
    leak = world.cases.leak
    _client(world, "secretary").post(f"/cases/{leak.pk}/do/urge/", {"note": "居民又打电话来了"})
    _client(world, "secretary").post(f"/cases/{leak.pk}/do/urge/", {"note": ""})
    leak.refresh_from_db()
    assert leak.urge_count == 2 and events_of(leak)[-2:] == ["urged", "urged"]
    assert Notice.objects.unscoped().filter(case_id=leak.pk, kind="urged", user=world.user("property")).count() == 2
    inbox = _client(world, "property").get("/cases/?box=team").content.decode()
    assert "催办 ×2" in inbox
    page = _client(world, "property").get(f"/cases/{leak.pk}/").content.decode()
    assert "催办 ×2" in page and "居民又打电话来了" in page


@pytest.mark.parametrize("role", ["worker", "grid1", "property", "resident", "supervisor"])
def test_only_the_secretary_urges_and_a_refusal_changes_nothing(world, role):
    leak = world.cases.leak
    before = snapshot(leak)
    assert "urge" not in services.available_actions(scope_for(world.user(role)), leak)
    with pytest.raises(PermissionDeniedError):
        services.case_urge(actor=world.user(role), case=leak, note="快点")
    assert snapshot(leak) == before


def test_the_street_supervises_a_case_of_its_community_without_seeing_the_reporter(world):
    leak = world.cases.leak
    listed = _client(world, "supervisor").get("/cases/supervision/?box=open").content.decode()
    assert leak.title in listed and "仙湖社区" in listed
    page = _client(world, "supervisor").get(f"/cases/{leak.pk}/").content.decode()
    assert "/do/supervise/" in page and "/do/urge/" not in page and "138****5678" not in page
    _client(world, "supervisor").post(f"/cases/{leak.pk}/do/supervise/", {"note": "请三天内办结"})
    leak.refresh_from_db()
    assert leak.supervision_count == 1 and events_of(leak)[-1] == "supervised"
    told = set(Notice.objects.unscoped().filter(case_id=leak.pk, kind="supervised").values_list("user", flat=True))
    assert {world.user("property").pk, world.user("secretary").pk} <= told
    assert "督办 ×1" in _client(world, "property").get("/cases/?box=team").content.decode()


def test_a_supervisor_of_another_street_neither_sees_nor_supervises(world):
    other = world.user("outsider")
    Membership.objects.create(user=other, role=Role.SUPERVISOR, region=Region.objects.get(name="蔡洼街道"))
    leak = world.cases.leak
    before = snapshot(leak)
    client = Client()
    client.force_login(other)
    assert client.get(f"/cases/{leak.pk}/").status_code == 404
    assert client.post(f"/cases/{leak.pk}/do/supervise/", {"note": "x"}).status_code == 404
    assert snapshot(leak) == before


def test_community_staff_cannot_supervise(world):
    leak = world.cases.leak
    before = snapshot(leak)
    with pytest.raises(PermissionDeniedError):
        services.case_supervise(actor=world.user("secretary"), case=leak, note="")
    assert snapshot(leak) == before


def test_the_supervision_list_is_the_supervisors_only(world):
    for role in ("secretary", "property", "resident"):
        assert _client(world, role).get("/cases/supervision/").status_code == 404


def test_the_street_does_not_see_disputes_under_mediation(world):
    assert _client(world, "supervisor").get(f"/cases/{world.cases.mediation.pk}/").status_code == 404


def test_the_supervised_communities_survive_the_session_without_a_query(world):
    """The cases part is built by queries when first asked; kept in the session it comes back as
    the same sets, without running them again (core/scope_stamps.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from linli.cases.scope import cases_scope
    from linli.core.scoping import Scope, scope_for

    built = scope_for(world.user("supervisor"))
    expected = cases_scope(built).supervise_community_ids
    assert world.a.pk in expected
    kept = Scope.from_data(built.to_data())
    with CaptureQueriesContext(connection) as queries:
        assert cases_scope(kept).supervise_community_ids == expected
    assert len(queries) == 0
