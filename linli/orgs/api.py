"""Teams and organisations over JSON under /api/v1/orgs/: everyone with a role in the community sees
its teams (kind, stage, member count, weekly times from their venue bookings, awards); the names of
members only staff with manage_orgs, as on the pages (null for everyone else)."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.orgs import selectors
from linli.orgs.permissions import may_manage

router = Router(tags=["orgs"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class MeetingOut(Schema):
    weekday: int  # 0 Monday … 6 Sunday
    starts_time: dt.time
    ends_time: dt.time
    venue: str
    thing: str
    label: str  # "每周三 19:00–21:00 · 仙湖社区活动中心 排练厅"
    next_starts_at: dt.datetime | None
    last_date: dt.date


class TeamMemberOut(Schema):
    id: int
    resident_id: int
    name: str
    role: str
    joined_on: dt.date
    introduced_by: str | None = None


class TeamOut(Schema):
    id: int
    community_id: int
    name: str
    kind: str
    stage: str
    intro: str
    meets: str  # free text, for teams without a booked time
    place: str
    open_to_join: bool
    member_count: int
    award_count: int
    meetings: list[MeetingOut]
    next_meeting_at: dt.datetime | None
    members: list[TeamMemberOut] | None  # staff with manage_orgs only


class TeamPage(Schema):
    items: list[TeamOut]
    page: Page


class AwardOut(Schema):
    id: int
    title: str
    level: str
    on: dt.date


class TeamDetailOut(TeamOut):
    awards: list[AwardOut]


def _member(request, community_id: int) -> None:
    scope = scope_for(request.auth)
    if community_id not in scope.community_ids and not scope.is_superuser:
        raise Http404


def _meetings(times) -> list[dict]:
    return [
        {
            "weekday": m.weekday, "starts_time": m.starts_time, "ends_time": m.ends_time, "venue": m.venue,
            "thing": m.thing, "label": f"{m.day} {m.hours} · {m.place}", "next_starts_at": m.next_starts_at,
            "last_date": m.last_date,
        }
        for m in times
    ]  # fmt: skip


def _members(rows) -> list[dict]:
    return [
        {"id": m.pk, "resident_id": m.resident_id, "name": m.resident.name, "role": m.role, "joined_on": m.joined_on,
         "introduced_by": m.introduced_by.name if m.introduced_by_id else None}
        for m in rows
    ]  # fmt: skip


def _team(org, times, members) -> dict:
    keys = ("id", "community_id", "name", "kind", "stage", "intro", "meets", "place", "open_to_join")
    return {k: getattr(org, k) for k in keys} | {
        "member_count": org.member_count,
        "award_count": org.award_count,
        "meetings": _meetings(times),
        "next_meeting_at": selectors.next_meeting(times),
        "members": members,
    }


@router.get("/orgs/teams", response={200: TeamPage, **ERRORS})
def list_teams(request, community_id: Id, kind: str = "", page: int = 1, page_size: int = 50):
    """The community's teams and organisations, by kind and name."""
    _member(request, community_id)
    rows = selectors.directory(actor=request.auth, community_id=community_id, kind=kind)
    items, meta = paginate(rows, page, page_size)
    ids = [o.pk for o in items]
    times = selectors.meeting_times(community_id, ids)
    manages = may_manage(scope_for(request.auth), community_id)
    members = selectors.current_members(community_id, ids) if manages else {}
    return {
        "items": [_team(o, times.get(o.pk, []), _members(members.get(o.pk, [])) if manages else None) for o in items],
        "page": meta,
    }


@router.get("/orgs/teams/{team_id}", response={200: TeamDetailOut, **ERRORS})
def get_team(request, team_id: Id):
    """A team with its awards, and (for staff with manage_orgs) its current members."""
    org = selectors.org_visible(actor=request.auth, pk=team_id)
    if org is None:
        raise Http404
    page = selectors.org_page(actor=request.auth, org=org)
    org.member_count, org.award_count = page["member_count"], len(page["awards"])
    out = _team(org, page["meetings"], _members(page["members"]) if page["manages"] else None)
    out["awards"] = [{"id": a.pk, "title": a.title, "level": a.level, "on": a.on} for a in page["awards"]]
    return out
