from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import modules
from linli.reports import selectors, services


@login_required
def region_overview(request):
    rows = selectors.region_overview(actor=request.user)
    if not rows:
        raise Http404
    figures = modules.report_figures()  # each module's counts, in their order
    table = [(r.community, r.values(figures)) for r in rows]
    cards = [(f.card_label, sum(r.counts.get(f.key, 0) for r in rows)) for f in figures if f.card_label]
    counted = [r.computed_at for r in rows if r.computed_at]
    return render(
        request,
        "reports/region_overview.html",
        {"rows": rows, "figures": figures, "table": table, "cards": cards, "counted_at": min(counted, default=None)},
    )


@login_required
@require_POST
def refresh_figures(request):
    """Count the supervisor's own communities again now (the periodic job does all every five minutes)."""
    ids = selectors.reportable_community_ids(request.user)
    if not ids:
        raise Http404
    services.refresh(community_ids=ids)
    services.refresh_figures(community_ids=ids)
    messages.success(request, _("已重新统计 %(n)d 个社区的数字。") % {"n": len(ids)})
    return redirect("reports:region_overview")


@login_required
def community_figures(request, pk: int):
    return render(
        request, "reports/community_figures.html", selectors.community_breakdown(actor=request.user, community_id=pk)
    )
