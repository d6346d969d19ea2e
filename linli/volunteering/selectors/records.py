"""Reading service records and teams: hours waiting for verification, a team's page."""

from typing import Any

from django.db.models import Q, QuerySet

from linli.core.scoping import scope_for
from linli.volunteering import events
from linli.volunteering.models import Duty, ServiceRecord, Team, TeamMember
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.selectors.common import Reader, history
from linli.volunteering.selectors.figures import verified_hours_in
from linli.volunteering.selectors.volunteers import active_volunteers


def records_to_check(
    *, actor: Reader, community_id: int | None, status: str = "pending", q: str = ""
) -> QuerySet[ServiceRecord]:
    """Staff (community_id given): the community's records; a team leader: his members' records,
    not his own (someone else verifies those)."""
    part = volunteer_scope(scope_for(actor))
    rows = ServiceRecord.objects.visible_to(actor).select_related("volunteer", "team", "logged_by")
    if community_id is not None:
        rows = rows.filter(community_id=community_id)
    else:
        rows = rows.filter(team_id__in=part.led_team_ids).exclude(volunteer_id__in=part.volunteer_ids)
    if status in ServiceRecord.Status.values:
        rows = rows.filter(status=status)
    if q:
        rows = rows.filter(Q(volunteer__name__contains=q) | Q(title__contains=q))
    order = "started_at" if status == "pending" else "-started_at"
    return rows.order_by(order, "pk")


def records_chosen(actor: Reader, ids: list[int]) -> list[ServiceRecord]:
    return list(ServiceRecord.objects.visible_to(actor).filter(pk__in=ids).select_related("volunteer"))


def visible_records(actor: Reader) -> QuerySet[ServiceRecord]:
    return ServiceRecord.objects.visible_to(actor)


def group_log_choices(community_id: int, duty_id: int | None) -> tuple[Duty | None, set[int]]:
    """The duty a group log starts from, and who signed up for it (ticked in advance)."""
    duty = Duty.objects.in_community(community_id).filter(pk=duty_id).first() if duty_id else None
    chosen: set[int] = set()
    if duty is not None:
        chosen = set(duty.signups.filter(status="signed").values_list("volunteer_id", flat=True))
    return duty, chosen


def group_log_people(community_id: int, team_id: int | None, *, only_team: bool = False) -> dict[str, Any]:
    """The group log's list: the team's active members first (ticked by picking the team, on the
    server or by the page's script through each row's teams), then everyone else (a leader: none)."""
    teams_of_person: dict[int, list[int]] = {}
    rows = TeamMember.objects.in_community(community_id).filter(volunteer__status="active")
    for volunteer_id, tid in rows.values_list("volunteer_id", "team_id"):
        teams_of_person.setdefault(volunteer_id, []).append(tid)
    members, others = [], []
    for volunteer in active_volunteers(community_id).only("pk", "name"):
        mine = teams_of_person.get(volunteer.pk, [])
        volunteer.team_ids = " ".join(map(str, mine))  # type: ignore[attr-defined]  # read by the page's script
        in_team = team_id is not None and team_id in mine
        if in_team:
            members.append(volunteer)
        elif not only_team:
            others.append(volunteer)
    return {"members": members, "others": others, "member_ids": {v.pk for v in members}}


def teams_of(community_id: int) -> QuerySet[Team]:
    return Team.objects.in_community(community_id)


def visible_teams(actor: Reader) -> QuerySet[Team]:
    return Team.objects.visible_to(actor)


def team_member_in(community_id: int, team: Team, pk: int) -> TeamMember | None:
    return TeamMember.objects.in_community(community_id).filter(team=team, pk=pk).select_related("volunteer").first()


def team_page(actor: Reader, team: Team, *, year: int) -> dict[str, Any]:
    """A team's members with their hours of the year, who could join, what waits, the timeline."""
    members = list(TeamMember.objects.in_community(team.community_id).filter(team=team).select_related("volunteer"))
    ids = [m.volunteer_id for m in members]
    hours = verified_hours_in(team.community_id, ids, year)
    return {
        "rows": [(m, hours.get(m.volunteer_id, (0, 0))) for m in members],
        "candidates": active_volunteers(team.community_id).exclude(pk__in=ids),
        "pending": ServiceRecord.objects.visible_to(actor).filter(team=team, status="pending").count(),
        "timeline": history(events.TEAM, team.pk),
    }
