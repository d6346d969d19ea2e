"""volunteering's typed events, one function per kind, on the shared event table (core.events). Each
is written by a service in the transaction of the change; the labels of the kinds are declared in
module.py's `event_kinds`, and the volunteer's, team's and project's pages show them as a timeline.

`data["note"]` is what the timeline prints after the label (a title, a name, a reason): no personal
numbers, only what the page itself already shows."""

from typing import Any

from django.contrib.auth.models import User

from linli.core.events import person, record
from linli.core.models import Event
from linli.volunteering.models import (
    Claim,
    Duty,
    DutySignup,
    Invitation,
    Project,
    Reward,
    ServiceRecord,
    Team,
    TimeBank,
    Volunteer,
)

MODULE = "volunteering"
VOLUNTEER, TEAM, PROJECT, DUTY = "volunteer", "volunteer_team", "volunteer_project", "volunteer_duty"
REWARD, TIME_BANK = "volunteer_reward", "volunteer_time_bank"


def _event(kind: str, subject: tuple[str, int], *, actor: User | None, community_id: int, **data: Any) -> Event:
    return record(
        module=MODULE,
        kind=kind,
        subject=subject,
        actor=actor,
        community_id=community_id,
        data={k: v for k, v in data.items() if v not in (None, "")},
    )


def _on_volunteer(kind: str, volunteer: Volunteer, actor: User | None, **data: Any) -> Event:
    return _event(kind, (VOLUNTEER, volunteer.pk), actor=actor, community_id=volunteer.community_id, **data)


# -- volunteers ---------------------------------------------------------------------------------


def volunteer_registered(*, actor: User, volunteer: Volunteer) -> Event:
    return _on_volunteer("volunteer_registered", volunteer, actor)


def volunteer_updated(*, actor: User, volunteer: Volunteer) -> Event:
    return _on_volunteer("volunteer_updated", volunteer, actor)


def volunteer_joined(*, actor: User, volunteer: Volunteer) -> Event:
    return _on_volunteer("volunteer_joined", volunteer, actor)


def volunteer_enlisted(*, actor: User, volunteer: Volunteer) -> Event:
    return _on_volunteer("volunteer_enlisted", volunteer, actor, note=volunteer.workplace)


def volunteer_left(*, actor: User, volunteer: Volunteer) -> Event:
    return _on_volunteer("volunteer_left", volunteer, actor)


def volunteer_moved(*, actor: User, old: Volunteer, new: Volunteer, target_name: str, source_name: str) -> list[Event]:
    """Two rows: on the old registration (moved out) and on the new one (moved in)."""
    return [
        _on_volunteer("volunteer_moved_out", old, actor, note=target_name, to=new.pk),
        _on_volunteer("volunteer_moved_in", new, actor, note=source_name, **{"from": old.pk}),
    ]


# -- service records (on the volunteer's timeline) ----------------------------------------------


def record_logged(*, actor: User, record: ServiceRecord) -> Event:
    kind = "record_logged_verified" if record.status == "verified" else "record_logged"
    return _event(
        kind,
        (VOLUNTEER, record.volunteer_id),
        actor=actor,
        community_id=record.community_id,
        note=f"{record.title} {record.hours}h",
        record=record.pk,
    )


def record_verified(*, actor: User, record: ServiceRecord) -> Event:
    return _event(
        "record_verified",
        (VOLUNTEER, record.volunteer_id),
        actor=actor,
        community_id=record.community_id,
        note=f"{record.title} {record.hours}h",
        record=record.pk,
    )


def record_rejected(*, actor: User, record: ServiceRecord, reason: str) -> Event:
    return _event(
        "record_rejected",
        (VOLUNTEER, record.volunteer_id),
        actor=actor,
        community_id=record.community_id,
        note=f"{record.title}：{reason}",
        record=record.pk,
    )


# -- teams ---------------------------------------------------------------------------------------


def team_saved(*, actor: User, team: Team, created: bool) -> Event:
    kind = "team_created" if created else "team_updated"
    return _event(kind, (TEAM, team.pk), actor=actor, community_id=team.community_id, note=team.name)


