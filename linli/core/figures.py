"""The figure catalogue: what a module declares once about each figure it can count (issue 19).

A figure has a key, a name, a definition (shown one click away from every value), a unit and a
`compute(community_ids, month)` giving its value per community for a month (the first day of the
month; a stock figure such as residents is counted as of the month's last day, or today in the
current month). A figure may come in parts (cases by category, age bands): then `compute` gives a
dict part -> value per community, and the whole is the sum of its parts.

Values are of three kinds, so that a street's value can be made from its communities' values:
- COUNT: a number; a region's value is the sum.
- MEAN and SHARE: a pair (total, n) — the hours to close summed over n cases, the newcomers among n
  residents; a region's value is sum(total) / sum(n) (times 100 for a share), never a mean of means.

`kept` says how a figure stays current: LIVE figures are counted on each request (cheap, indexed
counts); KEPT figures are read from reports' summary table, which the periodic job writes every
round (`max_age_minutes` is how stale the page may show them; the page shows their age).

`min_group`: a value that would single out fewer than this many people is shown as "<min_group"
(a count 1..min_group-1; a mean or share over fewer than min_group people). `sensitive`: a figure
about a sensitive group (PIPL Art. 28) is shown only for communities where the user is granted the
sensitive tags; everyone else sees the figure withheld.

Core imports no app: the modules hand their figures to the registry (modules.Module.figures).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

COUNT = "count"
MEAN = "mean"
SHARE = "share"
LIVE = "live"
KEPT = "kept"
WHOLE = ""  # the part key of a figure's whole value

# The dashboard's sections, in their order on the page.
GROUPS: dict[str, str] = {
    "population": "人口",
    "people_power": "党员和志愿力量",
    "needs": "民情诉求与议事",
    "participation": "活动与学习",
    "care": "关爱走访",
    "services": "场地与借阅",
}

Value = int | float | tuple[float, float]
Rows = Mapping[int, "Value | Mapping[str, Value]"]


@dataclass(frozen=True)
class Figure:
    key: str
    name: Any  # lazy translations
    definition: Any
    unit: Any
    group: str
    compute: Callable[[set[int], dt.date], Rows]
    kind: str = COUNT
    order: int = 100
    sensitive: bool = False
    kept: str = LIVE
    max_age_minutes: int | None = None  # KEPT figures: how old a shown value may be
    min_group: int = 0
    # (community_id, month) -> compound id (None: no address) -> value, for the drill-down
    by_compound: Callable[[int, dt.date], Mapping[int | None, Value]] | None = None
    monthly: bool = True  # False: the value does not depend on the month (counted as of now)
    part_label: Callable[[str], Any] | None = None  # a part's key as shown (a channel's code -> its name)

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"figure {self.key!r}: unknown group {self.group!r}")
        if self.kind not in (COUNT, MEAN, SHARE) or self.kept not in (LIVE, KEPT):
            raise ValueError(f"figure {self.key!r}: unknown kind or freshness")


def pair(value: Value) -> tuple[float, float | None]:
    """(value, weight): a count has no weight."""
    if isinstance(value, tuple):
        return float(value[0]), float(value[1])
    return float(value), None


def normalise(rows: Rows, community_ids: set[int]) -> dict[int, dict[str, tuple[float, float | None]]]:
    """Every community's parts as (value, weight), the whole under WHOLE (the sum of the parts when
    the module gave parts only); a community the module did not mention counts zero."""
    out: dict[int, dict[str, tuple[float, float | None]]] = {}
    for cid in community_ids:
        given = rows.get(cid, 0)
        if isinstance(given, Mapping):
            parts = {str(k): pair(v) for k, v in given.items()}
            if WHOLE not in parts:
                parts[WHOLE] = add(parts.values())
            out[cid] = parts
        else:
            out[cid] = {WHOLE: pair(given)}
    return out


def add(values) -> tuple[float, float | None]:
    total, weight, weighted = 0.0, 0.0, False
    for value, w in values:
        total += value
        if w is not None:
            weight += w
            weighted = True
    return total, (weight if weighted else None)


def shown(figure: Figure, value: float, weight: float | None) -> float | None:
    """The number shown: a count as is, a mean total/n, a share as a percentage; None when a mean or
    share has no one to count over."""
    if figure.kind == COUNT:
        return value
    if not weight:
        return None
    return value / weight * (100 if figure.kind == SHARE else 1)


def suppressed(figure: Figure, value: float, weight: float | None) -> bool:
    """Whether the value would single out fewer than min_group people."""
    if not figure.min_group:
        return False
    if figure.kind == COUNT:
        return 0 < value < figure.min_group
    return weight is not None and 0 < weight < figure.min_group


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    """The month's last day."""
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def shift_month(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month as an aware [start, end) in the local time zone."""
    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(month, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(shift_month(month, 1), dt.time.min))
    return start, end


def as_of(month: dt.date, today: dt.date) -> dt.date:
    """The day a stock figure is counted on for a month: its last day, or today in the current month."""
    return min(month_end(month), today)


def per_community(queryset, measure=None) -> dict[int, float]:
    """A queryset's rows counted (or `measure` aggregated) per community: one GROUP BY."""
    from django.db.models import Count

    rows = queryset.order_by().values("community_id").annotate(n=measure if measure is not None else Count("pk"))
    return {row["community_id"]: row["n"] or 0 for row in rows}


def per_community_part(queryset, part: str, measure=None) -> dict[int, dict[str, float]]:
    """The same, split by the value of `part` (a field path): community -> part -> n."""
    from django.db.models import Count

    rows = (
        queryset.order_by()
        .values_list("community_id", part)
        .annotate(n=measure if measure is not None else Count("pk"))
    )
    out: dict[int, dict[str, float]] = {}
    for cid, key, n in rows:
        out.setdefault(cid, {})[str(key)] = n or 0
    return out


def hours_between(pairs) -> tuple[float, int]:
    """(hours summed, n) over (start, end) datetime pairs, for a MEAN figure of durations."""
    total, n = 0.0, 0
    for start, end in pairs:
        if start and end and end >= start:
            total += (end - start).total_seconds() / 3600
            n += 1
    return total, n
