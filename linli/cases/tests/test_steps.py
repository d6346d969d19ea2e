"""The one table of workflow steps (services/steps.py): what a case offers to whom, and a refused
step changes nothing, on the console and through the API alike: the case, its assignments and its
events are as they were."""

import pytest
from django.test import Client

from linli.cases import services
from linli.cases.models import Attachment, Case, CaseEvent, Channel, JointParty, Notice, Status
from linli.core.scoping import scope_for
from linli.tenancy.models import PartnerOrg


def _client(world, role="secretary"):
    client = Client()
    client.force_login(world.user(role))
    return client


def _new_repair(world) -> Case:
    """A resident's repair case, not yet accepted; its category routes to the property company."""
    case, _ = services.case_file(
        actor=world.user("resident"),
        community=world.a,
        channel=Channel.SELF,
        data=services.CaseInput(
            category_id=world.cases.repair.pk, description="5栋电梯经常停在半层", building_id=world.building1.pk
        ),
    )
    return case


def _snapshot(case: Case) -> tuple:
    row = Case.objects.unscoped().filter(pk=case.pk).values().get()
    row.pop("updated_at")
    events = list(CaseEvent.objects.unscoped().filter(case_id=case.pk).values_list("kind", "note"))
    counts = [m.objects.unscoped().filter(case_id=case.pk).count() for m in (Notice, JointParty, Attachment)]
    return row, events, counts


def _foreign_org(world) -> PartnerOrg:
    return PartnerOrg.objects.create(community=world.b, name="新源物业", kind=PartnerOrg.Kind.PROPERTY)


def test_console_routing_a_new_case_to_another_communitys_partner_changes_nothing(world):
    case = _new_repair(world)
    before = _snapshot(case)
    response = _client(world).post(f"/cases/{case.pk}/do/assign/", {"target": f"org:{_foreign_org(world).pk}"})
    assert response.status_code == 302
    assert _snapshot(case) == before
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.handler_org_id is None


def test_api_routing_a_new_case_to_another_communitys_partner_changes_nothing(world):
    case = _new_repair(world)
    before = _snapshot(case)
    response = _client(world).post(
        f"/api/v1/cases/{case.pk}/assign", {"handler_org_id": _foreign_org(world).pk}, content_type="application/json"
    )
    assert response.status_code in (400, 409)
    assert _snapshot(case) == before


# (step, who, which case, the console's form, the API's body): each one refused.
REFUSALS = [
    ("accept", "resident", "new", {}, {}),
    ("reject", "secretary", "new", {"reason": "不"}, {"reason": "不"}),
    ("assign", "secretary", "leak", {"target": "team"}, {}),  # a reassignment without a reason
    ("claim", "resident", "leak", {}, {}),
    ("progress", "property", "leak", {"note": " "}, {"note": " "}),
    ("resolve", "property", "leak", {"note": "好"}, {"note": "好"}),
    ("confirm", "resident", "leak", {"satisfaction": "5"}, {"satisfaction": 5}),
    ("reopen", "resident", "leak", {"reason": "还是在漏水，没有修好"}, {"reason": "还是在漏水，没有修好"}),
    ("close", "secretary", "leak", {"note": "已经现场核实处理完毕"}, {"note": "已经现场核实处理完毕"}),
    ("escalate", "property", "leak", {"reason": ""}, {"reason": ""}),
    ("comment", "resident", "leak", {"note": ""}, {"note": ""}),
    ("merge", "secretary", "leak", {"into": "1999000001"}, None),
    ("joint", "secretary", "leak", {"org": [1]}, None),
]


def _case(world, which: str) -> Case:
    return _new_repair(world) if which == "new" else world.cases.leak


