"""Registering volunteers, in-service members enlisted by their report-in, moving communities."""

import datetime as dt

import pytest
from django.utils import timezone

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.core.tests.world import UserFactory
from linli.volunteering import services as v
from linli.volunteering.models import ServiceRecord, Volunteer
from linli.volunteering.totals import recompute_totals


def _at(days_ago: int, hour: int) -> dt.datetime:
    day = timezone.localtime() - dt.timedelta(days=days_ago)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def _fresh(volunteer) -> Volunteer:
    return Volunteer.objects.unscoped().get(pk=volunteer.pk)


def _log(actor, volunteer, start, hours, title="清扫楼道", **extra):
    return v.record_add(actor=actor, volunteer=volunteer, data=v.RecordInput(
        title=title, started_at=start, ended_at=start + dt.timedelta(hours=hours), **extra))  # fmt: skip


def test_a_volunteer_who_moves_keeps_hours_star_and_points(world):
    sec, resident = world.user("secretary"), world.user("resident")
    wang = world.vol.wang
    _log(sec, wang, _at(10, 8), 10)
    Volunteer.objects.unscoped().filter(pk=wang.pk).update(carried_minutes=95 * 60)  # served elsewhere before
    recompute_totals([world.a.pk])
    with pytest.raises(DomainError, match="没有代码为“nowhere”的社区"):
        v.volunteer_move(actor=resident, volunteer=_fresh(wang), community_code="nowhere")
    new = v.volunteer_move(actor=resident, volunteer=_fresh(wang), community_code=world.b.code)
    old = _fresh(wang)
    assert old.status == "moved" and old.points_balance == 0
    assert (new.community_id, new.total_minutes, new.star, new.points_balance) == (world.b.pk, 105 * 60, 1, 100)
    # Her pending record from the old community is verified after the move: it follows her.
    v.record_verify(actor=sec, record=world.vol.record)
    new = _fresh(new)
    assert (new.total_minutes, new.points_balance) == (107 * 60, 120)
    assert _fresh(wang).points_balance == 0
    # The ledger and the records agree with the running totals.
    recompute_totals()
    again = _fresh(new)
    assert (again.total_minutes, again.points_balance, again.star) == (new.total_minutes, 120, 1)


def test_in_service_member_reports_in_is_confirmed_and_measured(world, today):
    from linli.party import services as party
    from linli.party.models import ReportIn

    sec = world.user("secretary")
    member = UserFactory(username="member1")
    with pytest.raises(DomainError, match="没有代码为“nowhere”的社区"):
        party.report_in(actor=member, data=party.ReportInInput(
            community_code="nowhere", name="周明", workplace="区税务局", own_org="区税务局第二党支部"))  # fmt: skip
    with pytest.raises(DomainError, match="所在党组织"):
        party.report_in(actor=member, data=party.ReportInInput(community_code=world.a.code, name="周明",
                                                               workplace="区税务局"))  # fmt: skip
    row = party.report_in(actor=member, data=party.ReportInInput(
        community_code=world.a.code, name="周明", workplace="区税务局", own_org="区税务局第二党支部", skills="法律",
        free_slots=0b111 << 15, commitment_hours=10))  # fmt: skip
    with pytest.raises(DomainError, match="报到过了"):
        party.report_in(actor=member, data=party.ReportInInput(community_code=world.a.code, name="周明",
                                                               workplace="区税务局", own_org="x"))  # fmt: skip
    with pytest.raises(PermissionDeniedError):
        party.report_in_confirm(actor=world.user("worker"), row=row)  # workers see, secretaries confirm
    row = party.report_in_confirm(actor=sec, row=row)
    assert row.volunteer.in_service and row.volunteer.user == member and row.volunteer.skills == ["法律"]
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    v.record_add(actor=sec, volunteer=row.volunteer, data=v.RecordInput(
        title="法律咨询", started_at=start, ended_at=start + dt.timedelta(hours=4)))  # fmt: skip
    rows = party.commitments(world.a.pk, ReportIn.objects.in_community(world.a).filter(pk=row.pk), today.year)
    assert (rows[0]["hours"], rows[0]["share"]) == (4.0, 40)
    # Her existing registration is marked in-service rather than doubled.
    party.report_in_confirm(actor=sec, row=world.vol.report_in)
    wang = Volunteer.objects.unscoped().get(pk=world.vol.wang.pk)
    assert wang.in_service and wang.workplace == "区教育局"
    assert Volunteer.objects.unscoped().filter(user=world.user("resident"), status="active").count() == 1
    assert ServiceRecord.objects.unscoped().filter(volunteer=row.volunteer).count() == 1


def _volunteer_kinds(volunteer) -> list[str]:
    rows = Event.objects.filter(subject_type="volunteer", subject_id=volunteer.pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_registering_changing_and_leaving_leave_event_rows(world):
    sec = world.user("secretary")
    row = v.volunteer_save(actor=sec, community=world.a, data=v.VolunteerInput(name="李雷", skills="电脑"))
    v.volunteer_save(actor=sec, community=world.a, data=v.VolunteerInput(name="李雷", skills="维修"), volunteer=row)
    v.volunteer_leave(actor=sec, volunteer=row)
    assert _volunteer_kinds(row) == ["volunteer_registered", "volunteer_updated", "volunteer_left"]


def test_leaving_twice_is_refused_and_leaves_one_row(world):
    sec, guest = world.user("secretary"), world.vol.guest
    v.volunteer_leave(actor=sec, volunteer=guest)
    with pytest.raises(ConflictError):
        v.volunteer_leave(actor=sec, volunteer=guest)
    assert _volunteer_kinds(guest).count("volunteer_left") == 1


def test_a_move_leaves_a_row_on_both_registrations_and_a_refused_one_none(world):
    wang, resident = world.vol.wang, world.user("resident")
    with pytest.raises(DomainError):
        v.volunteer_move(actor=resident, volunteer=wang, community_code=world.a.code)  # already there
    assert "volunteer_moved_out" not in _volunteer_kinds(wang)
    new = v.volunteer_move(actor=resident, volunteer=wang, community_code=world.b.code)
    assert _volunteer_kinds(wang)[-1] == "volunteer_moved_out"
    assert _volunteer_kinds(new) == ["volunteer_moved_in"]
    assert Event.objects.get(subject_type="volunteer", subject_id=new.pk).community_id == world.b.pk
