from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from linli.reports import selectors


@login_required
def region_overview(request):
    rows = selectors.region_overview(actor=request.user)
    if not rows:
        raise Http404
    totals = {k: sum(getattr(r, k) for r in rows) for k in ("residents", "households", "elderly_60", "compounds")}
    return render(request, "reports/region_overview.html", {"rows": rows, "totals": totals})


@login_required
def community_figures(request, pk: int):
    return render(
        request, "reports/community_figures.html", selectors.community_breakdown(actor=request.user, community_id=pk)
    )