@pytest.mark.parametrize(("step", "role", "which", "form", "body"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refused_step_on_the_console_changes_nothing(world, step, role, which, form, body):
    case = _case(world, which)
    before = _snapshot(case)
    response = _client(world, role).post(f"/cases/{case.pk}/do/{step}/", form)
    assert response.status_code == 302
    assert _snapshot(case) == before


API_REFUSALS = [r for r in REFUSALS if r[4] is not None]  # merge and joint are the console's only


@pytest.mark.parametrize(("step", "role", "which", "form", "body"), API_REFUSALS, ids=[r[0] for r in API_REFUSALS])
def test_a_refused_step_through_the_api_changes_nothing(world, step, role, which, form, body):
    case = _case(world, which)
    before = _snapshot(case)
    response = _client(world, role).post(f"/api/v1/cases/{case.pk}/{step}", body, content_type="application/json")
    assert response.status_code in (400, 403, 409), response.content
    assert _snapshot(case) == before


def test_the_console_says_why_a_step_was_refused(world):
    response = _client(world).post(
        f"/cases/{_new_repair(world).pk}/do/assign/", {"target": f"org:{_foreign_org(world).pk}"}, follow=True
    )
    assert "所选承办单位不是本社区的合作单位" in response.content.decode()


def test_a_new_case_offers_acceptance_to_staff_and_nothing_to_a_partner(world):
    case = _new_repair(world)
    staff = services.available_actions(scope_for(world.user("secretary")), case)
    assert {"accept", "reject", "assign", "merge", "comment"} <= staff and "claim" not in staff
    assert services.available_actions(scope_for(world.user("hoa")), case) == frozenset()
    assert services.available_actions(scope_for(world.user("resident")), case) == {"comment"}


def test_a_routed_case_offers_the_partner_its_claim_and_a_colleague(world):
    actions = services.available_actions(scope_for(world.user("property")), world.cases.leak)
    assert {"claim", "assign", "progress", "resolve", "escalate", "comment"} <= actions
    assert not actions & {"accept", "reject", "merge", "joint", "close"}


def test_every_step_of_the_api_is_a_step_of_the_console():
    assert set(services.STEPS) >= {"accept", "reject", "assign", "claim", "progress", "resolve", "confirm",
                                   "reopen", "close", "escalate", "comment", "merge", "joint"}  # fmt: skip
    assert {n for n, s in services.STEPS.items() if not s.api} == {"merge", "joint"}


def test_routing_a_new_case_accepts_and_routes_it_on_both_paths(world):
    """One table of steps: the API routes a new case as the console always did (accepted, then
    assigned, in one transaction) — it used to answer 409 for a case not yet accepted."""
    org = PartnerOrg.objects.in_community(world.a).filter(kind=PartnerOrg.Kind.PROPERTY).first()
    by_api = _new_repair(world)
    response = _client(world).post(
        f"/api/v1/cases/{by_api.pk}/assign", {"handler_org_id": org.pk}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    by_console = _new_repair(world)
    _client(world).post(f"/cases/{by_console.pk}/do/assign/", {"target": f"org:{org.pk}"})
    for case in (by_api, by_console):
        case.refresh_from_db()
        assert (case.status, case.handler_org_id) == (Status.ASSIGNED, org.pk)
        kinds = list(CaseEvent.objects.unscoped().filter(case_id=case.pk).values_list("kind", flat=True))
        assert "accepted" in kinds or "accept" in kinds, kinds


def test_routing_a_new_case_elsewhere_than_its_default_handler_needs_no_reason(world):
    """Found by a user walk: 派单 of a new repair case to a grid worker was refused for want of a
    reassignment reason (the case had first gone to its category's default handler)."""
    case = _new_repair(world)
    grid1 = world.user("grid1")
    response = _client(world, "worker").post(f"/cases/{case.pk}/do/assign/", {"target": f"user:{grid1.pk}"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.handler_org_id, case.assignee_id) == (Status.ASSIGNED, None, grid1.pk)
    kinds = list(CaseEvent.objects.unscoped().filter(case_id=case.pk).values_list("kind", flat=True))
    assert kinds.count("assigned") == 1 and "reassigned" not in kinds, kinds


def test_routing_a_new_case_to_its_default_handler_says_so_once(world):
    case = _new_repair(world)
    org = case.category.handler_org
    _client(world, "worker").post(f"/cases/{case.pk}/do/assign/", {"target": f"org:{org.pk}"})
    case.refresh_from_db()
    assert (case.status, case.handler_org_id) == (Status.ASSIGNED, org.pk)
    kinds = list(CaseEvent.objects.unscoped().filter(case_id=case.pk).values_list("kind", flat=True))
    assert kinds.count("assigned") == 1, kinds
    assert Notice.objects.unscoped().filter(case_id=case.pk).count() <= len(
        set(Notice.objects.unscoped().filter(case_id=case.pk).values_list("user_id", flat=True))
    )  # each handler told once
