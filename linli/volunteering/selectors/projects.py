"""Reading the project library and duties: tabs with their counts, one project's page, the duty
board, one duty's sign-ups."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from linli.volunteering import events
from linli.volunteering.models import (
    Claim,
    ClaimPhoto,
    ClaimUpdate,
    Duty,
    DutySignup,
    Invitation,
    Project,
    ServiceKind,
    Team,
    Volunteer,
)
from linli.volunteering.selectors.common import Reader, history
from linli.volunteering.selectors.volunteers import active_volunteers

TABS = {
    "open": Q(status="open", claim_count=0),
    "claimed": Q(status="open", claim_count__gt=0),
    "done": Q(status="done"),
    "all": ~Q(status="closed"),
}


def project_library(
    *, actor: Reader, community_id: int, tab: str, kind: str | None
) -> tuple[QuerySet[Project], dict[str, int]]:
    """(the tab's projects in library order, the count of every tab)."""
    rows = Project.objects.visible_to(actor).filter(community_id=community_id).select_related("compound")
    counts = rows.aggregate(**{k: Count("pk", filter=v) for k, v in TABS.items()})
    rows = rows.filter(TABS.get(tab, TABS["all"]))
    if kind in ServiceKind.values:
        rows = rows.filter(kind=kind)
    return rows.order_by("number", "pk"), counts


def claimed_project_ids(community_id: int, volunteer: Volunteer | None) -> set[int]:
    if volunteer is None:
        return set()
    claims = Claim.objects.in_community(community_id).filter(volunteer=volunteer, status="active")
    return set(claims.values_list("project_id", flat=True))


def visible_projects(actor: Reader) -> QuerySet[Project]:
    return Project.objects.visible_to(actor)


def projects_of(community_id: int) -> QuerySet[Project]:
    return Project.objects.in_community(community_id)


def visible_claims(actor: Reader) -> QuerySet[Claim]:
    return Claim.objects.visible_to(actor)


def visible_photos(actor: Reader) -> QuerySet[ClaimPhoto]:
    return ClaimPhoto.objects.visible_to(actor)


def project_page(
    actor: Reader, project: Project, *, staff: bool, manage: bool, led_team_ids: set[int]
) -> dict[str, Any]:
    """The claims, progress reports (with photos), the teams one may claim for, the volunteers staff
    may claim for, who was invited, and (for staff) the timeline."""
    cid = project.community_id
    updates = (
        ClaimUpdate.objects.visible_to(actor)
        .filter(claim__project=project)
        .select_related("claim__volunteer", "claim__team", "by")
        .prefetch_related("photos")
    )
    return {
        "claims": list(Claim.objects.visible_to(actor).filter(project=project).select_related("volunteer", "team")),
        "updates": updates,
        "led_teams": Team.objects.in_community(cid).filter(pk__in=led_team_ids),
        "teams": Team.objects.in_community(cid) if staff else [],
        "volunteers": active_volunteers(cid) if manage else [],
        "invited": Invitation.objects.visible_to(actor).filter(project=project).select_related("volunteer")
        if staff
        else [],
        "timeline": history(events.PROJECT, project.pk) if staff else [],
    }


def team_in(community_id: int, pk: int | None) -> Team | None:
    return Team.objects.in_community(community_id).filter(pk=pk).first() if pk is not None else None


def duty_board(*, actor: Reader, community_id: int, past: bool) -> QuerySet[Duty]:
    rows = Duty.objects.visible_to(actor).filter(community_id=community_id, cancelled=False)
    now = timezone.now()
    rows = rows.filter(ends_at__lt=now).order_by("-starts_at") if past else rows.filter(ends_at__gte=now)
    return rows.select_related("compound")


def signed_duty_ids(community_id: int, volunteer: Volunteer | None) -> set[int]:
    if volunteer is None:
        return set()
    signups = DutySignup.objects.in_community(community_id).filter(volunteer=volunteer, status="signed")
    return set(signups.values_list("duty_id", flat=True))


def visible_duties(actor: Reader) -> QuerySet[Duty]:
    return Duty.objects.visible_to(actor)


def duties_of(community_id: int) -> QuerySet[Duty]:
    return Duty.objects.in_community(community_id)


def duty_signups(actor: Reader, duty: Duty) -> QuerySet[DutySignup]:
    return DutySignup.objects.visible_to(actor).filter(duty=duty).select_related("volunteer")


def visible_signups(actor: Reader) -> QuerySet[DutySignup]:
    return DutySignup.objects.visible_to(actor)
