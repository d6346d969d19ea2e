"""Who may do what on a case: the predicates every step checks (services/common.py)."""

import pytest

from linli.cases import services
from linli.cases.models import Channel
from linli.core.errors import PermissionDeniedError


def test_who_may_do_what(world):
    leak = world.cases.leak
    with pytest.raises(PermissionDeniedError):
        services.case_accept(actor=world.user("property"), case=leak)
    with pytest.raises(PermissionDeniedError):
        services.case_resolve(actor=world.user("resident"), case=leak, note="我自己修好了")
    with pytest.raises(PermissionDeniedError):
        services.case_escalate(actor=world.user("hoa"), case=leak, reason="越权上报试试")
    with pytest.raises(PermissionDeniedError):
        services.case_file(
            actor=world.user("supervisor"),
            community=world.a,
            channel=Channel.SELF,
            data=services.CaseInput(category_id=world.cases.env.pk, description="督导试登记", address_text="x"),
        )
