"""Which volunteers to suggest for an order: the community's active volunteers (volunteering's public
`active_volunteers`), ranked by what volunteering's own matching weighs — a skill that fits the
service, free time at the order's hour, living in the same building, compound or grid — each with
its reasons in words. volunteering's ranking module is private to that app (import-linter), so the
few weights are mirrored here rather than reached around the contract."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.convenience.models import Order
from linli.people import free_time
from linli.volunteering import selectors as volunteer_selectors

SKILL, TIME, BUILDING, COMPOUND, GRID = 45, 25, 15, 10, 6
# Skills that fit a default service type, beside the words of its name.
SKILLS = {
    "parcel": ["跑腿", "快递"],
    "errand": ["跑腿", "代办"],
    "grocery": ["买菜", "跑腿", "做饭"],
    "pension": ["认证", "助老"],
    "repair": ["维修", "水电", "修理", "家电"],
    "handrail": ["安装", "维修", "木工"],
    "smoke": ["安装", "消防", "水电"],
    "gas": ["安装", "燃气", "水电"],
}


@dataclass
class Suggestion:
    volunteer_id: int
    name: str
    score: int
    reasons: list[str]


def _wanted(order: Order) -> list[str]:
    kind = order.service_type
    return [*SKILLS.get(kind.code, []), kind.name]


def _fits(wanted: list[str], have: list[str]) -> list[str]:
    return [w for w in wanted if any(w == h or w in h or (len(h) > 1 and h in w) for h in have)]


def suggested_volunteers(order: Order, *, limit: int = 5) -> list[Suggestion]:
    """The best few of the order's community for it, best first; nobody who would serve himself."""
    building = order.dwelling.building if order.dwelling is not None else None
    at = order.window_start or order.window_end
    bit = free_time.slot_of(at) if at else 0
    wanted = _wanted(order)
    rows = (
        volunteer_selectors.active_volunteers(order.community_id)
        .exclude(resident_id=order.resident_id)
        .values_list("pk", "name", "skills", "free_slots", "building_id", "compound_id", "grid_id")
    )
    scored = []
    for pk, name, skills, free, building_id, compound_id, grid_id in rows:
        have = json.loads(skills) if isinstance(skills, str) else (skills or [])
        hit = _fits(wanted, have)
        score, reasons = (SKILL, [_("技能对口：%(skills)s") % {"skills": "、".join(hit)}]) if hit else (0, [])
        if bit and free & bit:
            local = timezone.localtime(at)
            when = f"{free_time.DAYS[local.weekday()]}{free_time.PARTS[free_time.part_of(local.hour)]}"
            score, reasons = score + TIME, [*reasons, _("%(when)s有空") % {"when": when}]
        if building is not None and building_id == building.pk:
            score, reasons = score + BUILDING, [*reasons, _("同一栋楼")]
        elif building is not None and compound_id and compound_id == building.compound_id:
            score, reasons = score + COMPOUND, [*reasons, _("同一小区")]
        elif order.grid_id and grid_id == order.grid_id:
            score, reasons = score + GRID, [*reasons, _("同一网格")]
        if score:
            scored.append(Suggestion(pk, name, score, reasons))
    return sorted(scored, key=lambda s: (-s.score, s.name, s.volunteer_id))[:limit]
