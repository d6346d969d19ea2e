"""Mediation: sessions, the agreement, its print and the follow-up (services/mediation.py)."""

import pytest
from django.test import Client

from linli.cases import services
from linli.core.errors import DomainError


def test_mediation_sessions_agreement_print_and_follow_up(world, today):
    case = world.cases.mediation
    services.mediation_record(
        actor=world.user("worker"),
        case=case,
        kind="session",
        held_on=today,
        place="调解室",
        mediators="李社工、王律师",
        notes="双方陈述，初步同意拆除雨棚外沿",
    )
    services.mediation_record(
        actor=world.user("worker"),
        case=case,
        kind="follow_up",
        held_on=today,
        place="上门",
        mediators="李社工",
        notes="雨棚已改，楼下不再滴水",
    )
    client = Client()
    client.force_login(world.user("worker"))
    page = client.get(f"/cases/{case.pk}/agreement/").content.decode()
    assert "人民调解协议书" in page and "张三拆除雨棚外沿" in page and "签名" in page
    with pytest.raises(DomainError, match="不是纠纷调解"):
        services.mediation_record(
            actor=world.user("worker"),
            case=world.cases.leak,
            kind="session",
            held_on=today,
            place="",
            mediators="x",
            notes="不该记在这里",
        )
    # The mediation is not public, and its parties never show on the residents' pages.
    resident = Client()
    resident.force_login(world.user("resident"))
    assert resident.get(f"/cases/public/{case.pk}/").status_code == 404
