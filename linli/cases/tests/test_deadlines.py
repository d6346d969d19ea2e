"""The deadline sweep: due soon warns the handler, overdue warns and escalates to the secretary,
each once; the overdue list is one click from the home page."""

import datetime as dt

from django.test import Client
from django.utils import timezone

from linli.cases import services
from linli.cases.models import Case, CaseEvent, Notice
from linli.cases.selectors import CaseFilters, case_inbox


def _shift(case, hours: float):
    """Pretend the case was filed `hours` ago (its deadline moves with it)."""
    delta = dt.timedelta(hours=hours)
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(
        created_at=case.created_at - delta, due_at=case.due_at - delta, warn_at=case.warn_at - delta
    )


def test_overdue_cases_are_escalated_once(world):
    leak = world.cases.leak  # 48 hours allowed, routed to the property company
    _shift(leak, 50)
    first = services.sweep_deadlines()
    assert first["overdue"] == 1
    leak.refresh_from_db()
    assert leak.overdue_at and leak.escalation == 1
    assert Notice.objects.visible_to(world.user("property")).filter(case=leak, kind="overdue").exists()
    assert Notice.objects.visible_to(world.user("secretary")).filter(case=leak, kind="overdue").exists()
    assert services.sweep_deadlines()["overdue"] == 0  # idempotent
    assert CaseEvent.objects.in_community(world.a).filter(case=leak, kind="overdue").count() == 1
    client = Client()
    client.force_login(world.user("property"))
    page = client.get(f"/cases/{leak.pk}/").content.decode()  # a step without a person: 系统
    assert "已超期" in page and "系统" in page


def test_due_soon_warns_the_handler_before_the_deadline(world):
    leak = world.cases.leak
    _shift(leak, 40)  # 8 of 48 hours left: within the last quarter
    counts = services.sweep_deadlines()
    assert counts == {"due_soon": 1, "overdue": 0}
    assert Notice.objects.visible_to(world.user("property")).filter(case=leak, kind="due_soon").exists()
    assert not Notice.objects.visible_to(world.user("secretary")).filter(case=leak, kind="due_soon").exists()
    assert services.sweep_deadlines()["due_soon"] == 0


def test_fresh_and_finished_cases_are_left_alone(world):
    assert services.sweep_deadlines() == {"due_soon": 0, "overdue": 0}
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_resolve(actor=world.user("property"), case=leak, note="已处理完毕")
    services.case_confirm(actor=world.user("resident"), case=leak, satisfaction=5)
    _shift(leak, 100)
    assert services.sweep_deadlines()["overdue"] == 0


def test_the_overdue_list_is_one_click_from_home(world):
    _shift(world.cases.leak, 50)
    client = Client()
    client.force_login(world.user("secretary"))
    home = client.get("/").content.decode()
    assert "/cases/?box=overdue" in home
    page = client.get("/cases/?box=overdue").content.decode()
    assert world.cases.leak.title in page
    overdue = case_inbox(actor=world.user("property"), filters=CaseFilters(community_id=world.a.pk, box="overdue"))
    assert [c.pk for c in overdue] == [world.cases.leak.pk]


def test_the_sweep_has_a_fixed_query_budget(world, django_assert_max_num_queries):
    for hours in (50, 60, 70):
        case, _ = services.case_file(
            actor=world.user("secretary"),
            community=world.a,
            channel="staff",
            data=services.CaseInput(
                category_id=world.cases.repair.pk, description=f"电梯故障{hours}", address_text="5栋"
            ),
        )
        _shift(case, hours)
    with django_assert_max_num_queries(12):
        assert services.sweep_deadlines(now=timezone.now())["overdue"] == 3
