"""Who should be asked to take a need: rank a community's volunteers (in-service party members among
them) by skill fit, free time at that hour, distance, and how often they were asked lately.

Scores are in points out of 100 and every one comes with its reasons in words, so that staff see
why someone is on top (技能对口、周六上午有空、同一栋楼、近30天未被邀请). One query reads the few columns
needed for all active volunteers of the community; scoring is plain Python (20,000 people in tens of
milliseconds; see benchmarks/volunteering.py)."""

import datetime as dt
import heapq
import json
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.people import free_time
from linli.volunteering.models import Invitation, Volunteer

SKILL, TIME, BUILDING, COMPOUND, GRID, KIND = 45, 25, 15, 10, 6, 5
ASKED_PENALTY, ASKED_MAX = 4, 16  # per invitation in the last 30 days
RECENT = dt.timedelta(days=30)


@dataclass
class Need:
    community_id: int
    label: str = ""
    skills: list[str] = field(default_factory=list)
    at: dt.datetime | None = None
    building_id: int | None = None
    compound_id: int | None = None
    grid_id: int | None = None
    kind: str = ""
    exclude: set[int] = field(default_factory=set)


@dataclass
class Match:
    volunteer_id: int
    name: str
    score: int
    reasons: list[str]
    skills: list[str]
    in_service: bool
    star: int


def need_for_project(project) -> Need:
    exclude = set(project.claims.filter(status="active").values_list("volunteer_id", flat=True)) - {None}
    return Need(
        project.community_id,
        project.title,
        list(project.skills),
        None,
        None,
        project.compound_id,
        None,
        project.kind,
        exclude,
    )


def need_for_duty(duty) -> Need:
    exclude = set(duty.signups.filter(status="signed").values_list("volunteer_id", flat=True))
    return Need(
        duty.community_id, duty.title, list(duty.skills), duty.starts_at, None, duty.compound_id, None, "", exclude
    )


def need_for_case(case) -> Need:
    """A resident's need: the category and title say which skills fit (维修, 理发, 陪护 …)."""
    words = [case.category.name] if case.category_id else []
    words += [w for w in (case.title or "").replace("，", " ").split() if 1 < len(w) <= 6]
    building = case.building
    return Need(
        case.community_id,
        case.title or str(case),
        words,
        None,
        case.building_id,
        case.compound_id or (building.compound_id if building else None),
        building.grid_id if building else None,
    )


def _fits(wanted: str, have: list[str]) -> bool:
    return any(wanted == h or wanted in h or (len(h) > 1 and h in wanted) for h in have)


def rank(need: Need, limit: int = 20) -> list[Match]:
    """The best `limit` volunteers for the need, best first, each with its reasons.

    The rows are read as the database returns them (the JSON lists as text): skill lists repeat a
    lot within a community, so each distinct list is parsed and fitted once; reasons are worded only
    for the rows that make the list."""
    rows = (
        Volunteer.objects.in_community(need.community_id)
        .filter(status=Volunteer.Status.ACTIVE)
        .values_list("pk", "skills", "free_slots", "building_id", "compound_id", "grid_id", "kinds")
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    asked = dict(
        Invitation.objects.in_community(need.community_id)
        .filter(sent_at__gte=timezone.now() - RECENT)
        .values("volunteer_id")
        .annotate(n=Count("pk"))
        .values_list("volunteer_id", "n")
    )
    wanted = [s.strip() for s in need.skills if s.strip()]
    bit = free_time.slot_of(need.at) if need.at else 0
    fits: dict = {}  # raw skill list -> (skill points, the skills that fit)
    kind_fits: dict = {}  # raw kinds list -> bool

    def skill_fit(raw) -> tuple[float, list[str]]:
        raw = raw if isinstance(raw, str) else json.dumps(raw or [], ensure_ascii=False)
        if raw not in fits:
            have = json.loads(raw) if isinstance(raw, str) else (raw or [])
            hit = [w for w in wanted if _fits(w, have)]
            fits[raw] = (SKILL * len(hit) / len(wanted), hit) if hit else (0.0, [])
        return fits[raw]

    def wants_kind(raw) -> bool:
        raw = raw if isinstance(raw, str) else json.dumps(raw or [], ensure_ascii=False)
        if raw not in kind_fits:
            kind_fits[raw] = need.kind in (json.loads(raw) if isinstance(raw, str) else (raw or []))
        return kind_fits[raw]

    scored = []
    exclude = need.exclude
    for pk, skills, free, building, compound, grid, kinds in rows:
        if pk in exclude:
            continue
        score = skill_fit(skills)[0] if wanted else 0.0
        if bit and free & bit:
            score += TIME
        if need.building_id and building == need.building_id:
            score += BUILDING
        elif need.compound_id and compound == need.compound_id:
            score += COMPOUND
        elif need.grid_id and grid == need.grid_id:
            score += GRID
        if need.kind and wants_kind(kinds):
            score += KIND
        times = asked.get(pk, 0)
        if times:
            score -= min(ASKED_MAX, ASKED_PENALTY * times)
        if score > 0:
            scored.append((-score, times, pk, skills, free, building, compound, grid, kinds))
    top = heapq.nsmallest(limit, scored)
    return _explain(need, top, wanted, bit, skill_fit, wants_kind)


def _explain(need: Need, top, wanted, bit, skill_fit, wants_kind) -> list[Match]:
    """Reasons in words, and names, for the chosen few."""
    when = ""
    if need.at:
        local = timezone.localtime(need.at)
        when = f"{free_time.DAYS[local.weekday()]}{free_time.PARTS[free_time.part_of(local.hour)]}"
    people = {
        pk: (name, in_service, star)
        for pk, name, in_service, star in Volunteer.objects.in_community(need.community_id)
        .filter(pk__in=[row[2] for row in top])
        .values_list("pk", "name", "in_service", "star")
    }
    matches = []
    for negative, times, pk, skills, free, building, compound, grid, kinds in top:
        reasons = []
        points, hit = skill_fit(skills) if wanted else (0, [])
        if hit:
            reasons.append(_("技能对口：%(skills)s") % {"skills": "、".join(hit)})
        if bit and free & bit:
            reasons.append(_("%(when)s有空") % {"when": when})
        if need.building_id and building == need.building_id:
            reasons.append(_("同一栋楼"))
        elif need.compound_id and compound == need.compound_id:
            reasons.append(_("同一小区"))
        elif need.grid_id and grid == need.grid_id:
            reasons.append(_("同一网格"))
        if need.kind and wants_kind(kinds):
            reasons.append(_("愿意参加这类服务"))
        if times:
            reasons.append(_("近30天已被邀请%(n)d次") % {"n": times})
        else:
            reasons.append(_("近30天未被邀请"))
        name, in_service, star = people[pk]
        have = json.loads(skills) if isinstance(skills, str) else (skills or [])
        matches.append(Match(pk, name, round(-negative), reasons, have, in_service, star))
    return matches
