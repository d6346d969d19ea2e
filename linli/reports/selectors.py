"""Figures for the street and district: counts over communities, never personal records."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from linli.core.permissions import VIEW_STATS
from linli.core.scoping import scope_for
from linli.core.typing import Actor
from linli.people.models import Household, Resident, ResidentTag
from linli.places.models import Compound
from linli.tenancy.models import Community

ACTIVE = Q(status=Resident.Status.ACTIVE)


def reportable_community_ids(actor: Actor) -> set[int]:
    """Communities whose figures the actor may see: supervised ones, and own ones with view_stats."""
    scope = scope_for(actor)
    if scope.is_superuser:
        return set(Community.objects.values_list("pk", flat=True))
    own = {cid for cid, perms in scope.perms.items() if VIEW_STATS in perms}
    return own | scope.supervised_community_ids


@dataclass
class CommunityFigures:
    community: Community
    residents: int
    households: int
    elderly_60: int
    compounds: int


def region_overview(*, actor: Actor) -> list[CommunityFigures]:
    import datetime as dt

    from django.utils import timezone

    ids = reportable_community_ids(actor)
    communities = Community.objects.filter(pk__in=ids).select_related("street__parent").order_by("street__name", "name")
    today = timezone.localdate()
    born_before = (
        today.replace(year=today.year - 60)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year - 60, 2, 28)
    )
    people = (
        Resident.objects.in_community_ids(ids)
        .filter(ACTIVE)
        .values("community_id")
        .annotate(n=Count("pk"), elderly=Count("pk", filter=Q(birth_date__lte=born_before)))
    )
    by_people = {row["community_id"]: (row["n"], row["elderly"]) for row in people}
    households = dict(
        Household.objects.in_community_ids(ids)
        .filter(status="active")
        .values("community_id")
        .annotate(n=Count("pk"))
        .values_list("community_id", "n")
    )
    compounds = dict(
        Compound.objects.in_community_ids(ids)
        .values("community_id")
        .annotate(n=Count("pk"))
        .values_list("community_id", "n")
    )
    figures = []
    for c in communities:
        residents, elderly = by_people.get(c.pk, (0, 0))
        figures.append(CommunityFigures(c, residents, households.get(c.pk, 0), elderly, compounds.get(c.pk, 0)))
    return figures


def community_breakdown(*, actor: Actor, community_id: int) -> dict:
    if community_id not in reportable_community_ids(actor):
        raise Http404
    community = Community.objects.get(pk=community_id)
    residents = Resident.objects.in_community(community_id).filter(ACTIVE)
    by_compound = (
        residents.values("dwelling__building__compound__name")
        .annotate(n=Count("pk"))
        .order_by("dwelling__building__compound__name")
    )
    by_residence = residents.values("residence").annotate(n=Count("pk")).order_by("residence")
    tags = (
        ResidentTag.objects.in_community(community_id)
        .filter(tag__sensitive=False, resident__status="active")
        .values("tag__name")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    labels = dict(Resident.Residence.choices)
    from django.utils import timezone

    from linli.volunteering.selectors import community_year

    return {
        "community": community,
        "volunteering": community_year(community_id, timezone.localdate().year),  # counts only
        "by_compound": list(by_compound),
        "by_residence": [{"label": labels.get(r["residence"], r["residence"]), "n": r["n"]} for r in by_residence],
        "tags": list(tags),
        "total": residents.count(),
    }
