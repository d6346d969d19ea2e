"""Volunteer teams and their members."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import Team, TeamMember, Volunteer
from linli.volunteering.services.common import Actor, VolunteeringError, require_manage


@transaction.atomic
def team_save(
    *,
    actor: Actor,
    community: Community,
    name: str,
    kind: str = "",
    note: str = "",
    leader_id: int | None = None,
    team: Team | None = None,
) -> Team:
    require_manage(actor, community.pk)
    name = (name or "").strip()
    if not name:
        raise VolunteeringError(_("请填写队伍名称。"), field="name")
    leader = None
    if leader_id:
        leader = Volunteer.objects.in_community(community.pk).filter(pk=leader_id, status="active").first()
        if leader is None:
            raise VolunteeringError(_("队长须是本社区在册的志愿者。"), field="leader")
    row = team or Team(community=community)
    row.name, row.kind, row.note, row.leader = name[:60], (kind or "").strip()[:30], (note or "").strip()[:200], leader
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("已有同名的队伍。"), field="name", code="duplicate") from None
    events.team_saved(actor=actor, team=row, created=team is None)
    if leader:
        _member, added = TeamMember.objects.in_community(community).get_or_create(
            community=community, team=row, volunteer=leader
        )
        if added:
            events.team_member_added(actor=actor, team=row, volunteer=leader)
    return row


@transaction.atomic
def team_member_add(*, actor: Actor, team: Team, volunteer: Volunteer) -> TeamMember:
    require_manage(actor, team.community_id)
    if volunteer.community_id != team.community_id or volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("只能加入本社区在册的志愿者。"), field="volunteer")
    member, created = TeamMember.objects.in_community(team.community_id).get_or_create(
        community_id=team.community_id, team=team, volunteer=volunteer
    )
    if not created:
        raise VolunteeringError(_("%(name)s已经在队伍里了。") % {"name": volunteer.name}, code="duplicate")
    events.team_member_added(actor=actor, team=team, volunteer=volunteer)
    return member


@transaction.atomic
def team_member_remove(*, actor: Actor, team: Team, member: TeamMember) -> None:
    require_manage(actor, team.community_id)
    if team.leader_id == member.volunteer_id:
        raise VolunteeringError(_("队长不能移出队伍，请先换一位队长。"))
    removed, _rows = TeamMember.objects.in_community(team.community_id).filter(pk=member.pk, team=team).delete()
    if removed:
        events.team_member_removed(actor=actor, team=team, volunteer=member.volunteer)
