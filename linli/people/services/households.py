"""Changes to households (户): create, renumber or move, add and remove members (one current
household per person, one head per household), dissolve when empty. Kept, never deleted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from linli.core.scoping import scope_for
from linli.people import errors
from linli.people.errors import PeopleError
from linli.people.models import Household, HouseholdMember, Relation, Resident
from linli.people.services.base import check_dwelling, leave, locked, require_edit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community


@transaction.atomic
def household_create(
    *,
    actor: User,
    community: Community,
    number: str,
    dwelling_id: int | None,
    notes: str = "",
    head: Resident | None = None,
) -> Household:
    """A new household; with `head`, that resident joins it as 户主 at once (or nothing is created)."""
    scope = scope_for(actor)
    require_edit(scope, community.pk)
    number = (number or "").strip()
    if not number:
        raise PeopleError(errors.NAME_REQUIRED, field="number")
    dwelling = check_dwelling(scope, community.pk, dwelling_id)
    try:
        with transaction.atomic():
            household = Household(community=community, number=number, dwelling=dwelling, notes=notes)
            household._history_user = actor
            household.save()
    except IntegrityError:
        raise PeopleError(errors.HOUSEHOLD_NUMBER_TAKEN % {"number": number}, field="number") from None
    if head is not None:
        household_add_member(actor=actor, household=household, resident=head, relation=Relation.HEAD)
    return household


@transaction.atomic
def household_add_member(
    *, actor: User, household: Household, resident: Resident, relation: str, joined_date: dt.date | None = None
) -> HouseholdMember:
    scope = scope_for(actor)
    require_edit(scope, household.community_id)
    if resident.community_id != household.community_id:
        raise PeopleError(errors.HOUSEHOLD_OTHER_COMMUNITY, field="resident")
    members = HouseholdMember.objects.in_community(household.community_id).select_for_update()
    existing = members.filter(resident=resident, left_date__isnull=True).select_related("household").first()
    if existing:
        raise PeopleError(errors.SECOND_HOUSEHOLD % {"number": existing.household.number}, field="resident")
    if (
        relation == Relation.HEAD
        and members.filter(household=household, relation=Relation.HEAD, left_date__isnull=True).exists()
    ):
        raise PeopleError(errors.SECOND_HEAD, field="relation")
    if relation not in Relation.values:
        raise PeopleError(errors.UNKNOWN_RELATION, field="relation")
    try:
        with transaction.atomic():
            member = HouseholdMember(
                community_id=household.community_id,
                household=household,
                resident=resident,
                relation=relation,
                joined_date=joined_date or timezone.localdate(),
            )
            member._history_user = actor
            member.save()
    except IntegrityError:
        # Someone else added this resident or a head at the same moment.
        raise PeopleError(errors.SECOND_HOUSEHOLD % {"number": "?"}, field="resident") from None
    return member


@transaction.atomic
def household_remove_member(
    *, actor: User, member: HouseholdMember, left_date: dt.date | None = None
) -> HouseholdMember:
    require_edit(scope_for(actor), member.community_id)
    member = HouseholdMember.objects.in_community(member.community_id).select_for_update().get(pk=member.pk)
    if member.left_date is not None:
        raise PeopleError(errors.MEMBER_HAS_LEFT)
    leave(member, left_date or timezone.localdate(), actor)
    return member


@transaction.atomic
def household_update(
    *,
    actor: User,
    household: Household,
    number: str,
    dwelling_id: int | None,
    notes: str = "",
    expected_version: int | None,
) -> Household:
    scope = scope_for(actor)
    require_edit(scope, household.community_id)
    current = locked(household, expected_version)
    if current.status != Household.Status.ACTIVE:
        raise PeopleError(errors.HOUSEHOLD_DISSOLVED)
    number = (number or "").strip()
    if not number:
        raise PeopleError(errors.NAME_REQUIRED, field="number")
    if dwelling_id != current.dwelling_id:
        current.dwelling = check_dwelling(scope, current.community_id, dwelling_id)
    current.number, current.notes = number, notes
    current.version += 1
    current._history_user = actor
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise PeopleError(errors.HOUSEHOLD_NUMBER_TAKEN % {"number": number}, field="number") from None
    return current


@transaction.atomic
def household_dissolve(*, actor: User, household: Household) -> Household:
    """Close a household whose members have all left (kept, never deleted)."""
    require_edit(scope_for(actor), household.community_id)
    current = locked(household, None)
    if current.status != Household.Status.ACTIVE:
        raise PeopleError(errors.HOUSEHOLD_DISSOLVED)
    members = HouseholdMember.objects.in_community(current.community_id).filter(
        household=current, left_date__isnull=True
    )
    if (n := members.count()) > 0:
        raise PeopleError(errors.HOUSEHOLD_NOT_EMPTY % {"n": n})
    current.status = Household.Status.DISSOLVED
    current.version += 1
    current._history_user = actor
    current.save(update_fields=["status", "version"])
    return current
