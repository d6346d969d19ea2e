"""Urgency shortens the deadline (per category, configurable), puts the case first in every inbox
and tells the handler and the secretary at once; changing it later moves the deadline with it."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from linli.cases import services
from linli.cases.forms import CategoryForm
from linli.cases.models import Case, Category, Notice
from linli.cases.selectors import CaseFilters, case_inbox
from linli.cases.tests.helpers import events_of, file_case
from linli.core.errors import DomainError, PermissionDeniedError
from linli.tenancy.models import PartnerOrg


def _hours(case) -> float:
    return round((case.due_at - case.created_at).total_seconds() / 3600, 2)


@pytest.mark.parametrize(("urgency", "hours"), [("normal", 48), ("urgent", 24), ("critical", 2)])
def test_urgency_shortens_the_categorys_deadline(world, urgency, hours):
    case = file_case(world, "worker", category_id=world.cases.repair.pk, description="3栋电梯困人", urgency=urgency)
    assert _hours(case) == hours


def test_each_category_sets_its_own_urgent_times_never_longer_than_its_normal_time(world):
    Category.objects.in_community(world.a).filter(pk=world.cases.env.pk).update(
        sla_hours=12, urgent_hours=24, critical_hours=4
    )
    urgent = file_case(world, urgency="urgent")
    critical = file_case(world, urgency="critical", description="垃圾站起火冒烟了")
    assert _hours(urgent) == 12 and _hours(critical) == 4


def test_the_settings_form_refuses_urgent_times_longer_than_the_normal_one(world):
    category = world.cases.repair
    data = {
        "name": category.name, "code": category.code, "kind": category.kind, "handler": "partner",
        "handler_org": category.handler_org_id, "sla_hours": 48, "urgent_hours": 72, "critical_hours": 2,
        "order": 1, "active": "on",
    }  # fmt: skip
    form = CategoryForm(data, instance=category, orgs=PartnerOrg.objects.in_community(world.a))
    assert not form.is_valid() and "不能长于一般时限（48小时）" in form.errors["urgent_hours"][0]
    with pytest.raises(DomainError, match="特急诉求的时限不能长于紧急时限"):
        services.category_save(
            actor=world.user("secretary"),
            community=world.a,
            category=category,
            data={"sla_hours": 48, "urgent_hours": 24, "critical_hours": 30},
        )
    category.refresh_from_db()
    assert (category.urgent_hours, category.critical_hours) == (24, 2)


def test_the_secretary_sets_the_urgent_times_on_the_settings_page(world):
    client = Client()
    client.force_login(world.user("secretary"))
    category = world.cases.env
    page = client.get(f"/cases/settings/categories/{category.pk}/").content.decode()
    assert 'name="urgent_hours"' in page and 'name="critical_hours"' in page and 'name="safety"' in page
    data = {"name": category.name, "code": category.code, "kind": "ordinary", "handler": "staff",
            "sla_hours": 72, "urgent_hours": 12, "critical_hours": 1, "order": 5, "active": "on"}  # fmt: skip
    assert client.post(f"/cases/settings/categories/{category.pk}/", data).status_code == 302
    category.refresh_from_db()
    assert (category.urgent_hours, category.critical_hours) == (12, 1)
    assert "紧急 12 · 特急 1" in client.get("/cases/settings/").content.decode()


def test_an_urgent_case_is_told_at_once_to_the_handler_and_the_secretary(world):
    case = file_case(world, "worker", category_id=world.cases.repair.pk, description="3栋电梯困人", urgency="critical")
    for role in ("property", "secretary"):
        notice = Notice.objects.visible_to(world.user(role)).get(case=case, kind="urgency")
        assert notice.text.startswith("特急诉求：3栋电梯困人") and "2小时内" in notice.text
    assert not Notice.objects.visible_to(world.user("worker")).filter(case=case, kind="urgency").exists()


def test_a_normal_case_sends_no_urgent_notice(world):
    case = file_case(world, "worker", category_id=world.cases.repair.pk, description="楼道灯坏了")
    assert not Notice.objects.in_community(world.a).filter(case=case, kind="urgency").exists()


def test_every_inbox_puts_critical_then_urgent_first_then_the_nearest_deadline(world):
    repair = world.cases.repair.pk
    normal = file_case(world, category_id=repair, description="楼道灯坏了")
    urgent = file_case(world, category_id=repair, description="水管爆裂", urgency="urgent")
    critical = file_case(world, category_id=repair, description="电梯困人", urgency="critical")
    soon = file_case(world, category_id=repair, description="门禁坏了")
    Case.objects.in_community(world.a).filter(pk=soon.pk).update(due_at=timezone.now() + dt.timedelta(hours=1))
    Case.objects.in_community(world.a).filter(pk__in=[normal.pk, urgent.pk, critical.pk, soon.pk]).update(
        assignee=world.user("worker")
    )
    ours = [critical.pk, urgent.pk, soon.pk, normal.pk]
    for actor, box in (("worker", "mine"), ("property", "team"), ("secretary", "open")):
        filters = CaseFilters(community_id=world.a.pk, box=box)
        listed = [c.pk for c in case_inbox(actor=world.user(actor), filters=filters) if c.pk in ours]
        assert listed == ours, box


def test_raising_urgency_shortens_the_deadline_from_now_and_tells_the_handler(world):
    case = file_case(world, category_id=world.cases.repair.pk, description="电梯停在半层")
    services.case_set_urgency(actor=world.user("secretary"), case=case, urgency="critical", reason="现场核实有人被困")
    assert case.urgency == "critical" and case.due_at <= timezone.now() + dt.timedelta(hours=2)
    assert "urgency" in events_of(case)
    assert Notice.objects.visible_to(world.user("property")).filter(case=case, kind="urgency").exists()
    services.case_set_urgency(actor=world.user("secretary"), case=case, urgency="normal", reason="已救出，只剩维修")
    assert _hours(case) == 48


def test_a_refused_urgency_change_changes_nothing(world):
    case = file_case(world, category_id=world.cases.repair.pk, description="电梯停在半层")
    before = (case.urgency, case.due_at)
    with pytest.raises(PermissionDeniedError):
        services.case_set_urgency(actor=world.user("property"), case=case, urgency="critical", reason="有人被困")
    with pytest.raises(DomainError, match="原因"):
        services.case_set_urgency(actor=world.user("secretary"), case=case, urgency="critical", reason="")
    with pytest.raises(DomainError, match="只能是一般、紧急或特急"):
        services.case_set_urgency(actor=world.user("secretary"), case=case, urgency="asap", reason="有人被困")
    case.refresh_from_db()
    assert (case.urgency, case.due_at) == before and "urgency" not in events_of(case)


def test_the_case_page_offers_the_urgency_change_to_staff(world):
    client = Client()
    client.force_login(world.user("secretary"))
    case = world.cases.leak
    assert "调整紧急程度" in client.get(f"/cases/{case.pk}/").content.decode()
    response = client.post(f"/cases/{case.pk}/do/urgency/", {"urgency": "urgent", "reason": "漏到电箱了"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.urgency == "urgent"


def test_correcting_the_category_on_accepting_keeps_the_urgency(world):
    resident_case, _ = services.case_file(
        actor=world.user("resident"),
        community=world.a,
        channel="self",
        data=services.CaseInput(
            category_id=world.cases.env.pk, description="电梯困人了", building_id=world.building1.pk, urgency="critical"
        ),
    )
    services.case_accept(actor=world.user("secretary"), case=resident_case, category_id=world.cases.repair.pk)
    assert _hours(resident_case) == 2


def test_the_api_changes_the_urgency_as_the_console_does(world):
    client = Client()
    client.force_login(world.user("secretary"))
    case = world.cases.leak
    body = {"urgency": "critical", "reason": "漏到电箱了"}
    response = client.post(f"/api/v1/cases/{case.pk}/urgency", body, content_type="application/json")
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.urgency == "critical" and case.due_at <= timezone.now() + dt.timedelta(hours=2)
    refused = client.post(f"/api/v1/cases/{case.pk}/urgency", {"urgency": "critical"}, content_type="application/json")
    assert refused.status_code == 400


def test_a_case_filed_less_urgent_than_its_danger_words_is_flagged_on_its_page(world):
    case, _ = services.case_file(
        actor=world.user("resident"),
        community=world.a,
        channel="self",
        data=services.CaseInput(
            category_id=world.cases.env.pk, description="楼道里闻到很重的煤气味", building_id=world.building1.pk
        ),
    )
    client = Client()
    client.force_login(world.user("secretary"))
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "data-danger" in html and "煤气味" in html and "建议调为特急" in html
    assert '<option value="critical" selected>' in html
    calm = file_case(world, description="楼道灯坏了三天")
    assert "data-danger" not in client.get(f"/cases/{calm.pk}/").content.decode()
