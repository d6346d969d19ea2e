"""The dashboards: a region, a community or a compound for a month, compared with the last month and
the same month a year before, the places below ranked on a figure, charts (ECharts, drawn by
reports/dashboard.js from the page's json_script data), the big screen (?screen=wall) and each table
as an Excel file. Every place is loaded for the user (dashboards.*_place), so others' are 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import figures as f
from linli.core.exports import spreadsheet_response
from linli.core.ui import id_param
from linli.reports import dashboards as d
from linli.reports import presenters as p
from linli.reports.selectors import reportable_community_ids

MONTH_PROBLEMS = {
    "future": "不能查看未来的月份，已显示本月。",
    "bad": "月份的格式应为“2026-11”，已显示本月。",
}


@login_required
def dashboard_home(request):
    start = d.start_place(actor=request.user)
    if start is None:
        raise Http404
    kind, pk = start
    return redirect(f"reports:{kind}_dashboard", pk=pk)


@login_required
def figure_catalogue(request):
    if not reportable_community_ids(request.user):
        raise Http404
    groups = [(label, [fig for fig in d.catalogue() if fig.group == key]) for key, label in f.GROUPS.items()]
    return render(request, "reports/catalogue.html", {"groups": groups, "f": f})


def _place(request, kind: str, pk: int):
    if kind == "region":
        return d.region_place(actor=request.user, pk=pk)
    if kind == "community":
        return d.community_place(actor=request.user, pk=pk)
    if kind == "compound":
        community_pk = id_param(request.GET.get("community"))
        if community_pk is None:
            raise Http404
        return d.compound_place(actor=request.user, community_pk=community_pk, pk=pk)
    raise Http404


def _context(request, place):
    month, problem = d.month_param(request.GET.get("month"), timezone.localdate())
    figures = d.catalogue()
    if place.kind == "compound":
        rows = p.compound_rows(place, month, figures)
        vals = None
    else:
        vals = d.figure_values(place, month, figures)
        rows = p.figure_rows(place, month, vals, figures)
    rank_fig = p.rank_figure(place, request.GET.get("rank"))
    ranked = p.ranking(place, month, rank_fig, vals) if place.children else []
    trended = p.trend(place, month, rank_fig)
    tables = p.tables(place, month, rows, ranked, trended, rank_fig)
    return {
        "place": place,
        "month": month,
        "month_problem": _(MONTH_PROBLEMS[problem]) if problem else "",
        "months": d.compared_months(month),
        "this_month": f.month_start(timezone.localdate()),
        "sections": [(label, [r for r in rows if r.figure.group == key]) for key, label in f.GROUPS.items()],
        "rows": rows,
        "rank_fig": rank_fig,
        "rankable": p.rankable(place),
        "ranked": ranked,
        "trended": trended,
        "tables": tables,
        "charts": p.chart_data(rows, ranked, trended, rank_fig),
        "headline": [r for key in p.HEADLINE for r in rows if r.figure.key == key],
        "export_url": _export_url(place),
        "wall": request.GET.get("screen") == "wall",
        "KEPT": f.KEPT,
    }


def _export_url(place) -> str:
    url = reverse("reports:dashboard_export", kwargs={"kind": place.kind, "pk": place.pk})
    return f"{url}?community={place.community_id}" if place.kind == "compound" else url


def _render(request, place):
    context = _context(request, place)
    template = "reports/wall.html" if context["wall"] else "reports/dashboard.html"
    return render(request, template, context)


@login_required
def region_dashboard(request, pk: int):
    return _render(request, d.region_place(actor=request.user, pk=pk))


@login_required
def community_dashboard(request, pk: int):
    return _render(request, d.community_place(actor=request.user, pk=pk))


@login_required
def compound_dashboard(request, community_pk: int, pk: int):
    return _render(request, d.compound_place(actor=request.user, community_pk=community_pk, pk=pk))


@login_required
def dashboard_export(request, kind: str, pk: int):
    """One of the page's tables (?table=figures|ranking|trend|parts-<figure>) as an xlsx (or csv)."""
    place = _place(request, kind, pk)
    context = _context(request, place)
    wanted = request.GET.get("table") or "figures"
    table = next((t for t in context["tables"] if t.key == wanted), None)
    if table is None:
        raise Http404
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return spreadsheet_response(title=table.title[:80], fmt=fmt, headers=table.headers, rows=table.rows)
