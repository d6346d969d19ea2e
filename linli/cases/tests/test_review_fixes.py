"""Found in review of issue 13's merge: a grid worker naming another grid's resident as the caller,
an anonymous reporter's phone reached by the handling organisation, a zoneless time through the
API, extension requests outliving their handler, lowering the urgency taking back granted time."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from linli.cases import services
from linli.cases.models import Case, Channel
from linli.cases.tests.helpers import snapshot
from linli.core.errors import DomainError, PermissionDeniedError


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_grid_worker_cannot_name_a_resident_of_another_grid_as_the_caller(world):
    data = services.CaseInput(
        category_id=world.cases.repair.pk, description="楼道灯坏了", building_id=world.building1.pk,
        reporter_id=world.zhang.pk,
    )  # fmt: skip
    before = Case.objects.unscoped().count()
    with pytest.raises(DomainError, match="反映人"):
        services.case_file(actor=world.user("grid1"), community=world.a, channel=Channel.PHONE, data=data)
    assert Case.objects.unscoped().count() == before
    data.reporter_id = world.wang.pk  # his own grid's resident: taken, with her registered phone
    case, _ = services.case_file(actor=world.user("grid1"), community=world.a, channel=Channel.PHONE, data=data)
    assert case.reporter_id == world.wang.pk and case.contact_phone_enc


def test_an_anonymous_reporters_phone_stays_with_the_community(world):
    data = services.CaseInput(
        category_id=world.cases.repair.pk, description="楼上装修太吵", building_id=world.building1.pk,
        anonymous=True,
    )  # fmt: skip
    case, _ = services.case_file(actor=world.user("resident"), community=world.a, channel=Channel.SELF, data=data)
    assert not case.contact_phone_enc  # the registered phone is not copied onto an anonymous case
    services.case_accept(actor=world.user("secretary"), case=case)
    services.case_assign(actor=world.user("secretary"), case=case, handler_org_id=world.cases.leak.handler_org_id)
    case.refresh_from_db()
    before = snapshot(case)
    with pytest.raises(PermissionDeniedError):
        services.reveal_contact(actor=world.user("property"), case=case, reason="回访")
    response = _client(world, "property").post(f"/cases/{case.pk}/contact/", {"reason": "回访"})
    assert world.wang.name not in response.content.decode() or response.status_code in (302, 403, 404)
    assert snapshot(case) == before


def test_the_api_takes_a_deadline_without_its_zone_as_the_communitys_time(world):
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    later = (timezone.localtime() + dt.timedelta(days=9)).replace(tzinfo=None, microsecond=0)
    response = _client(world, "property").post(
        f"/api/v1/cases/{leak.pk}/extend", {"due_at": later.isoformat(), "reason": "配件要订货"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    leak.refresh_from_db()
    assert timezone.localtime(leak.extension_due_at).replace(tzinfo=None) == later


def _asked(world) -> Case:
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.run_step(
        actor=world.user("property"), case=leak, name="extend",
        data=services.StepInput(due_at=timezone.now() + dt.timedelta(days=9), reason="配件要订货"),
    )  # fmt: skip
    leak.refresh_from_db()
    assert leak.extension_due_at is not None
    return leak


def test_a_request_for_more_time_ends_with_the_assignment_it_was_made_under(world):
    leak = _asked(world)
    services.run_step(
        actor=world.user("property"), case=leak, name="resolve", data=services.StepInput(note="已更换水管接头")
    )
    leak.refresh_from_db()
    assert leak.extension_due_at is None


def test_lowering_the_urgency_keeps_the_time_an_extension_gave(world):
    leak = _asked(world)
    asked = leak.extension_due_at
    services.run_step(actor=world.user("secretary"), case=leak, name="extend_approve", data=services.StepInput())
    leak.refresh_from_db()
    assert leak.due_at == asked
    services.case_set_urgency(actor=world.user("secretary"), case=leak, urgency="urgent", reason="已经漏到楼下住户")
    leak.refresh_from_db()
    raised = leak.due_at
    services.case_set_urgency(actor=world.user("secretary"), case=leak, urgency="normal", reason="已经关阀止水了")
    leak.refresh_from_db()
    assert leak.due_at >= raised


def test_the_case_forms_rooms_come_in_the_buildings_order(world):
    """Found in the user walk: 1001 before 101 in the case form's room list."""
    from linli.places.models import Dwelling

    for room in ("1001", "102", "101"):
        Dwelling.objects.create(community=world.a, building=world.building1, unit=world.dwelling1.unit, room=room)
    url = reverse("cases:dwelling_options")
    page = _client(world, "secretary").get(url, {"building": world.building1.pk}).content.decode()
    positions = [page.index(f"{room}</option>") for room in ("101", "102", "301", "1001")]
    assert positions == sorted(positions), page


def test_a_residents_home_offers_his_cases_and_a_way_to_report(world):
    """Found in the user walk: the resident's home showed his volunteering only; his case waiting for
    his confirmation was three taps away."""
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.run_step(
        actor=world.user("property"), case=leak, name="resolve", data=services.StepInput(note="已更换水管接头")
    )
    home = _client(world, "resident").get("/", follow=True).content.decode()
    assert "我要反映" in home and "请确认办理结果" in home and leak.title in home
    staff_home = _client(world, "secretary").get("/").content.decode()
    assert "我的反映" not in staff_home  # staff have their boxes instead
