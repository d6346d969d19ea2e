"""Reading teams: the directory (with the volunteering app's teams beside), a team's page, the talent
pool by interest, and the street overview's count."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import scope_for, tenant_join
from linli.core.typing import Actor
from linli.orgs.models import Award, JoinRequest, Meeting, Member, Organisation, StageStep
from linli.orgs.permissions import may_manage
from linli.people.models import Resident, Talent
from linli.people.scope import people_scope


def directory(*, actor: Actor, community_id: int, kind: str = "") -> QuerySet[Organisation]:
    rows = Organisation.objects.visible_to(actor).filter(community_id=community_id)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.annotate(
        member_count=_count(Member.objects.in_community(community_id).filter(left_on__isnull=True)),
        award_count=_count(Award.objects.in_community(community_id)),
    ).order_by("kind", "name")


def _count(rows: QuerySet) -> Coalesce:
    """Per organisation, by a subquery keyed by the community (no join across the city's rows)."""
    counted = rows.filter(org=OuterRef("pk")).order_by().values("org").annotate(c=Count("pk")).values("c")
    return Coalesce(Subquery(counted), 0)


def volunteer_teams(community_id: int) -> list[dict[str, Any]]:
    """The volunteering app's teams, listed in the same directory (managed there)."""
    from linli.volunteering.selectors.records import teams_of

    teams, members = tenant_join(teams_of(community_id), "members", community_id)
    return [dict(row) for row in teams.annotate(n=Count(members)).values("pk", "name", "n")]


def org_in(*, actor: Actor, community_id: int, pk: int) -> Organisation | None:
    return Organisation.objects.visible_to(actor).filter(community_id=community_id, pk=pk).first()


def org_page(*, actor: Actor, org: Organisation) -> dict[str, Any]:
    scope = scope_for(actor)
    manages = may_manage(scope, org.community_id)
    cid = org.community_id
    members = Member.objects.in_community(cid).filter(org=org, left_on__isnull=True)
    page: dict[str, Any] = {
        "manages": manages,
        "member_count": members.count(),
        "awards": list(Award.objects.in_community(cid).filter(org=org)),
        "steps": list(StageStep.objects.in_community(cid).filter(org=org)),
        "brought_in": members.filter(introduced_by__isnull=False).count(),
        "meetings": meeting_times(cid, [org.pk]).get(org.pk, []),
    }
    page["next_meeting"] = next_meeting(page["meetings"])
    if manages:
        page["members"] = list(
            members.select_related("resident__dwelling__building", "introduced_by").order_by("role", "joined_on", "pk")
        )
        page["requests"] = list(
            JoinRequest.objects.in_community(cid).filter(org=org, status="pending").select_related("resident")
        )
    mine = people_scope(scope).resident_ids
    page["my_member"] = members.filter(resident_id__in=mine).exists() if mine else False
    page["my_request"] = (
        JoinRequest.objects.in_community(cid).filter(org=org, resident_id__in=mine).order_by("-created_at").first()
        if mine
        else None
    )
    return page


def member_in(*, actor: Actor, org: Organisation, pk: int) -> Member | None:
    return Member.objects.visible_to(actor).filter(community_id=org.community_id, org=org, pk=pk).first()


def request_in(*, actor: Actor, org: Organisation, pk: int) -> JoinRequest | None:
    return JoinRequest.objects.visible_to(actor).filter(community_id=org.community_id, org=org, pk=pk).first()


def resident_search(*, actor: Actor, community_id: int, query: str, limit: int = 8) -> list[Resident]:
    query = "".join((query or "").split())
    if not query or not may_manage(scope_for(actor), community_id):
        return []
    by_name = Q(name__startswith=query) | Q(name_abbr__startswith=query.lower()) | Q(name_pinyin__startswith=query)
    rows = Resident.objects.visible_to(actor).filter(by_name, community_id=community_id, status="active")
    return list(rows.select_related("dwelling__building").order_by("name", "pk")[:limit])


def talent_pool(*, actor: Actor, community_id: int, skill: str, limit: int = 30) -> list[Talent]:
    """Residents by interest (居民人才库), to invite into a new team: newest first."""
    skill = (skill or "").strip()
    if not skill or not may_manage(scope_for(actor), community_id):
        return []
    rows = Talent.objects.visible_to(actor).filter(
        community_id=community_id, skill__contains=skill, resident__status="active"
    )
    return list(rows.select_related("resident__dwelling__building").order_by("-pk")[:limit])


def street_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    rows = (
        Organisation.objects.in_community_ids(community_ids)
        .values("community_id")
        .annotate(n=Count("pk"))
        .values_list("community_id", "n")
    )
    counts = dict(rows)
    return {cid: {"orgs_teams": counts.get(cid, 0)} for cid in community_ids}


EVERY = (_("每周一"), _("每周二"), _("每周三"), _("每周四"), _("每周五"), _("每周六"), _("每周日"))


@dataclass(frozen=True)
class MeetingTime:
    """A team's weekly time from its linked venues series: "每周三 19:00–21:00 · 幸福院 排练厅"."""

    pk: int  # the Meeting's
    weekday: int
    starts_time: dt.time
    ends_time: dt.time
    venue: str
    thing: str
    next_starts_at: dt.datetime | None  # None: no date left (the series is over or cancelled)
    last_date: dt.date

    @property
    def day(self) -> str:
        return str(EVERY[self.weekday])

    @property
    def hours(self) -> str:
        return f"{self.starts_time:%H:%M}–{self.ends_time:%H:%M}"

    @property
    def place(self) -> str:
        return f"{self.venue} {self.thing}"


def meeting_times(community_id: int, org_ids) -> dict[int, list[MeetingTime]]:
    """Per team, its current weekly times (a date still to come), by weekday and hour; a fixed number
    of queries for any number of teams. Shown to everyone who sees the team (as its free-text time)."""
    from linli.venues.services.series import series_times

    ids = list(org_ids)
    if not ids:
        return {}
    links = list(
        Meeting.objects.in_community(community_id).filter(org_id__in=ids).values_list("pk", "org_id", "series_id")
    )
    times = series_times(community_id=community_id, series_ids={s for _, _, s in links})
    out: dict[int, list[MeetingTime]] = defaultdict(list)
    for pk, org_id, series_id in links:
        t = times.get(series_id)
        if t is not None and t.next_starts_at is not None:
            out[org_id].append(MeetingTime(pk, t.weekday, t.starts_time, t.ends_time, t.venue, t.thing,
                                           t.next_starts_at, t.last_date))  # fmt: skip
    for rows in out.values():
        rows.sort(key=lambda m: (m.weekday, m.starts_time, m.pk))
    return dict(out)


def next_meeting(times: list[MeetingTime]) -> dt.datetime | None:
    return min((m.next_starts_at for m in times if m.next_starts_at), default=None)


def bookable_things(*, actor: Actor, community_id: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """The rooms and tables staff may book a team into, by venue (the form's choices)."""
    from linli.venues import selectors as venues

    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for thing in venues.visible_things(actor, community_id).order_by("venue__name", "name", "pk"):
        groups[thing.venue.name].append((thing.pk, thing.name))
    return list(groups.items())


def org_visible(*, actor: Actor, pk: int) -> Organisation | None:
    """A team by id in any of the actor's communities (the API's detail)."""
    return Organisation.objects.visible_to(actor).filter(pk=pk).first()


def current_members(community_id: int, org_ids) -> dict[int, list[Member]]:
    """Per team, its current members (staff with manage_orgs only: the caller checks), in one query."""
    out: dict[int, list[Member]] = defaultdict(list)
    rows = (
        Member.objects.in_community(community_id)
        .filter(org_id__in=list(org_ids), left_on__isnull=True)
        .select_related("resident", "introduced_by")
        .order_by("org_id", "role", "joined_on", "pk")
    )
    for m in rows:
        out[m.org_id].append(m)
    return dict(out)
