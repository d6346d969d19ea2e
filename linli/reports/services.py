"""Writing the street's per-community figures (models.CommunityFigures)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from linli.core import figures as f
from linli.core import modules
from linli.reports import values
from linli.reports.models import CommunityFigures
from linli.tenancy.models import Community

# The modules count a chunk of communities at a time with one GROUP BY each.
CHUNK = 50


def refresh(*, community_ids: Iterable[int] | None = None) -> int:
    """Count again for these communities (all when None); returns how many rows were written."""
    ids = sorted(set(Community.objects.values_list("pk", flat=True)) if community_ids is None else set(community_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        counts = modules.report_counts(set(chunk))
        now = timezone.now()
        rows = [CommunityFigures(community_id=cid, counts=counts.get(cid, {}), computed_at=now) for cid in chunk]
        with transaction.atomic():
            CommunityFigures.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["community"], update_fields=["counts", "computed_at"]
            )
        written += len(rows)
    return written


def refresh_figures(*, community_ids: Iterable[int] | None = None) -> int:
    """The kept figures of the catalogue for this month and the last (last month's values, kept while
    it was still running, are counted once more after it ended); returns how many values were written."""
    ids = sorted(set(Community.objects.values_list("pk", flat=True)) if community_ids is None else set(community_ids))
    month = f.month_start(timezone.localdate())
    catalogue = list(modules.figure_catalogue().values())
    written = 0
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            written += values.refresh_kept(
                catalogue, set(ids[start : start + CHUNK]), [f.shift_month(month, -1), month]
            )
    return written
