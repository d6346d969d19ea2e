"""Routing and claiming: the claim is for the handling organisation and atomic, a reassignment
needs a reason (services/routing.py)."""

import threading

import pytest
from django.db import connection

from linli.cases import services
from linli.cases.models import Case, CaseEvent, Status
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.tests.world import UserFactory
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role


def test_claiming_is_for_the_handling_organisation(world):
    leak = world.cases.leak
    with pytest.raises(PermissionDeniedError):
        services.case_claim(actor=world.user("hoa"), case=leak)
    services.case_claim(actor=world.user("property"), case=leak)
    other = UserFactory(username="property2")
    Membership.objects.create(user=other, role=Role.PROPERTY, community=world.a, partner_org=world.cases.property_org)
    with pytest.raises(ConflictError, match="已由"):
        services.case_claim(actor=other, case=Case.objects.in_community(world.a).get(pk=leak.pk))


@pytest.mark.django_db(transaction=True)
def test_two_handlers_claiming_at_once_one_gets_it():
    from linli.core.tests.world import build_world

    world = build_world()
    other = UserFactory(username="property2")
    Membership.objects.create(user=other, role=Role.PROPERTY, community=world.a, partner_org=world.cases.property_org)
    users = [world.user("property"), other]
    barrier = threading.Barrier(2)
    outcomes = []

    def claim(user):
        try:
            case = Case.objects.in_community(world.a).get(pk=world.cases.leak.pk)
            barrier.wait(timeout=10)
            services.case_claim(actor=user, case=case)
            outcomes.append(("ok", user.pk))
        except ConflictError as exc:
            outcomes.append(("taken", exc.message))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(o[0] for o in outcomes) == ["ok", "taken"], outcomes
    winner = next(o[1] for o in outcomes if o[0] == "ok")
    case = Case.objects.in_community(world.a).get(pk=world.cases.leak.pk)
    assert case.assignee_id == winner and case.status == Status.IN_PROGRESS
    assert CaseEvent.objects.in_community(world.a).filter(case=case, kind="claimed").count() == 1


def test_reassigning_needs_a_reason_and_names_the_new_handler(world):
    leak = world.cases.leak
    with pytest.raises(DomainError, match="改派原因"):
        services.case_assign(actor=world.user("secretary"), case=leak, handler_org_id=world.cases.hoa_org.pk)
    services.case_assign(
        actor=world.user("secretary"),
        case=leak,
        handler_org_id=world.cases.hoa_org.pk,
        reason="涉及公共维修基金，由业委会牵头",
    )
    leak.refresh_from_db()
    assert leak.handler_org == world.cases.hoa_org
    assert CaseEvent.objects.in_community(world.a).filter(case=leak, kind="reassigned").exists()
    with pytest.raises(DomainError, match="承办人不属于"):
        services.case_assign(
            actor=world.user("secretary"),
            case=leak,
            handler_org_id=world.cases.hoa_org.pk,
            assignee_id=world.user("property").pk,
            reason="指定到人",
        )
