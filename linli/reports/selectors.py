"""Figures for the street and district: counts over communities, never personal records."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.http import Http404

from linli.core import modules
from linli.core.permissions import VIEW_STATS
from linli.core.scoping import scope_for, tenant_join
from linli.core.typing import Actor
from linli.people.models import Resident, ResidentTag
from linli.places.models import Compound
from linli.reports import services
from linli.reports.models import CommunityFigures as StoredFigures
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
    """One community's row of the overview: its counts by figure key (modules.report_figures()),
    as counted at `computed_at` (models.CommunityFigures, kept current by the periodic job)."""

    community: Community
    counts: dict[str, int]
    computed_at: datetime | None = None

    def values(self, figures: list[modules.ReportFigure]) -> list[int]:
        return [self.counts.get(f.key, 0) for f in figures]


def region_overview(*, actor: Actor) -> list[CommunityFigures]:
    """Every community the actor may see figures of, with each module's counts for it: read from the
    per-community rows (as many rows as communities); a community not yet counted is counted now."""
    ids = reportable_community_ids(actor)
    communities = Community.objects.filter(pk__in=ids).select_related("street__parent").order_by("street__name", "name")
    kept = {row.community_id: row for row in StoredFigures.objects.filter(community_id__in=ids)}
    if missing := ids - kept.keys():
        services.refresh(community_ids=missing)
        kept.update((row.community_id, row) for row in StoredFigures.objects.filter(community_id__in=missing))
    return [
        CommunityFigures(c, kept[c.pk].counts, kept[c.pk].computed_at) if c.pk in kept else CommunityFigures(c, {})
        for c in communities
    ]


def community_breakdown(*, actor: Actor, community_id: int) -> dict:
    if community_id not in reportable_community_ids(actor):
        raise Http404
    community = Community.objects.get(pk=community_id)
    residents = Resident.objects.in_community(community_id).filter(ACTIVE)
    # From the compounds down, each join keyed by the community (core.scoping.tenant_join), so the
    # city's other dwellings are never read; then those with no address.
    compounds, alias = tenant_join(
        Compound.objects.in_community(community_id), "buildings__dwellings__residents", community_id, status="active"
    )
    by_compound = [
        {"name": row["name"], "n": row["n"]}
        for row in compounds.values("name").annotate(n=Count(alias)).order_by("name")
        if row["n"]
    ]
    if no_address := residents.filter(dwelling__isnull=True).count():
        by_compound.append({"name": None, "n": no_address})
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
        "by_compound": by_compound,
        "by_residence": [{"label": labels.get(r["residence"], r["residence"]), "n": r["n"]} for r in by_residence],
        "tags": list(tags),
        "total": residents.count(),
    }
