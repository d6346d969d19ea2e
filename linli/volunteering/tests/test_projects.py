"""The project library with post-and-claim (揭榜认领): caps that hold under concurrency, progress with
photos, evaluation; duties with sign-up and check-in/out; invitations answered from the phone."""

import datetime as dt
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.tests.world import PNG, UserFactory
from linli.volunteering import services as v
from linli.volunteering.models import Claim, Duty, Invitation, Project, ServiceRecord, Volunteer


def _project(world, **extra) -> Project:
    data = {"title": "楼道微改造", "need": "清理楼道杂物、刷墙", "capacity": 1, **extra}
    return v.project_save(actor=world.user("secretary"), community=world.a, data=v.ProjectInput(**data))


def test_claims_stop_at_the_cap_and_say_so(world):
    sec, vol = world.user("secretary"), world.vol
    project = vol.project  # cap 2, claimed by 王芳
    v.project_claim(actor=sec, project=project, team=vol.team)
    with pytest.raises(ConflictError, match="名额已满"):
        v.project_claim(actor=sec, project=project, volunteer=vol.guest)
    with pytest.raises(ConflictError, match="已经认领"):
        v.project_claim(actor=world.user("resident"), project=project, volunteer=vol.wang)
    with pytest.raises(PermissionDeniedError):
        v.project_claim(actor=world.user("resident"), project=project, volunteer=vol.guest)  # not herself
    v.claim_withdraw(actor=world.user("resident"), claim=vol.claim)
    v.project_claim(actor=sec, project=project, volunteer=vol.guest)  # the freed place
    assert Project.objects.unscoped().get(pk=project.pk).claim_count == 2
    with pytest.raises(DomainError, match="名额不能少于"):
        v.project_save(actor=sec, community=world.a, project=project, data=v.ProjectInput(
            title=project.title, need=project.need, capacity=1))  # fmt: skip


def test_progress_with_photos_and_evaluation_close_the_project(world):
    sec, vol = world.user("secretary"), world.vol
    photo = SimpleUploadedFile("入户.png", PNG, content_type="image/png")
    update = v.claim_report(actor=world.user("resident"), claim=vol.claim, text="已上门看望李奶奶两次", files=[photo])
    assert update.photos.get().content_type == "image/png"
    fake = SimpleUploadedFile("病毒.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    with pytest.raises(DomainError, match="不是照片"):
        v.claim_report(actor=world.user("resident"), claim=vol.claim, text="再报一次", files=[fake])
    with pytest.raises(DomainError, match="1到5星"):
        v.project_evaluate(actor=sec, project=vol.project, rating=9, text="")
    v.project_evaluate(actor=sec, project=vol.project, rating=5, text="老人很满意")
    done = Project.objects.unscoped().get(pk=vol.project.pk)
    assert (done.state, done.rating) == ("done", 5)
    with pytest.raises(ConflictError):
        v.project_claim(actor=sec, project=done, volunteer=vol.guest)
    with pytest.raises(DomainError, match="还没有人认领"):
        v.project_evaluate(actor=sec, project=_project(world), rating=4, text="")


@pytest.mark.django_db(transaction=True)
def test_five_claiming_the_last_two_places_at_once_two_get_them():
    from linli.core.tests.world import build_world

    world = build_world()
    sec = world.user("secretary")
    project = _project(world, capacity=2)
    people = [v.volunteer_save(actor=sec, community=world.a, data=v.VolunteerInput(name=f"志愿者{i}"))
              for i in range(5)]  # fmt: skip
    barrier, outcomes = threading.Barrier(5), []

    def claim(volunteer):
        try:
            barrier.wait(timeout=10)
            v.project_claim(actor=sec, project=project, volunteer=volunteer)
            outcomes.append("ok")
        except ConflictError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["full", "full", "full", "ok", "ok"], outcomes
    assert Claim.objects.unscoped().filter(project=project, status="active").count() == 2
    assert Project.objects.unscoped().get(pk=project.pk).claim_count == 2


def test_a_duty_signs_up_checks_in_and_out_into_a_pending_record(world):
    vol, resident = world.vol, world.user("resident")
    duty, signup = vol.duty, vol.signup  # tomorrow 09:00–12:00, 3 places; she signed up
    with pytest.raises(ConflictError, match="已经报名"):
        v.duty_signup(actor=resident, duty=duty, volunteer=vol.wang)
    with pytest.raises(DomainError, match="1小时内才能签到"):
        v.duty_check_in(actor=resident, signup=signup)
    Duty.objects.unscoped().filter(pk=duty.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=2), ends_at=timezone.now() + dt.timedelta(hours=1)
    )
    signup.duty.refresh_from_db()
    with pytest.raises(DomainError, match="还没有签到"):
        v.duty_check_out(actor=resident, signup=signup)
    v.duty_check_in(actor=resident, signup=signup)
    signup.checked_in_at = timezone.now() - dt.timedelta(minutes=90)  # she has been there an hour and a half
    type(signup).objects.unscoped().filter(pk=signup.pk).update(checked_in_at=signup.checked_in_at)
    record = v.duty_check_out(actor=resident, signup=signup)
    assert (record.status, record.source, record.minutes, record.duty_id) == ("pending", "duty", 90, duty.pk)
    with pytest.raises(ConflictError, match="签退过"):
        v.duty_check_out(actor=resident, signup=signup)


def test_a_full_duty_refuses_the_next_one(world):
    sec, vol = world.user("secretary"), world.vol
    Duty.objects.unscoped().filter(pk=vol.duty.pk).update(slots=2)  # 王芳 has one of them
    v.duty_signup(actor=sec, duty=Duty.objects.unscoped().get(pk=vol.duty.pk), volunteer=vol.zhang)
    with pytest.raises(ConflictError, match="人数已满"):
        v.duty_signup(actor=sec, duty=Duty.objects.unscoped().get(pk=vol.duty.pk), volunteer=vol.guest)


def test_an_invitation_accepted_on_the_phone_claims_the_project(world):
    sec, vol = world.user("secretary"), world.vol
    project = _project(world, capacity=1)
    assert v.invite(actor=sec, community=world.a, volunteer_ids=[vol.wang.pk, vol.guest.pk], project=project) == 2
    assert v.invite(actor=sec, community=world.a, volunteer_ids=[vol.wang.pk], project=project) == 0  # not twice
    invitation = Invitation.objects.unscoped().get(volunteer=vol.wang, project=project)
    with pytest.raises(PermissionDeniedError):
        v.invitation_answer(actor=sec, invitation=invitation, accept=True)
    v.invitation_answer(actor=world.user("resident"), invitation=invitation, accept=True)
    assert Claim.objects.unscoped().filter(project=project, volunteer=vol.wang, status="active").exists()
    with pytest.raises(ConflictError, match="答复过"):
        v.invitation_answer(actor=world.user("resident"), invitation=invitation, accept=False)
    assert Volunteer.objects.unscoped().get(pk=vol.guest.pk).last_invited_at is not None


def test_an_accepted_invitation_to_a_full_project_stays_unanswered(world):
    sec, vol = world.user("secretary"), world.vol
    project = _project(world, capacity=1)
    v.invite(actor=sec, community=world.a, volunteer_ids=[vol.wang.pk], project=project)
    v.project_claim(actor=sec, project=project, volunteer=vol.guest)
    invitation = Invitation.objects.unscoped().get(volunteer=vol.wang, project=project)
    with pytest.raises(ConflictError, match="名额已满"):
        v.invitation_answer(actor=world.user("resident"), invitation=invitation, accept=True)
    assert Invitation.objects.unscoped().get(pk=invitation.pk).status == "pending"


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
