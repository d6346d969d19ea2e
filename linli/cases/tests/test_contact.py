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