def team_member_added(*, actor: User, team: Team, volunteer: Volunteer) -> Event:
    return _event(
        "team_member_added",
        (TEAM, team.pk),
        actor=actor,
        community_id=team.community_id,
        person=person(VOLUNTEER, volunteer.pk),
        volunteer=volunteer.pk,
    )


def team_member_removed(*, actor: User, team: Team, volunteer: Volunteer) -> Event:
    return _event(
        "team_member_removed",
        (TEAM, team.pk),
        actor=actor,
        community_id=team.community_id,
        person=person(VOLUNTEER, volunteer.pk),
        volunteer=volunteer.pk,
    )


# -- the time bank ------------------------------------------------------------------------------


def points_spent(*, actor: User, volunteer: Volunteer, reward: Reward) -> Event:
    return _on_volunteer("points_spent", volunteer, actor, note=f"{reward.name} −{reward.points}", reward=reward.pk)


def bank_rate_changed(*, actor: User, bank: TimeBank) -> Event:
    return _event(
        "bank_rate_changed",
        (TIME_BANK, bank.pk),
        actor=actor,
        community_id=bank.community_id,
        note=str(bank.points_per_hour),
    )


def reward_saved(*, actor: User, reward: Reward, created: bool) -> Event:
    kind = "reward_created" if created else "reward_updated"
    return _event(kind, (REWARD, reward.pk), actor=actor, community_id=reward.community_id, note=reward.name)


# -- projects and claims ------------------------------------------------------------------------


def _on_project(kind: str, project_id: int, community_id: int, actor: User | None, **data: Any) -> Event:
    return _event(kind, (PROJECT, project_id), actor=actor, community_id=community_id, **data)


def project_posted(*, actor: User, project: Project, created: bool) -> Event:
    kind = "project_posted" if created else "project_updated"
    return _on_project(kind, project.pk, project.community_id, actor)


def project_claimed(*, actor: User, claim: Claim) -> Event:
    return _on_project(
        "project_claimed", claim.project_id, claim.community_id, actor, note=str(claim.claimant), claim=claim.pk
    )


def claim_withdrawn(*, actor: User, claim: Claim) -> Event:
    return _on_project(
        "claim_withdrawn", claim.project_id, claim.community_id, actor, note=str(claim.claimant), claim=claim.pk
    )


def claim_reported(*, actor: User, claim: Claim, photos: int) -> Event:
    return _on_project(
        "claim_reported", claim.project_id, claim.community_id, actor, note=str(claim.claimant), photos=photos
    )


def project_evaluated(*, actor: User, project: Project) -> Event:
    return _on_project(
        "project_evaluated", project.pk, project.community_id, actor, note=f"{project.rating}★", rating=project.rating
    )


def project_closed(*, actor: User, project: Project) -> Event:
    return _on_project("project_closed", project.pk, project.community_id, actor)


# -- duties ----------------------------------------------------------------------------------------


def _on_duty(kind: str, duty_id: int, community_id: int, actor: User | None, **data: Any) -> Event:
    return _event(kind, (DUTY, duty_id), actor=actor, community_id=community_id, **data)


def duty_posted(*, actor: User, duty: Duty, created: bool) -> Event:
    return _on_duty("duty_posted" if created else "duty_updated", duty.pk, duty.community_id, actor)


def duty_signup_changed(*, actor: User, signup: DutySignup, kind: str) -> Event:
    """kind: duty_signed_up, duty_signup_cancelled, duty_checked_in or duty_checked_out."""
    return _on_duty(
        kind,
        signup.duty_id,
        signup.community_id,
        actor,
        person=person(VOLUNTEER, signup.volunteer_id),
        volunteer=signup.volunteer_id,
    )


# -- invitations (on the volunteer's timeline) ----------------------------------------------------


def volunteers_invited(*, actor: User, invitations: list[Invitation], need: Any) -> list[Event]:
    return [_on_volunteer("invited", i.volunteer, actor, note=str(need), invitation=i.pk) for i in invitations]


def invitation_answered(*, actor: User, invitation: Invitation, accept: bool) -> Event:
    kind = "invitation_accepted" if accept else "invitation_declined"
    return _on_volunteer(kind, invitation.volunteer, actor, note=str(invitation.need), invitation=invitation.pk)
