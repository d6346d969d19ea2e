"""The relation to the head a new member most likely has, to preselect when adding them: 户主 only
when the household has none, otherwise a guess from the ages and genders (the worker can change it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from linli.people.models import Relation

if TYPE_CHECKING:
    from linli.people.models import HouseholdMember, Resident

GENERATION = 16  # years between a parent and a child, at the least
TWO_GENERATIONS = 40


def _years_older(a: Resident, b: Resident) -> float | None:
    """How many years `a` is older than `b`, or None when a birth date is missing."""
    if a.birth_date is None or b.birth_date is None:
        return None
    return (b.birth_date - a.birth_date).days / 365.25


def _by_gender(resident: Resident, male: str, female: str) -> str:
    return {"M": male, "F": female}.get(resident.gender, Relation.OTHER)


def suggest_relation(candidate: Resident, current: Iterable[HouseholdMember]) -> str:
    """The relation to preselect for `candidate` joining a household whose current members are
    `current` (their residents loaded)."""
    members = list(current)
    head = next((m.resident for m in members if m.relation == Relation.HEAD), None)
    if head is None:
        return Relation.HEAD
    gap = _years_older(head, candidate)
    if gap is None:
        return Relation.OTHER
    if gap >= TWO_GENERATIONS:
        return Relation.GRANDCHILD
    if gap >= GENERATION:
        return _by_gender(candidate, Relation.SON, Relation.DAUGHTER)
    if gap <= -TWO_GENERATIONS:
        return Relation.GRANDPARENT
    if gap <= -GENERATION:
        return _by_gender(candidate, Relation.FATHER, Relation.MOTHER)
    has_spouse = any(m.relation == Relation.SPOUSE for m in members)
    if not has_spouse and head.gender and candidate.gender and head.gender != candidate.gender:
        return Relation.SPOUSE
    return Relation.OTHER
