"""Recording a visit: once per key, only in one's own grid, never in the future; needs become cases
(channel 网格员走访); registry changes wait for the worker's confirmation. Refusals change nothing."""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from linli.care import services
from linli.care.models import RegistryProposal, Visit, VisitNeed
from linli.cases.models import Case
from linli.core.errors import DomainError
from linli.people.models import Resident
from linli.people.services import resident_pii


def _data(world, **extra) -> services.VisitInput:
    return services.VisitInput(key=str(uuid.uuid4()), household_id=world.household.pk, **extra)


def _counts(world):
    return (
        Visit.objects.in_community(world.a).count(),
        VisitNeed.objects.in_community(world.a).count(),
        Case.objects.in_community(world.a).count(),
        RegistryProposal.objects.in_community(world.a).count(),
    )


def test_the_same_key_records_one_visit(world):
    data = _data(world, seen=[world.wang.pk])
    first, created = services.visit_record(actor=world.user("grid1"), community=world.a, data=data)
    again, created_again = services.visit_record(actor=world.user("grid1"), community=world.a, data=data)
    assert created and not created_again and first.pk == again.pk
    assert Visit.objects.in_community(world.a).filter(key=data.key).count() == 1


def test_a_retried_json_post_answers_the_first_visit(world):
    client = Client()
    client.force_login(world.user("grid1"))
    body = {"key": str(uuid.uuid4()), "household_id": world.household.pk, "findings": ["fine"]}
    first = client.post("/api/v1/care/visits", body, content_type="application/json")
    second = client.post("/api/v1/care/visits", body, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"] and second.json()["created"] is False


@pytest.mark.parametrize(
    ("actor", "extra", "field"),
    [
        ("grid2", {}, "household"),  # world.household is in grid 1
        ("grid1", {"visited_at": timezone.now() + dt.timedelta(hours=2)}, "visited_at"),
        ("grid1", {"findings": ["nonsense"]}, "findings"),
        ("grid1", {"outcome": "nobody", "seen": [1]}, "seen"),
        ("grid1", {"needs": [services.NeedInput(text="灯坏了呀", file_case=True, category_id=None)]}, "needs"),
        (
            "grid1",
            {"proposals": [services.ProposalInput(kind="phone", resident_id=0, phone="13600000000")]},
            "proposals",
        ),
    ],
)
def test_refused_visits_change_nothing(world, actor, extra, field):
    before = _counts(world)
    with pytest.raises(DomainError) as refused:
        services.visit_record(actor=world.user(actor), community=world.a, data=_data(world, **extra))
    assert refused.value.field == field
    assert _counts(world) == before


def test_a_need_filed_at_once_is_a_grid_visit_case(world):
    need = services.NeedInput(text="楼道扶手松动，老人上下楼危险", category_id=world.cases.env.pk, file_case=True)
    visit, _ = services.visit_record(actor=world.user("grid1"), community=world.a, data=_data(world, needs=[need]))
    row = visit.needs.get()
    case = Case.objects.in_community(world.a).get(pk=row.case_id)
    assert case.channel == "grid" and case.dwelling_id == world.dwelling1.pk and row.case_number == case.number


def test_one_tap_files_the_worlds_need_once(world):
    need = services.need_file_case(actor=world.user("grid1"), need=world.care.need, category_id=world.cases.env.pk)
    assert need.case_id
    with pytest.raises(DomainError):
        services.need_file_case(actor=world.user("grid1"), need=need, category_id=world.cases.env.pk)


def test_a_phone_change_is_applied_only_when_confirmed(world):
    def phone():
        return resident_pii(Resident.objects.in_community(world.a).get(pk=world.wang.pk), "phone")

    assert phone() == "13812345678"  # recorded on the visit, not yet applied
    applied = services.proposal_apply(actor=world.user("grid1"), proposal=world.care.proposal)
    assert phone() == "13612345678"
    assert applied.status == "applied" and applied.phone_enc == ""
    with pytest.raises(DomainError):
        services.proposal_dismiss(actor=world.user("grid1"), proposal=applied)


def test_a_newborn_joins_the_household(world, today):
    newborn = services.ProposalInput(
        kind="newborn", name="王小宝", gender="M", birth_date=today - dt.timedelta(days=20), relation="son"
    )
    visit, _ = services.visit_record(
        actor=world.user("grid1"), community=world.a, data=_data(world, proposals=[newborn])
    )
    applied = services.proposal_apply(actor=world.user("grid1"), proposal=visit.proposals.get())
    child = Resident.objects.in_community(world.a).get(pk=applied.result_resident_id)
    assert child.name == "王小宝" and child.dwelling_id == world.dwelling1.pk
    assert child.household_memberships.get().household_id == world.household.pk
