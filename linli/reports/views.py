from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from linli.core import modules
from linli.reports import selectors


@login_required
def region_overview(request):
    rows = selectors.region_overview(actor=request.user)
    if not rows:
        raise Http404
    figures = modules.report_figures()  # each module's counts, in their order
    table = [(r.community, r.values(figures)) for r in rows]
    cards = [(f.card_label, sum(r.counts.get(f.key, 0) for r in rows)) for f in figures if f.card_label]
    return render(
        request, "reports/region_overview.html", {"rows": rows, "figures": figures, "table": table, "cards": cards}
    )


@login_required
def community_figures(request, pk: int):
    return render(
        request, "reports/community_figures.html", selectors.community_breakdown(actor=request.user, community_id=pk)
    )
