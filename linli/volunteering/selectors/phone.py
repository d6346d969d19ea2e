"""Reading for the volunteer's phone page (我的志愿服务), the time bank and invitations."""

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from linli.cases import selectors as cases
from linli.volunteering.models import (
    Claim,
    Duty,
    DutySignup,
    Invitation,
    PointEntry,
    Project,
    Reward,
    ServiceRecord,
    Team,
    TimeBank,
    Volunteer,
)
from linli.volunteering.selectors.common import Reader
from linli.volunteering.selectors.figures import person_totals


def me_page(actor: Reader, volunteer: Volunteer) -> dict[str, Any]:
    """Hours, star, points; invitations; his duties (check in/out); open duties and projects near
    him; his claims, records (all his registrations) and teams."""
    now = timezone.now()
    cid = volunteer.community_id
    near = Q(compound_id=volunteer.compound_id) | Q(compound__isnull=True) if volunteer.compound_id else Q()
    duties = (
        Duty.objects.in_community(cid)
        .filter(cancelled=False, ends_at__gte=now)
        .filter(near)
        .exclude(signups__volunteer=volunteer, signups__status="signed")
        .order_by("starts_at")[:8]
    )
    projects = (
        Project.objects.in_community(cid)
        .filter(status="open")
        .filter(Q(capacity__isnull=True) | Q(claim_count__lt=F("capacity")))
        .filter(near)
        .exclude(claims__volunteer=volunteer, claims__status="active")
        .order_by("claim_count", "number")[:8]
    )
    soon = now - dt.timedelta(hours=1)
    my_duties = (
        DutySignup.objects.visible_to(actor)
        .filter(volunteer=volunteer, status="signed", checked_out_at__isnull=True, duty__ends_at__gte=soon)
        .select_related("duty")
        .order_by("duty__starts_at")
    )
    return {
        "volunteer": volunteer,
        "totals": person_totals(volunteer),
        "invitations": Invitation.objects.visible_to(actor)
        .filter(volunteer=volunteer, status="pending")
        .select_related("project", "duty", "case"),
        "duties": duties,
        "projects": projects,
        "my_duties": my_duties,
        "my_claims": Claim.objects.visible_to(actor)
        .filter(volunteer=volunteer, status="active")
        .select_related("project"),
        "records": ServiceRecord.objects.visible_to(actor)
        .filter(volunteer__person=volunteer.person)
        .select_related("community")[:10],
        "teams": teams_with(volunteer),
        "led": Team.objects.in_community(cid).filter(leader=volunteer),
        "now": now,
        "today": timezone.localdate(),
    }


def teams_with(volunteer: Volunteer) -> QuerySet[Team]:
    return Team.objects.in_community(volunteer.community_id).filter(members__volunteer=volunteer)


def projects_claimed_by(volunteer: Volunteer) -> QuerySet[Project]:
    return Project.objects.in_community(volunteer.community_id).filter(
        claims__volunteer=volunteer, claims__status="active"
    )


def bank_page(actor: Reader, community_id: int) -> dict[str, Any]:
    rate = TimeBank.objects.in_community(community_id).first()
    return {
        "rate": rate.points_per_hour if rate else 10,
        "rewards": Reward.objects.in_community(community_id),
        "recent": PointEntry.objects.visible_to(actor)
        .filter(community_id=community_id, kind="spend")
        .select_related("volunteer", "reward")[:20],
    }


def reward_in(community_id: int, pk: int | None) -> Reward | None:
    return Reward.objects.in_community(community_id).filter(pk=pk).first() if pk is not None else None


def rewards_of(community_id: int) -> QuerySet[Reward]:
    return Reward.objects.in_community(community_id)


def visible_invitations(actor: Reader) -> QuerySet[Invitation]:
    return Invitation.objects.visible_to(actor)


def need_for(actor: Reader, community_id: int, kind: str, pk: int) -> Any:
    """The need volunteers are matched to: a project, a duty or a case of the community; else None."""
    if kind == "project":
        return Project.objects.in_community(community_id).filter(pk=pk).first()
    if kind == "duty":
        return Duty.objects.in_community(community_id).filter(pk=pk).first()
    if kind == "case":
        return cases.case_visible_in(actor=actor, community_id=community_id, case_id=pk)
    return None


def invited_to(community_id: int, kind: str, target: Any) -> dict[int, str]:
    """volunteer id → the status of his invitation to this need."""
    rows = Invitation.objects.in_community(community_id).filter(**{kind: target})
    return dict(rows.values_list("volunteer_id", "status"))
