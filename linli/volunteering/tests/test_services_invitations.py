"""Invitations answered on the phone: accepting claims the project (or fails, full, and stays open)."""

import pytest

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.models import Event
from linli.volunteering import services as v
from linli.volunteering.models import Claim, Invitation, Project, Volunteer


def _project(world, **extra) -> Project:
    data = {"title": "楼道微改造", "need": "清理楼道杂物、刷墙", "capacity": 1, **extra}
    return v.project_save(actor=world.user("secretary"), community=world.a, data=v.ProjectInput(**data))


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


def _events(subject_type: str, pk: int) -> list[str]:
    rows = Event.objects.filter(module="volunteering", subject_type=subject_type, subject_id=pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_invites_and_answers_leave_rows_on_the_volunteers_timeline(world):
    invitation = world.vol.invitation  # 王芳, to the duty she already signed up for
    assert _events("volunteer", world.vol.wang.pk).count("invited") == 1
    v.invitation_answer(actor=world.user("resident"), invitation=invitation, accept=False)
    assert _events("volunteer", world.vol.wang.pk)[-1] == "invitation_declined"
