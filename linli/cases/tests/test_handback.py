"""The handling organisation sends a case back (退单) or asks for more time (申请延期), which the
community grants or refuses; the one table of steps refuses a step the case's status does not
offer (services/handback.py, services/steps.py). A refused step changes nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from linli.cases import selectors, services
from linli.cases.models import Case, Notice, Status
from linli.cases.tests.helpers import events_of, snapshot
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import scope_for


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def _leak(world) -> Case:
    """The resident's leak, routed to the property company, claimed by its staff (in progress)."""
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    return leak


def _later(days=5) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def test_the_property_company_sends_a_case_back_to_the_community_inbox(world):
    leak = _leak(world)
    response = _client(world, "property").post(f"/cases/{leak.pk}/do/send_back/", {"reason": "属于市政管网，不归物业"})
    assert response.status_code == 302 and response.url == "/cases/"
    leak.refresh_from_db()
    assert (leak.status, leak.handler_org_id, leak.assignee_id) == (Status.ACCEPTED, None, None)
    assert events_of(leak)[-1] == "sent_back"
    inbox = selectors.case_inbox(actor=world.user("worker"), filters=selectors.CaseFilters(world.a.pk, box="team"))
    assert leak.pk in {c.pk for c in inbox}
    assert Notice.objects.unscoped().filter(case_id=leak.pk, kind="sent_back", user=world.user("secretary")).exists()
    page = _client(world, "secretary").get(f"/cases/{leak.pk}/").content.decode()
    assert "退单" in page and "属于市政管网，不归物业" in page


def test_sending_back_needs_a_reason_and_the_handler_and_otherwise_changes_nothing(world):
    leak = _leak(world)
    before = snapshot(leak)
    with pytest.raises(DomainError, match="退单理由"):
        services.run_step(actor=world.user("property"), case=leak, name="send_back", data=services.StepInput())
    with pytest.raises(PermissionDeniedError):
        services.case_send_back(actor=world.user("hoa"), case=leak, reason="不是我们的事情")
    assert _client(world, "property").post(f"/cases/{leak.pk}/do/send_back/", {"reason": ""}).status_code == 302
    assert snapshot(leak) == before


def test_an_extension_changes_the_deadline_only_when_the_community_approves(world):
    leak = _leak(world)
    due, asked = leak.due_at, _later(7)
    form = {"due": timezone.localtime(asked).strftime("%Y-%m-%dT%H:%M"), "reason": "配件要从厂家订货"}
    _client(world, "property").post(f"/cases/{leak.pk}/do/extend/", form)
    leak.refresh_from_db()
    assert leak.due_at == due and leak.extension_due_at is not None
    assert "extend_approve" in services.available_actions(scope_for(world.user("worker")), leak)
    assert "extend_approve" not in services.available_actions(scope_for(world.user("grid1")), leak)
    _client(world, "worker").post(f"/cases/{leak.pk}/do/extend_approve/", {"note": ""})
    leak.refresh_from_db()
    assert leak.due_at == asked.replace(second=0, microsecond=0) and leak.extension_due_at is None
    assert events_of(leak)[-2:] == ["ext_requested", "ext_approved"]
    assert Notice.objects.unscoped().filter(case_id=leak.pk, kind="ext_approved", user=world.user("property")).exists()


def test_a_refused_extension_keeps_the_deadline_and_says_why(world):
    leak = _leak(world)
    due = leak.due_at
    services.case_extension_request(actor=world.user("property"), case=leak, due_at=_later(), reason="配件要订货")
    with pytest.raises(DomainError, match="不同意的理由"):
        services.case_extension_decide(actor=world.user("secretary"), case=leak, approve=False, note="")
    services.case_extension_decide(actor=world.user("secretary"), case=leak, approve=False, note="居民等不了这么久")
    leak.refresh_from_db()
    assert leak.due_at == due and leak.extension_due_at is None and events_of(leak)[-1] == "ext_refused"


@pytest.mark.parametrize(
    ("role", "due", "reason", "message"),
    [
        ("property", None, "配件要从厂家订货", "延长到的办理期限"),
        ("property", -1, "配件要从厂家订货", "晚于现在的期限"),
        ("property", 5, "", "延期理由"),
        ("hoa", 5, "配件要从厂家订货", "只有承办单位"),
    ],
)
def test_a_bad_extension_request_is_refused_and_changes_nothing(world, role, due, reason, message):
    leak = _leak(world)
    before = snapshot(leak)
    due_at = None if due is None else _later(due)
    with pytest.raises(DomainError, match=message):
        services.case_extension_request(actor=world.user(role), case=leak, due_at=due_at, reason=reason)
    assert snapshot(leak) == before


def test_a_second_extension_request_waits_for_the_first(world):
    leak = _leak(world)
    services.case_extension_request(actor=world.user("property"), case=leak, due_at=_later(), reason="配件要订货")
    before = snapshot(leak)
    assert "extend" not in services.available_actions(scope_for(world.user("property")), leak)
    with pytest.raises(ConflictError, match="等待社区审批"):
        services.case_extension_request(actor=world.user("property"), case=leak, due_at=_later(9), reason="再延一次")
    assert snapshot(leak) == before


def test_run_step_refuses_a_step_the_case_status_does_not_offer_and_changes_nothing(world):
    leak = world.cases.leak  # accepted and routed to the property company: not in progress
    services.case_resolve(actor=world.user("property"), case=leak, note="已经修好了楼道漏水")
    leak.refresh_from_db()
    before = snapshot(leak)
    # case_progress itself refuses only closed cases: the table's statuses (worked ones) must hold.
    steps = (
        ("progress", services.StepInput(note="又去看了一次")),
        ("send_back", services.StepInput(reason="不归我们管的事")),
    )
    for name, data in steps:
        with pytest.raises(ConflictError, match="不能进行这一步"):
            services.run_step(actor=world.user("property"), case=leak, name=name, data=data)
    assert snapshot(leak) == before


def test_the_case_page_offers_the_handler_send_back_and_extension(world):
    page = _client(world, "property").get(f"/cases/{_leak(world).pk}/").content.decode()
    assert "/do/send_back/" in page and "/do/extend/" in page
    staff = _client(world, "secretary").get(f"/cases/{world.cases.leak.pk}/").content.decode()
    assert "/do/send_back/" not in staff


def test_the_api_sends_back_and_asks_for_more_time_like_the_console(world):
    leak = _leak(world)
    client = _client(world, "property")
    asked = client.post(f"/api/v1/cases/{leak.pk}/extend", {"due_at": _later(6).isoformat(), "reason": "配件要订货"},
                        content_type="application/json")  # fmt: skip
    assert asked.status_code == 200, asked.content
    leak.refresh_from_db()
    assert leak.extension_due_at is not None
    back = client.post(
        f"/api/v1/cases/{leak.pk}/send_back", {"reason": "属于市政管网"}, content_type="application/json"
    )
    assert back.status_code == 200 and back.json()["status"] == "accepted", back.content
    leak.refresh_from_db()
    assert (leak.handler_org_id, leak.extension_due_at) == (None, None)
