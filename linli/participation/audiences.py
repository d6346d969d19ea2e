"""Who an offering is for (its `audience`, a small JSON rule) and whether a resident is among them.

A rule holds any of: `min_age`/`max_age` (years on the day the offering starts), `compounds` and
`buildings` (ids: he lives in one of them), `tags` (ids of people's tags: he carries one of them),
`with_children` (his household has a member under 18) and `sources` (keys of audience sources:
he belongs to each). Every condition given must hold; an empty rule lets every resident in.

Sources are how modules above the engine add groups without the engine importing them: party
registers "party_member" from its own app (`register_source`), the engine itself "newcomer" (新市民).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.errors import StrOrPromise

CHILD_AGE = 18


@dataclass(frozen=True)
class Source:
    key: str
    label: Any  # a lazy translation: "党员"
    # (community_id, resident ids) -> those of them who belong
    members: Callable[[int, set[int]], set[int]]


_sources: dict[str, Source] = {}


def register_source(key: str, label: Any, members: Callable[[int, set[int]], set[int]]) -> Source:
    source = Source(key, label, members)
    _sources[key] = source
    return source


def sources() -> list[Source]:
    return list(_sources.values())


def source_label(key: str) -> StrOrPromise:
    return _sources[key].label if key in _sources else key


def _newcomers(community_id: int, resident_ids: set[int]) -> set[int]:
    from linli.people.models import Resident
    from linli.people.selectors import newcomer_q
    from linli.tenancy.models import Community

    community = Community.objects.get(pk=community_id)
    rows = Resident.objects.in_community(community_id).filter(newcomer_q(community), pk__in=resident_ids)
    return set(rows.values_list("pk", flat=True))


register_source("newcomer", gettext_lazy("新市民"), _newcomers)


def age_on(birth_date: dt.date | None, day: dt.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


@dataclass
class Facts:
    """What the rule needs to know of the residents it is asked about, read in a few queries."""

    birth: dict[int, dt.date | None]
    compound: dict[int, int | None]
    building: dict[int, int | None]
    tags: dict[int, set[int]]
    with_children: set[int]


def facts(community_id: int, resident_ids: Iterable[int], day: dt.date) -> Facts:
    from linli.people.models import HouseholdMember, Resident, ResidentTag

    ids = set(resident_ids)
    rows = Resident.objects.in_community(community_id).filter(pk__in=ids)
    values = rows.values_list("pk", "birth_date", "dwelling__building_id", "dwelling__building__compound_id")
    birth, building, compound = {}, {}, {}
    for pk, born, building_id, compound_id in values:
        birth[pk], building[pk], compound[pk] = born, building_id, compound_id
    tags: dict[int, set[int]] = {}
    for rid, tag_id in (
        ResidentTag.objects.in_community(community_id).filter(resident_id__in=ids).values_list("resident_id", "tag_id")
    ):
        tags.setdefault(rid, set()).add(tag_id)
    adult_born = dt.date(day.year - CHILD_AGE, day.month, min(day.day, 28))
    current = HouseholdMember.objects.in_community(community_id).filter(left_date__isnull=True)
    households = dict(current.filter(resident_id__in=ids).values_list("resident_id", "household_id"))
    with_kids = set(
        current.filter(household_id__in=set(households.values()), resident__birth_date__gt=adult_born).values_list(
            "household_id", flat=True
        )
    )
    return Facts(birth, compound, building, tags, {r for r, h in households.items() if h in with_kids})


def refusal(rule: dict, resident_id: int, known: Facts, day: dt.date, community_id: int) -> StrOrPromise | None:
    """Why this resident is not in the rule's audience, or None when he is."""
    age = age_on(known.birth.get(resident_id), day)
    low, high = rule.get("min_age"), rule.get("max_age")
    if (low is not None or high is not None) and age is None:
        return _("这项活动有年龄要求，但登记里没有出生日期，请联系社区补登。")
    if low is not None and age is not None and age < low:
        return _("这项活动只限%(n)d岁以上参加（%(age)d岁）。") % {"n": low, "age": age}
    if high is not None and age is not None and age > high:
        return _("这项活动只限%(n)d岁以下参加（%(age)d岁）。") % {"n": high, "age": age}
    if rule.get("compounds") and known.compound.get(resident_id) not in set(rule["compounds"]):
        return _("这项活动只面向指定小区的居民。")
    if rule.get("buildings") and known.building.get(resident_id) not in set(rule["buildings"]):
        return _("这项活动只面向指定楼栋的居民。")
    if rule.get("tags") and not known.tags.get(resident_id, set()) & set(rule["tags"]):
        return _("这项活动只面向指定的居民群体。")
    if rule.get("with_children") and resident_id not in known.with_children:
        return _("这项活动只面向有未成年孩子的家庭。")
    for key in rule.get("sources", []):
        source = _sources.get(key)
        if source is None or resident_id not in source.members(community_id, {resident_id}):
            return _("这项活动只面向%(who)s。") % {"who": source_label(key)}
    return None


def open_to(rule: dict, community_id: int, resident_ids: Iterable[int], day: dt.date) -> set[int]:
    """Those of these residents the rule lets in (a browse page's batch: a query per source, not per person)."""
    ids = set(resident_ids)
    if not rule or not ids:
        return ids
    known = facts(community_id, ids, day)
    passing = {r for r in ids if refusal({**rule, "sources": []}, r, known, day, community_id) is None}
    for key in rule.get("sources", []):
        source = _sources.get(key)
        passing &= source.members(community_id, passing) if source else set()
    return passing


def describe(rule: dict) -> list[StrOrPromise]:
    """The rule in words, for the event page ("60岁以上", "党员")."""
    out: list[StrOrPromise] = []
    low, high = rule.get("min_age"), rule.get("max_age")
    if low is not None and high is not None:
        out.append(_("%(a)d–%(b)d岁") % {"a": low, "b": high})
    elif low is not None:
        out.append(_("%(n)d岁以上") % {"n": low})
    elif high is not None:
        out.append(_("%(n)d岁以下") % {"n": high})
    if rule.get("compounds"):
        out.append(_("指定小区"))
    if rule.get("buildings"):
        out.append(_("指定楼栋"))
    if rule.get("tags"):
        out.append(_("指定群体"))
    if rule.get("with_children"):
        out.append(_("有孩子的家庭"))
    out.extend(source_label(k) for k in rule.get("sources", []))
    return out
