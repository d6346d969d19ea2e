"""The reporter's phone: revealed to the handler with a reason, logged (services/contact.py)."""

import pytest

from linli.cases import services
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import AccessLog


def test_the_handler_reveals_the_reporters_phone_with_a_reason_and_it_is_logged(world):
    leak = world.cases.leak
    with pytest.raises(DomainError):
        services.reveal_contact(actor=world.user("property"), case=leak, reason="")
    phone = services.reveal_contact(actor=world.user("property"), case=leak, reason="电话约上门维修时间")
    assert phone == "13812345678"
    log = AccessLog.objects.get(subject_type="case", subject_id=leak.pk)
    assert log.fields == "contact_phone" and "13812345678" not in log.reason
    with pytest.raises(PermissionDeniedError):
        services.reveal_contact(actor=world.user("resident"), case=leak, reason="想看看自己的号码")


def test_the_property_company_can_call_a_registered_reporter_who_left_no_number(world):
    """Found on day one: a case filed for a registered resident carried no phone of its own, so the
    property company saw the name and no way to reach her. Her record's number is shown masked and
    revealed with a reason, logged, with a tel: link only after the reveal."""
    from django.test import Client

    from linli.cases.tests.helpers import file_case

    case = file_case(world, category_id=world.cases.repair.pk, reporter_id=world.wang.pk)
    services.case_route(actor=world.user("secretary"), case=case, handler_org_id=world.cases.property_org.pk)
    client = Client()
    client.force_login(world.user("property"))
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "138****5678" in page and "13812345678" not in page and "tel:" not in page
    revealed = client.post(f"/cases/{case.pk}/contact/", {"reason": "电话约上门维修时间"}).content.decode()
    assert 'href="tel:13812345678"' in revealed
    assert AccessLog.objects.filter(subject_type="case", subject_id=case.pk, fields="contact_phone").count() == 1
