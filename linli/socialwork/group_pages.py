"""Reads of group work: the social worker's (and her supervisor's) groups, and a group's page with
its members' measures and each session's roll from the participation engine."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.http import Http404

from linli.core.scoping import tenant_join
from linli.core.ui import id_param
from linli.socialwork.models import Group, GroupMember, GroupSession


def group_list(*, actor, community_id: int):
    rows, members = tenant_join(
        Group.objects.visible_to(actor).filter(community_id=community_id), "members", community_id
    )
    return rows.annotate(n_members=Count(members))


def get_group_for(actor, pk) -> Group:
    group = Group.objects.visible_to(actor).filter(pk=pk_).first() if (pk_ := id_param(pk)) is not None else None
    if group is None:
        raise Http404
    return group


def session_of(group: Group, pk) -> GroupSession:
    row = GroupSession.objects.in_community(group.community_id).filter(group=group, pk=id_param(pk)).first()
    if row is None:
        raise Http404
    return row


def group_page(*, actor, pk) -> dict:
    from linli.participation.selectors import figures

    found = get_group_for(actor, pk)
    group = Group.objects.visible_to(actor).select_related("worker__user", "programme").get(pk=found.pk)
    cid = group.community_id
    members = list(GroupMember.objects.in_community(cid).filter(group=group).select_related("resident"))
    sessions = list(GroupSession.objects.in_community(cid).filter(group=group))
    present: dict[int, int] = {}
    if sessions:
        since = group.start_date.replace(day=1)
        until = (group.end_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        got = figures([cid], since=since, until=until, owner_type="socialwork.session")
        present = {s.pk: got["by_offering"].get(s.offering_id, {}).get("times", 0) for s in sessions}
    for s in sessions:
        s.present = present.get(s.pk, 0)  # type: ignore[attr-defined]
    moved = [m.post_score - m.pre_score for m in members if m.post_score is not None]
    from linli.socialwork.models import Programme

    runs = group.worker.user_id == actor.pk
    return {
        "group": group, "members": members, "sessions": sessions, "runs": runs,
        "programmes": list(Programme.objects.in_community(cid).only("pk", "name")) if runs else [],
        "average_change": round(sum(moved) / len(moved), 1) if moved else None,
    }  # fmt: skip
