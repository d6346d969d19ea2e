"""What the people services share: the permission check, the dwelling check, the locked re-read
with optimistic versions, and leaving a household (a move out leaves it too)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from linli.core.scoping import Scope
from linli.people import errors
from linli.people.errors import PeopleError, StaleEditError
from linli.people.models import Household, HouseholdMember, Resident
from linli.people.permissions import EDIT_PEOPLE
from linli.places.models import Dwelling
from linli.places.scope import places_scope

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TABLE = "people_resident"
PII_FIELDS = ("id_number", "phone")
Versioned = TypeVar("Versioned", Resident, Household)


def require_edit(scope: Scope, community_id: int) -> None:
    if not scope.has(EDIT_PEOPLE, community_id):
        raise PeopleError(errors.NOT_ALLOWED, code="forbidden")


def check_dwelling(scope: Scope, community_id: int, dwelling_id: int | None) -> Dwelling | None:
    if dwelling_id is None:
        if not scope.is_superuser and community_id not in scope.full_community_ids:
            raise PeopleError(errors.DWELLING_REQUIRED_FOR_GRID, field="dwelling")
        return None
    dwelling = Dwelling.objects.unscoped().select_related("building").filter(pk=dwelling_id).first()
    if dwelling is None or dwelling.community_id != community_id:
        raise PeopleError(errors.DWELLING_OTHER_COMMUNITY, field="dwelling")
    narrowed = not scope.is_superuser and community_id not in scope.full_community_ids
    if narrowed and dwelling.building.grid_id not in places_scope(scope).grid_ids:
        raise PeopleError(errors.DWELLING_OUTSIDE_GRID, field="dwelling")
    return dwelling


def locked(obj: Versioned, expected_version: int | None) -> Versioned:
    """The row as it is now, locked for this transaction; refused if someone changed it since the
    caller read `expected_version` (optimistic locking for residents and households)."""
    current = type(obj).objects.in_community(obj.community_id).select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEditError(errors.STALE)
    return current


def leave(member: HouseholdMember, date: dt.date, actor: User) -> None:
    member.left_date = date
    member._history_user = actor
    member.save(update_fields=["left_date"])
