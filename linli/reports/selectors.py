"""Figures for the street and district: counts over communities, never personal records."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from linli.core import modules
from linli.core.permissions import VIEW_STATS
from linli.core.scoping import scope_for
from linli.core.typing import Actor
from linli.people.models import Resident, ResidentTag
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
    """One community's row of the overview: its counts by figure key (modules.report_figures())."""

    community: Community
    counts: dict[str, int]

    def values(self, figures: list[modules.ReportFigure]) -> list[int]:
        return [self.counts.get(f.key, 0) for f in figures]


def region_overview(*, actor: Actor) -> list[CommunityFigures]:
    """Every community the actor may see figures of, with each module's counts for it."""
    ids = reportable_community_ids(actor)
    communities = Community.objects.filter(pk__in=ids).select_related("street__parent").order_by("street__name", "name")
    counts = modules.report_counts(ids)
    return [CommunityFigures(c, counts.get(c.pk, {})) for c in communities]


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
