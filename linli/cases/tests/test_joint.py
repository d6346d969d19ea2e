"""Joint handling closes only when every commitment is done (services/joint.py)."""

import pytest

from linli.cases import services
from linli.cases.models import Status
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError


def test_joint_handling_closes_only_when_every_commitment_is_done(world):
    case = world.cases.joint
    parties = {p.party: p for p in case.parties.all()}
    assert set(parties) == {"community", "property", "hoa"}
    # Each party speaks for itself only.
    with pytest.raises(PermissionDeniedError):
        services.joint_position(actor=world.user("property"), party=parties["hoa"], position="同意", commitment="x")
    services.joint_position(
        actor=world.user("property"), party=parties["property"], position="同意拆除", commitment="一周内拆除占道雨棚"
    )
    services.joint_position(actor=world.user("hoa"), party=parties["hoa"], position="支持", commitment="通知业主")
    services.joint_position(
        actor=world.user("secretary"), party=parties["community"], position="牵头", commitment="上门做住户工作"
    )
    services.case_progress(actor=world.user("secretary"), case=case, note="三方已表态")
    with pytest.raises(DomainError, match="3项承诺"):
        services.case_resolve(actor=world.user("secretary"), case=case, note="已办理完毕")
    for party, user in (("property", "property"), ("hoa", "hoa"), ("community", "worker")):
        services.joint_done(actor=world.user(user), party=parties[party], note="已按承诺完成")
    with pytest.raises(ConflictError):
        services.joint_done(actor=world.user("hoa"), party=parties["hoa"], note="再确认一次")
    services.case_resolve(actor=world.user("secretary"), case=case, note="雨棚已拆除，通道恢复")
    assert case.status == Status.RESOLVED
