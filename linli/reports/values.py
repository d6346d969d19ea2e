"""Reading the figure catalogue's values for a set of communities and months: LIVE figures are
counted now by their module, KEPT ones read from the summary table (models.FigureValue) — a month
not yet kept is counted once and kept. The caller checked that the user may see the communities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from linli.core import figures as f
from linli.core.figures import Figure
from linli.reports.models import FigureValue

Parts = dict[str, tuple[float, float | None]]


@dataclass
class Values:
    """figure key -> month -> community -> part -> (value, weight); computed_at per (key, month)
    (None for a LIVE figure: counted for this page)."""

    data: dict[str, dict[dt.date, dict[int, Parts]]] = field(default_factory=dict)
    computed_at: dict[tuple[str, dt.date], dt.datetime | None] = field(default_factory=dict)

    def of(self, key: str, month: dt.date, community_ids: Iterable[int]) -> Parts:
        """The parts summed over these communities."""
        rows = self.data.get(key, {}).get(month, {})
        out: dict[str, list[tuple[float, float | None]]] = {}
        for cid in community_ids:
            for part, pair in rows.get(cid, {}).items():
                out.setdefault(part, []).append(pair)
        return {part: f.add(pairs) for part, pairs in out.items()}

    def whole(self, key: str, month: dt.date, community_ids: Iterable[int]) -> tuple[float, float | None]:
        return self.of(key, month, community_ids).get(f.WHOLE, (0.0, None))


def compute(figure: Figure, community_ids: set[int], month: dt.date) -> dict[int, Parts]:
    return f.normalise(figure.compute(set(community_ids), month), set(community_ids))


def keep(
    figure: Figure, community_ids: set[int], month: dt.date, *, now: dt.datetime | None = None
) -> dict[int, Parts]:
    """Count a kept figure for these communities and month and write it to the summary table."""
    now = now or timezone.now()
    counted = compute(figure, community_ids, month)
    rows = [
        FigureValue(community_id=cid, figure=figure.key, part=part, month=month, value=v, weight=w, computed_at=now)
        for cid, parts in counted.items()
        for part, (v, w) in parts.items()
    ]
    FigureValue.objects.filter(figure=figure.key, month=month, community_id__in=community_ids).delete()
    FigureValue.objects.bulk_create(rows, batch_size=500)
    return counted


def read(
    figures: Iterable[Figure], community_ids: set[int], months: Iterable[dt.date], *, parts: bool = True
) -> Values:
    """The values of these figures for these communities and months. `parts=False` reads only the
    wholes of kept figures (a comparison column needs no breakdown)."""
    figures, months = list(figures), sorted(set(months))
    out = Values()
    kept = {fig.key: fig for fig in figures if fig.kept == f.KEPT}
    if kept and community_ids:
        stored = FigureValue.objects.filter(figure__in=kept, month__in=months, community_id__in=community_ids)
        if not parts:
            stored = stored.filter(part=f.WHOLE)
        for key, month, cid, part, v, w, at in stored.values_list(
            "figure", "month", "community_id", "part", "value", "weight", "computed_at"
        ):
            out.data.setdefault(key, {}).setdefault(month, {}).setdefault(cid, {})[part] = (v, w)
            known = out.computed_at.get((key, month))
            out.computed_at[(key, month)] = at if known is None else min(known, at)
    this_month = f.month_start(timezone.localdate())
    for fig in figures:
        for month in months:
            if not fig.monthly and month != this_month:
                continue  # a figure of the present has a past only where it was kept then
            if fig.kept == f.LIVE:
                out.data.setdefault(fig.key, {})[month] = compute(fig, community_ids, month)
                out.computed_at[(fig.key, month)] = None
                continue
            have = out.data.get(fig.key, {}).get(month, {})
            if missing := community_ids - have.keys():
                now = timezone.now()
                counted = keep(fig, missing, month, now=now)
                out.data.setdefault(fig.key, {}).setdefault(month, {}).update(counted)
                known = out.computed_at.get((fig.key, month))
                out.computed_at[(fig.key, month)] = now if known is None else min(known, now)
    return out


def refresh_kept(figures: Iterable[Figure], community_ids: set[int], months: Iterable[dt.date]) -> int:
    """The periodic job's round: count every kept figure again; returns how many values were written."""
    written = 0
    now = timezone.now()
    for fig in figures:
        if fig.kept != f.KEPT:
            continue
        for month in months:
            if not fig.monthly and month != f.month_start(timezone.localdate()):
                continue  # a figure of the present is kept for the current month only
            counted = keep(fig, community_ids, month, now=now)
            written += sum(len(parts) for parts in counted.values())
    return written
