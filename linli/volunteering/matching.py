"""Who should be asked to take a need: rank a community's volunteers (in-service party members among
them) by skill fit, free time at that hour, distance, and how often they were asked lately.

Scores are in points out of 100 and every one comes with its reasons in words, so that staff see
why someone is on top (技能对口、周六上午有空、同一栋楼、近30天未被邀请). One query reads the few columns
needed for all active volunteers of the community; scoring is plain Python (20,000 people in tens of
milliseconds; see benchmarks/volunteering.py)."""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.volunteering import slots
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
    return Need(project.community_id, project.title, list(project.skills), None, None, project.compound_id,
                None, project.kind, exclude)  # fmt: skip


def need_for_duty(duty) -> Need:
    exclude = set(duty.signups.filter(status="signed").values_list("volunteer_id", flat=True))
    return Need(duty.community_id, duty.title, list(duty.skills), duty.starts_at, None, duty.compound_id, None, "",
                exclude)  # fmt: skip


def need_for_case(case) -> Need:
    """A resident's need: the category and title say which skills fit (维修, 理发, 陪护 …)."""
    words = [case.category.name] if case.category_id else []
    words += [w for w in (case.title or "").replace("，", " ").split() if 1 < len(w) <= 6]
    building = case.building
    return Need(case.community_id, case.title or str(case), words, None, case.building_id,
                case.compound_id or (building.compound_id if building else None),
                building.grid_id if building else None)  # fmt: skip


def _fits(wanted: str, have: list[str]) -> bool:
    return any(wanted == h or wanted in h or (len(h) > 1 and h in wanted) for h in have)


def rank(need: Need, limit: int = 20) -> list[Match]:
    rows = (
        Volunteer.objects.in_community(need.community_id)
        .filter(status=Volunteer.Status.ACTIVE)
        .values_list(
            "pk", "name", "skills", "free_slots", "building_id", "compound_id", "grid_id", "kinds", "in_service", "star"
        )  # fmt: skip
    )
    asked = dict(
        Invitation.objects.in_community(need.community_id)
        .filter(sent_at__gte=timezone.now() - RECENT)
        .values("volunteer_id")
        .annotate(n=Count("pk"))
        .values_list("volunteer_id", "n")
    )
    wanted = [s.strip() for s in need.skills if s.strip()]
    bit = slots.slot_of(need.at) if need.at else 0
    when = ""
    if need.at:
        local = timezone.localtime(need.at)
        when = f"{slots.DAYS[local.weekday()]}{slots.PARTS[slots.part_of(local.hour)]}"
    words = {
        "time": _("%(when)s有空") % {"when": when},
        "building": _("同一栋楼"),
        "compound": _("同一小区"),
        "grid": _("同一网格"),
        "kind": _("愿意参加这类服务"),
        "fresh": _("近30天未被邀请"),
    }
    scored = []
    for pk, name, skills, free, building, compound, grid, kinds, in_service, star in rows:
        if pk in need.exclude:
            continue
        if isinstance(skills, str):  # raw JSON on some backends
            skills = json.loads(skills)
        score, reasons = 0.0, []
        if wanted:
            hit = [w for w in wanted if _fits(w, skills)]
            if hit:
                score += SKILL * len(hit) / len(wanted)
                reasons.append(_("技能对口：%(skills)s") % {"skills": "、".join(hit)})
        if bit and free & bit:
            score += TIME
            reasons.append(words["time"])
        if need.building_id and building == need.building_id:
            score += BUILDING
            reasons.append(words["building"])
        elif need.compound_id and compound == need.compound_id:
            score += COMPOUND
            reasons.append(words["compound"])
        elif need.grid_id and grid == need.grid_id:
            score += GRID
            reasons.append(words["grid"])
        if need.kind and need.kind in (kinds if isinstance(kinds, list) else json.loads(kinds or "[]")):
            score += KIND
            reasons.append(words["kind"])
        times = asked.get(pk, 0)
        if times:
            score -= min(ASKED_MAX, ASKED_PENALTY * times)
            reasons.append(_("近30天已被邀请%(n)d次") % {"n": times})
        elif score > 0:
            reasons.append(words["fresh"])
        scored.append((score, -times, pk, name, reasons, skills, in_service, star))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    return [
        Match(pk, name, round(score), reasons, skills, in_service, star)
        for score, _times, pk, name, reasons, skills, in_service, star in scored[:limit]
        if score > 0
    ]
