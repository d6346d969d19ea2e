"""Staff certificates: recorded with a masked, encrypted number; corrected and removed; the share of
certified staff (持证社工 9/11) computed from the rows; refusals change nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from linli.core.models import AccessLog, Event
from linli.core.tests.world import UserFactory, _member
from linli.staff import selectors
from linli.staff.certificates import certificate_add, certificate_edit, certificate_remove, certificate_reveal
from linli.staff.models import Certificate
from linli.staff.services import StaffError
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role

TODAY = timezone.localdate()
ISSUED = TODAY - dt.timedelta(days=400)
GOOD = {
    "kind": "social_worker",
    "number": "2019140300123",
    "issued_on": ISSUED,
    "valid_until": TODAY + dt.timedelta(days=700),
}


def _add(world, role="worker", **changes):
    return certificate_add(actor=world.user("secretary"), membership=world.membership(role), **{**GOOD, **changes})


def _snapshot(certificate):
    certificate.refresh_from_db()
    return (certificate.kind, certificate.title, certificate.number_enc, certificate.issued_on,
            certificate.valid_until, certificate.removed_at)  # fmt: skip


def test_a_certificate_is_kept_encrypted_and_shown_masked(world):
    certificate = _add(world, number=" ２０１９１４０３００１２３ ")  # full-width, spaces: as pasted
    assert "2019140300123" not in certificate.number_enc
    assert certificate.number_masked == "20*******0123"
    row = Event.objects.get(subject_type="membership", kind="certificate_added")
    assert row.subject_id == world.membership("worker").pk and "2019140300123" not in str(row.data)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"valid_until": ISSUED}, "valid_until", "须晚于发证日期"),
        ({"valid_until": ISSUED - dt.timedelta(days=1)}, "valid_until", "须晚于发证日期"),
        ({"kind": ""}, "kind", "证书类别"),
        ({"kind": "other"}, "title", "证书名称"),
        ({"number": "  "}, "number", "证书编号"),
        ({"number": "12#4"}, "number", "字母、数字"),
        ({"issued_on": None}, "issued_on", "发证日期"),
        ({"issued_on": TODAY + dt.timedelta(days=3)}, "issued_on", "晚于今天"),
    ],
)
def test_bad_input_records_nothing(world, changes, field, words):
    before = (Certificate.objects.unscoped().count(), Event.objects.count())
    with pytest.raises(StaffError) as caught:
        _add(world, **changes)
    assert caught.value.field == field and words in str(caught.value.message)
    assert (Certificate.objects.unscoped().count(), Event.objects.count()) == before


@pytest.mark.parametrize("who", ["worker", "grid1", "outsider", "resident"])
def test_only_the_communitys_secretary_records_certificates(world, who):
    with pytest.raises(StaffError):
        certificate_add(actor=world.user(who), membership=world.membership("worker"), **GOOD)
    assert not Certificate.objects.unscoped().exists()


def test_certificates_are_for_active_staff_only(world):
    with pytest.raises(StaffError, match="社区工作人员"):
        _add(world, role="building")
    Membership.objects.filter(user=world.user("grid1")).update(is_active=False)
    with pytest.raises(StaffError, match="已停用"):
        _add(world, role="grid1")
    assert not Certificate.objects.unscoped().exists()


def test_editing_keeps_the_number_unless_a_new_one_is_typed(world):
    certificate = _add(world)
    stored = certificate.number_enc
    until = TODAY + dt.timedelta(days=30)
    certificate_edit(actor=world.user("secretary"), certificate=certificate, kind="senior", issued_on=ISSUED,
                     valid_until=until)  # fmt: skip
    certificate.refresh_from_db()
    assert (certificate.kind, certificate.valid_until, certificate.number_enc) == ("senior", until, stored)
    certificate_edit(actor=world.user("secretary"), certificate=certificate, kind="senior", issued_on=ISSUED,
                     number="S2020-77881")  # fmt: skip
    certificate.refresh_from_db()
    assert certificate.number_masked == "S2*****7881" and certificate.valid_until is None


@pytest.mark.parametrize(
    ("who", "changes"),
    [
        ("secretary", {"valid_until": ISSUED - dt.timedelta(days=10)}),
        ("secretary", {"number": "??"}),
        ("outsider", {}),
        ("worker", {}),
    ],
)
def test_a_refused_edit_changes_nothing(world, who, changes):
    certificate = _add(world)
    before, events = _snapshot(certificate), Event.objects.count()
    data = {"kind": "senior", "issued_on": ISSUED, "valid_until": None, **changes}
    with pytest.raises(StaffError):
        certificate_edit(actor=world.user(who), certificate=certificate, **data)
    assert _snapshot(certificate) == before and Event.objects.count() == events


def test_removing_keeps_the_row_out_of_the_roster(world):
    certificate = _add(world)
    with pytest.raises(StaffError):
        certificate_remove(actor=world.user("outsider"), certificate=certificate)
    assert _snapshot(certificate)[-1] is None
    certificate_remove(actor=world.user("secretary"), certificate=certificate)
    certificate.refresh_from_db()
    assert certificate.removed_at is not None and certificate.removed_by == world.user("secretary")
    assert selectors.member_certificates(actor=world.user("secretary"), membership=world.membership("worker")) == []
    with pytest.raises(StaffError, match="已删除"):
        certificate_remove(actor=world.user("secretary"), certificate=certificate)


def test_revealing_the_number_needs_a_reason_and_is_logged(world):
    certificate = _add(world)
    with pytest.raises(StaffError, match="查看原因"):
        certificate_reveal(actor=world.user("secretary"), certificate=certificate, reason=" ")
    with pytest.raises(StaffError):
        certificate_reveal(actor=world.user("outsider"), certificate=certificate, reason="报送持证名单")
    assert not AccessLog.objects.filter(subject_type="staff_certificate").exists()
    number = certificate_reveal(actor=world.user("secretary"), certificate=certificate, reason="报送持证名单")
    log = AccessLog.objects.get(subject_type="staff_certificate")
    assert number == "2019140300123"
    assert (log.actor, log.subject_id, log.fields, log.reason) == (world.user("secretary"), certificate.pk, "number",
                                                                  "报送持证名单")  # fmt: skip


def eleven_staff(world) -> list[Membership]:
    """Community A's four staff and seven more: 新源's eleven."""
    for i in range(4):
        _member(UserFactory(username=f"more.worker{i}"), Role.WORKER, world.a)
    for i in range(3):
        _member(UserFactory(username=f"more.grid{i}"), Role.GRID_WORKER, world.a)
    staff = Membership.objects.filter(community=world.a, role__in=["secretary", "worker", "grid_worker"])
    return list(staff.order_by("pk"))


def certify_nine(world) -> list[Membership]:
    staff = eleven_staff(world)
    sec = world.user("secretary")
    for i, m in enumerate(staff[:9]):
        certificate_add(actor=sec, membership=m, **{**GOOD, "number": f"2019140300{i:03d}"})
    return staff


def _share(world):
    return selectors.community_certified_share(actor=world.user("secretary"), community_id=world.a.pk)


def test_the_share_is_counted_from_the_records(world):
    staff = certify_nine(world)
    share = _share(world)
    assert (share.certified, share.staff, share.percent, share.expiring) == (9, 11, 82, 0)
    sec = world.user("secretary")
    # Another kind of certificate, an expired one, a removed one: none makes the tenth.
    certificate_add(actor=sec, membership=staff[9], **{**GOOD, "kind": "other", "title": "心理咨询师"})
    certificate_add(actor=sec, membership=staff[10], **{**GOOD, "valid_until": TODAY - dt.timedelta(days=1)})
    assert (_share(world).certified, _share(world).staff) == (9, 11)
    certificate_remove(actor=sec, certificate=Certificate.objects.unscoped().filter(membership=staff[0]).get())
    assert (_share(world).certified, _share(world).staff) == (8, 11)
    # Building heads, partners and residents are not staff; a stopped role is no longer counted.
    Membership.objects.filter(pk=staff[1].pk).update(is_active=False)
    assert (_share(world).certified, _share(world).staff) == (7, 10)


def test_certificates_ending_within_60_days_are_flagged(world):
    sec = world.user("secretary")
    soon = certificate_add(actor=sec, membership=world.membership("worker"),
                           **{**GOOD, "valid_until": TODAY + dt.timedelta(days=60)})  # fmt: skip
    later = certificate_add(actor=sec, membership=world.membership("grid1"),
                            **{**GOOD, "valid_until": TODAY + dt.timedelta(days=61)})  # fmt: skip
    ended = certificate_add(actor=sec, membership=world.membership("grid2"),
                            **{**GOOD, "valid_until": TODAY - dt.timedelta(days=1)})  # fmt: skip
    assert (soon.state(TODAY), later.state(TODAY), ended.state(TODAY)) == ("expiring", "valid", "expired")
    share = _share(world)
    assert (share.certified, share.staff, share.expiring) == (2, 4, 1)


def test_the_home_figure_and_the_rosters_agree(world, django_assert_num_queries):
    certify_nine(world)
    sec = world.user("secretary")
    selectors.community_certified_share(actor=sec, community_id=world.a.pk)  # warms the scope
    with django_assert_num_queries(1):
        home = selectors.community_certified_share(actor=sec, community_id=world.a.pk)
    roster = list(selectors.staff_list(actor=sec, community_id=world.a.pk))
    held = selectors.certificates_by_membership(actor=sec, community_id=world.a.pk)
    assert home == selectors.certified_share(roster, held, TODAY) == selectors.CertifiedShare(9, 11, 0)
