"""The households of a worker's grids, found in three taps (building → unit → room) or by a
member's name: each step one query, names and rooms only."""

from __future__ import annotations

from django.db.models import Count, Q

from linli.core.scoping import Scope, tenant_join
from linli.people.models import Household, HouseholdMember
from linli.places.models import Building, Dwelling, Unit


def _households(scope: Scope, community_id: int):
    return Household.objects.visible_to(scope).filter(community_id=community_id, status=Household.Status.ACTIVE)


def picker_buildings(*, scope: Scope, community_id: int) -> list[Building]:
    building_ids = _households(scope, community_id).values("dwelling__building_id")
    return list(
        Building.objects.in_community(community_id)
        .filter(pk__in=building_ids)
        .select_related("compound")
        .order_by("compound__name", "name")
    )


def picker_units(*, scope: Scope, community_id: int, building_id: int) -> tuple[Building | None, list[Unit], bool]:
    """(building, its units, whether it has rooms outside any unit)."""
    building = next((b for b in picker_buildings(scope=scope, community_id=community_id) if b.pk == building_id), None)
    if building is None:
        return None, [], False
    units = list(Unit.objects.in_community(community_id).filter(building=building).order_by("name"))
    loose = Dwelling.objects.in_community(community_id).filter(building=building, unit__isnull=True).exists()
    return building, units, loose


def picker_rooms(*, scope: Scope, community_id: int, building_id: int, unit_id: int | None) -> list[Household]:
    rows = _households(scope, community_id).filter(dwelling__building_id=building_id)
    rows = rows.filter(dwelling__unit_id=unit_id) if unit_id else rows.filter(dwelling__unit__isnull=True)
    rows, members = tenant_join(rows, "members", community_id, left_date__isnull=True)
    return list(rows.select_related("dwelling").annotate(size=Count(members)).order_by("dwelling__room", "number"))


def search_households(*, scope: Scope, community_id: int, query: str, limit: int = 20) -> list[Household]:
    query = query.strip()
    if not query:
        return []
    visible = _households(scope, community_id)
    by_member = (
        HouseholdMember.objects.in_community(community_id)
        .filter(left_date__isnull=True)
        .filter(
            Q(resident__name__contains=query)
            | Q(resident__name_pinyin__startswith=query.lower())
            | Q(resident__name_abbr__startswith=query.lower())
        )  # fmt: skip
        .values("household_id")
    )
    return list(
        visible.filter(Q(pk__in=by_member) | Q(number=query))
        .select_related("dwelling__building__compound", "dwelling__unit")
        .order_by("number")[:limit]
    )


def form_household(*, scope: Scope, community_id: int, household_id: int | None) -> tuple[Household | None, list]:
    """The household of the form and its current members (id, name, relation), or (None, [])."""
    household = (
        _households(scope, community_id)
        .filter(pk=household_id or 0)
        .select_related("dwelling__building__compound", "dwelling__unit")
        .first()
    )
    if household is None:
        return None, []
    members = list(
        HouseholdMember.objects.in_community(community_id)
        .filter(household=household, left_date__isnull=True)
        .select_related("resident")
        .order_by("pk")
    )
    return household, members
