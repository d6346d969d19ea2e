"""A programme's report, computed from the records linked to it (never typed in): cases and their
sessions and goals (socialwork), care plans and their contacts (care), events and their attendance
(the participation engine), groups and their sessions' attendance (socialwork and the engine),
volunteer projects and their verified hours (volunteering). Counts only: no client is named, so the
report may go to the funder. People served are distinct residents across cases, care plans, groups
and events (the engine's attendance rows give the residents); a walk-in not on the register has no
resident and counts as one person per attendance (said in the report's footnote)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.http import Http404

from linli.core.scoping import scope_for, tenant_join
from linli.core.ui import id_param
from linli.socialwork.models import (
    Case,
    Goal,
    Group,
    GroupMember,
    GroupSession,
    Programme,
    ProgrammeGoal,
    ProgrammeLink,
    Rating,
    SessionNote,
)
from linli.socialwork.permissions import VIEW_PROGRAMMES


def programme_list(*, actor, community_id: int):
    if not scope_for(actor).has(VIEW_PROGRAMMES, community_id):
        raise Http404
    rows, cases = tenant_join(
        Programme.objects.visible_to(actor).filter(community_id=community_id), "cases", community_id
    )
    return rows.annotate(n_cases=Count(cases))


def get_programme_for(actor, pk) -> Programme:
    found = Programme.objects.visible_to(actor).filter(pk=pk_).first() if (pk_ := id_param(pk)) is not None else None
    if found is None or not scope_for(actor).has(VIEW_PROGRAMMES, found.community_id):
        raise Http404
    return found


def _links(programme: Programme) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {k: [] for k in ProgrammeLink.Kind.values}
    rows = ProgrammeLink.objects.in_community(programme.community_id).filter(programme=programme)
    for kind, ref in rows.values_list("kind", "ref_id"):
        out[kind].append(ref)
    return out


def _cases(programme: Programme, since: dt.date, until: dt.date) -> dict:
    cid = programme.community_id
    cases = Case.objects.in_community(cid).filter(programme=programme)
    clients = set(cases.values_list("client_id", flat=True))
    sessions = SessionNote.objects.in_community(cid).filter(
        case__programme=programme, session_date__gte=since, session_date__lt=until
    )
    goals = (
        Goal.objects.in_community(cid)
        .filter(case__programme=programme)
        .aggregate(
            total=Count("pk"),
            met=Count("pk", filter=Q(rating=Rating.MET)),
            partly=Count("pk", filter=Q(rating=Rating.PARTLY)),
        )
    )
    states = dict(cases.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {"clients": clients, "cases": len(clients), "sessions": sessions.count(), "goals": goals, "states": states}


def _care(actor, programme: Programme, plan_ids: list[int], since, until) -> dict:
    from linli.care import selectors as care

    if not plan_ids:
        return {"plans": 0, "contacts": 0, "reached": 0, "people": 0, "residents": set()}
    plans = care.care_plan_list(scope=scope_for(actor), community_id=programme.community_id, status="active")
    residents = set(plans.filter(pk__in=plan_ids).values_list("resident_id", flat=True))
    got = care.contact_figures(programme.community_id, plan_ids, since=since, until=until)
    return {"plans": len(plan_ids), **got, "residents": residents}


def _attendance(community_id: int, owner_type: str, offering_ids, since, until) -> tuple[int, set[int], int]:
    """(person-times, residents among them, attendances of walk-ins off the register)."""
    from linli.participation.selectors import attendance_rows

    if not offering_ids:
        return 0, set(), 0
    rows = attendance_rows([community_id], owner_type=owner_type, since=since.replace(day=1), until=until)
    rows = rows.filter(offering_id__in=list(offering_ids))
    got = rows.aggregate(times=Count("pk"), anonymous=Count("pk", filter=Q(resident__isnull=True)))
    residents = set(rows.filter(resident__isnull=False).values_list("resident_id", flat=True))
    return got["times"], residents, got["anonymous"]


def _events(programme: Programme, event_ids: list[int], since, until) -> dict:
    from linli.participation import selectors as engine

    offerings = engine.offerings_of("activities.event", programme.community_id, event_ids) if event_ids else {}
    offering_ids = [o.pk for o in offerings.values()]
    times, residents, anonymous = _attendance(programme.community_id, "activities.event", offering_ids, since, until)
    return {"events": len(event_ids), "times": times, "people": len(residents) + anonymous,
            "anonymous": anonymous, "residents": residents}  # fmt: skip


def _groups(programme: Programme, since, until) -> dict:
    cid = programme.community_id
    groups = dict(Group.objects.in_community(cid).filter(programme=programme).values_list("pk", "name"))
    members = set(
        GroupMember.objects.in_community(cid).filter(group_id__in=list(groups)).values_list("resident_id", flat=True)
    )
    sessions = GroupSession.objects.in_community(cid).filter(
        group_id__in=list(groups), starts_at__date__gte=since, starts_at__date__lt=until
    )
    offering_ids = list(sessions.values_list("offering_id", flat=True))
    times, present, _anonymous = _attendance(cid, "socialwork.session", offering_ids, since, until)
    return {"groups": len(groups), "names": sorted(groups.values()), "members": len(members),
            "sessions": len(offering_ids), "times": times, "residents": members | present}  # fmt: skip


def _volunteering(actor, project_ids: list[int], since, until) -> dict:
    from linli.volunteering.selectors import visible_records

    if not project_ids:
        return {"projects": 0, "hours": 0.0, "records": 0}
    rows = visible_records(actor).filter(project_id__in=project_ids, status="verified", day__gte=since, day__lt=until)
    got = rows.aggregate(minutes=Sum("minutes"), records=Count("pk"))
    return {"projects": len(project_ids), "hours": round((got["minutes"] or 0) / 60, 1), "records": got["records"]}


def programme_report(*, actor, programme: Programme) -> dict:
    since, until = programme.start_date, programme.end_date + dt.timedelta(days=1)
    links = _links(programme)
    cases = _cases(programme, since, until)
    care = _care(actor, programme, links["care_plan"], since, until)
    events = _events(programme, links["event"], since, until)
    groups = _groups(programme, since, until)
    vol = _volunteering(actor, links["volunteer_project"], since, until)
    residents = cases.pop("clients") | care.pop("residents") | groups.pop("residents") | events.pop("residents")
    served = len(residents) + events["anonymous"]
    actual = {
        "people": served,
        "person_times": cases["sessions"] + care["reached"] + groups["times"] + events["times"] + vol["records"],
        "volunteer_hours": vol["hours"],
        "care_contacts": care["contacts"],
        "goals_met": cases["goals"]["met"],
    }
    indicators = []
    for goal in ProgrammeGoal.objects.in_community(programme.community_id).filter(programme=programme):
        value = actual.get(goal.metric, 0)
        indicators.append({"goal": goal, "actual": value, "met": value >= goal.target})
    return {
        "programme": programme, "cases": cases, "care": care, "events": events, "groups": groups, "volunteering": vol,
        "served": served, "actual": actual, "indicators": indicators,
        "links": ProgrammeLink.objects.in_community(programme.community_id).filter(programme=programme),
        "goals_met_count": sum(1 for i in indicators if i["met"]),
    }  # fmt: skip


def link_choices(*, actor, programme: Programme, limit: int = 200) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the secretary may link, by kind, as (kind label, [("kind:id", label)]): the active care
    plans, the events and volunteer projects within the programme's dates; those linked left out."""
    from django.utils import timezone

    from linli.care.selectors import care_plan_list
    from linli.participation.selectors import offerings_between
    from linli.volunteering.selectors import visible_projects

    cid, kinds = programme.community_id, ProgrammeLink.Kind
    taken = _links(programme)
    since, until = programme.start_date, programme.end_date + dt.timedelta(days=1)
    plans = care_plan_list(scope=scope_for(actor), community_id=cid).exclude(pk__in=taken[kinds.CARE_PLAN])
    events = [
        o for o in offerings_between("activities.event", cid, since, until, limit=limit)
        if o.owner_id not in taken[kinds.EVENT]
    ]  # fmt: skip
    within = Q(starts_on__isnull=True) | Q(starts_on__lt=until, ends_on__isnull=True)
    within |= Q(starts_on__lt=until, ends_on__gte=since)
    projects = (
        visible_projects(actor).filter(within, community_id=cid).exclude(pk__in=taken[kinds.VOLUNTEER_PROJECT])
        .order_by("-starts_on", "-pk")[:limit]
    )  # fmt: skip
    return [
        (str(kinds.CARE_PLAN.label),
         [(f"{kinds.CARE_PLAN}:{p.pk}", f"{p.resident.name}（{p.reason}）") for p in plans[:limit]]),
        (str(kinds.EVENT.label),
         [(f"{kinds.EVENT}:{o.owner_id}", f"{timezone.localtime(o.starts_at):%m-%d} {o.title}") for o in events]),
        (str(kinds.VOLUNTEER_PROJECT.label), [(f"{kinds.VOLUNTEER_PROJECT}:{p.pk}", p.title) for p in projects]),
    ]  # fmt: skip
