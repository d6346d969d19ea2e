"""Coverage of the visit plans per grid and per worker, the overdue households (latest first), and
the community's plans."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.care import selectors, services
from linli.care.models import VisitPlan
from linli.care.models.plans import Period
from linli.care.permissions import MANAGE_CARE, VIEW_VISITS
from linli.core.errors import DomainError
from linli.core.ui import id_param
from linli.people.models import Tag
from linli.tenancy.community import community_with


@login_required
def coverage(request):
    community, scope = community_with(request, VIEW_VISITS)
    grid = id_param(request.GET.get("grid"))
    result = selectors.coverage(scope=scope, community_id=community.pk, grid_id=grid)
    rows = [(result.grids.get(g, _("未划网格")), counts) for g, counts in result.by_grid.items()]
    return render(request, "care/coverage.html", {
        "result": result, "rows": rows, "overdue": result.overdue[:100], "overdue_count": len(result.overdue),
        "grid": grid, "can_manage": scope.has(MANAGE_CARE, community.pk),
    })  # fmt: skip


@login_required
def visit_plans(request):
    community, scope = community_with(request, MANAGE_CARE)
    tags = list(Tag.objects.in_community(community).filter(sensitive=False).order_by("name"))
    error = None
    if request.method == "POST":
        periods = {None: request.POST.get("period_all", "")}
        periods.update({t.pk: request.POST.get(f"period_{t.pk}", "") for t in tags})
        try:
            services.visit_plans_save(actor=request.user, community=community, periods=periods)
        except DomainError as exc:
            error = exc
        else:
            from django.contrib import messages

            messages.success(request, _("走访计划已保存。"))
            return redirect("care:coverage")
    plans = {p.tag_id: p for p in VisitPlan.objects.in_community(community).filter(active=True)}
    return render(request, "care/visit_plans.html", {
        "tags": [(t, plans.get(t.pk)) for t in tags], "general": plans.get(None), "periods": Period.choices,
        "error": error,
    })  # fmt: skip
