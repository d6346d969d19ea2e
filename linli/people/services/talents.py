"""Talents and skills of residents (居民人才库), added and removed by the registry's editors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.normalize import normalize_name
from linli.core.scoping import scope_for
from linli.people import errors
from linli.people.errors import PeopleError
from linli.people.models import Resident, Talent
from linli.people.services.base import require_edit

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def talent_add(*, actor: User, resident: Resident, skill: str, note: str = "", willing_to_serve: bool = True) -> Talent:
    require_edit(scope_for(actor), resident.community_id)
    skill = normalize_name(skill)
    if not skill:
        raise PeopleError(errors.SKILL_REQUIRED, field="skill")
    talent = Talent(community_id=resident.community_id, resident=resident, skill=skill[:50], note=note[:200],
                    willing_to_serve=willing_to_serve)  # fmt: skip
    talent._history_user = actor
    talent.save()
    return talent


def talent_remove(*, actor: User, talent: Talent) -> None:
    require_edit(scope_for(actor), talent.community_id)
    Talent.objects.in_community(talent.community_id).filter(pk=talent.pk).delete()
