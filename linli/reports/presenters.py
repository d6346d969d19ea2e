"""What a dashboard page shows, built once for the page, the big screen and the Excel exports: the
figures by section with the compared months, the places below ranked on a figure, its trend over a
year and the breakdowns (age pyramid, cases by category) — each one a table that can be exported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import figures as f
from linli.core.figures import Figure
from linli.reports import dashboards as d
from linli.reports import values

TREND_MONTHS = 12
DEFAULT_RANK = "residents"
HEADLINE = ("residents", "newcomer_share", "volunteer_hours", "cases_by_category", "cases_close_hours", "care_coverage")


@dataclass
class Row:
    figure: Figure
    now: d.Cell
    compared: dict[str, d.Cell]
    change: float | None
    parts: list[tuple[str, d.Cell]] = field(default_factory=list)
    computed_at: dt.datetime | None = None

    @property
    def stale_minutes(self) -> int | None:
        if self.computed_at is None:
            return None
        return int((timezone.now() - self.computed_at).total_seconds() // 60)


@dataclass
class Table:
    """One exportable table: its key (the export's ?table=), title, headers and rows of plain values."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _pair(vals: values.Values, fig: Figure, month: dt.date, place: d.Place):
    data = vals.data.get(fig.key, {}).get(month)
    if data is None or not (place.community_ids & data.keys()):
        return None
    return vals.whole(fig.key, month, place.community_ids)


def _label(fig: Figure, part: str) -> str:
    return str(fig.part_label(part)) if fig.part_label else part


def figure_rows(place: d.Place, month: dt.date, vals: values.Values, figures: list[Figure]) -> list[Row]:
    months = d.compared_months(month)
    rows = []
    for fig in figures:
        now = d.cell(fig, _pair(vals, fig, month, place), sensitive_ok=place.sensitive_ok)
        compared = {
            k: d.cell(fig, _pair(vals, fig, m, place), sensitive_ok=place.sensitive_ok) for k, m in months.items()
        }
        last = compared["last_month"]
        change = None
        if now.value is not None and last.value is not None and not now.hidden and not last.hidden:
            change = now.value - last.value
        parts = []
        if not (fig.sensitive and not place.sensitive_ok):
            split = vals.of(fig.key, month, place.community_ids)
            for part in sorted(k for k in split if k != f.WHOLE):
                parts.append((_label(fig, part), d.cell(fig, split[part], sensitive_ok=True)))
        rows.append(Row(fig, now, compared, change, parts, vals.computed_at.get((fig.key, month))))
    return rows


def compound_rows(place: d.Place, month: dt.date, figures: list[Figure]) -> list[Row]:
    """A compound's figures: those its modules can count per compound, this month and the compared."""
    rows = []
    for fig in figures:
        if fig.by_compound is None:
            continue
        cells = {}
        for key, m in {"now": month, **d.compared_months(month)}.items():
            value = fig.by_compound(place.community_id, m).get(place.pk, 0)
            cells[key] = d.cell(fig, f.pair(value), sensitive_ok=place.sensitive_ok)
        now, last = cells.pop("now"), cells["last_month"]
        change = now.value - last.value if now.value is not None and last.value is not None else None
        rows.append(Row(fig, now, cells, change))
    return rows


def ranking(place: d.Place, month: dt.date, fig: Figure, vals: values.Values | None) -> list[tuple[d.Place, d.Cell]]:
    """The places below, best first on the figure (a hidden value ranks last)."""
    out = []
    if place.kind == "community":
        by_compound = fig.by_compound(place.pk, month) if fig.by_compound else {}
        for child in place.children:
            out.append((child, d.cell(fig, f.pair(by_compound.get(child.pk, 0)), sensitive_ok=place.sensitive_ok)))
    elif vals is not None:
        for child in place.children:
            pair = vals.whole(fig.key, month, child.community_ids)
            out.append((child, d.cell(fig, pair, sensitive_ok=place.sensitive_ok)))
    return sorted(out, key=lambda pc: (pc[1].value is None, -(pc[1].value or 0), pc[0].name))


def trend(place: d.Place, month: dt.date, fig: Figure) -> list[tuple[dt.date, d.Cell]]:
    months = [f.shift_month(month, -i) for i in range(TREND_MONTHS - 1, -1, -1)]
    if place.kind == "compound":
        return [
            (
                m,
                d.cell(
                    fig,
                    f.pair(fig.by_compound(place.community_id, m).get(place.pk, 0)),
                    sensitive_ok=place.sensitive_ok,
                ),
            )
            for m in months
        ]
    vals = values.read([fig], place.community_ids, months, parts=False)
    return [(m, d.cell(fig, _pair(vals, fig, m, place), sensitive_ok=place.sensitive_ok)) for m in months]


def rank_figure(place: d.Place, asked: str | None) -> Figure:
    catalogue = {fig.key: fig for fig in d.catalogue()}
    usable = {k: fig for k, fig in catalogue.items() if place.kind == "region" or fig.by_compound is not None}
    return usable.get(asked or "") or usable.get(DEFAULT_RANK) or next(iter(usable.values()))


def rankable(place: d.Place) -> list[Figure]:
    return [fig for fig in d.catalogue() if place.kind == "region" or fig.by_compound is not None]


def tables(place: d.Place, month: dt.date, rows: list[Row], ranked, trended, rank_fig: Figure) -> list[Table]:
    month_label = f"{month:%Y-%m}"
    summary = Table(
        "figures",
        _("%(place)s %(month)s 统计数字") % {"place": place.name, "month": month_label},
        [_("指标"), _("单位"), _("本月"), _("上月"), _("去年同月"), _("口径")],
        [
            [
                str(r.figure.name),
                str(r.figure.unit),
                r.now.export,
                r.compared["last_month"].export,
                r.compared["last_year"].export,
                str(r.figure.definition),
            ]
            for r in rows
        ],
    )
    out = [summary]
    if ranked:
        out.append(
            Table(
                "ranking",
                _("%(figure)s 排名（%(month)s）") % {"figure": rank_fig.name, "month": month_label},
                [_("名次"), _("名称"), str(rank_fig.name)],
                [[i + 1, child.name, c.export] for i, (child, c) in enumerate(ranked)],
            )
        )
    out.append(
        Table(
            "trend",
            _("%(figure)s 近12个月") % {"figure": rank_fig.name},
            [_("月份"), str(rank_fig.name)],
            [[f"{m:%Y-%m}", c.export] for m, c in trended],
        )
    )
    for r in rows:
        if r.parts:
            out.append(
                Table(
                    f"parts-{r.figure.key}",
                    f"{r.figure.name}（{month_label}）",
                    [_("分项"), str(r.figure.name)],
                    [[label, c.export] for label, c in r.parts],
                )
            )
    return out


def chart_data(rows: list[Row], ranked, trended, rank_fig: Figure) -> dict:
    """The numbers the charts draw (json_script): nothing a table on the page does not show."""
    data: dict = {
        "trend": {
            "title": str(rank_fig.name),
            "x": [f"{m:%Y-%m}" for m, _c in trended],
            "y": [c.value for _m, c in trended],
        },
        "ranking": {"title": str(rank_fig.name), "x": [p.name for p, _c in ranked], "y": [c.value for _p, c in ranked]},
    }
    by_key = {r.figure.key: r for r in rows}
    pyramid = by_key.get("age_pyramid")
    if pyramid and pyramid.parts:
        parts = dict(pyramid.parts)
        bands = [b for b in _bands() if f"{b}/M" in parts or f"{b}/F" in parts]
        data["pyramid"] = {
            "bands": bands,
            "male": [-(parts[f"{b}/M"].value or 0) if f"{b}/M" in parts else 0 for b in bands],
            "female": [parts[f"{b}/F"].value or 0 if f"{b}/F" in parts else 0 for b in bands],
            "labels": [_("男"), _("女")],
        }
    categories = by_key.get("cases_by_category")
    if categories and categories.parts:
        data["categories"] = {"title": str(categories.figure.name), "items": [
            {"name": label, "value": c.value} for label, c in categories.parts if c.value is not None
        ]}  # fmt: skip
    return data


def _bands() -> list[str]:
    return [f"{lo:02d}-{lo + 9:02d}" for lo in range(0, 80, 10)] + ["80+"]
