"""上门认证 (the elders whose yearly pension certification is due, one recorded with its date and
evidence) and the safety fittings due per grid (a fitting recorded, a check done)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.convenience import selectors, services
from linli.convenience.models import Certification, FittingKind
from linli.convenience.permissions import MANAGE_SERVICES, RUN_SERVICES, VIEW_SERVICES
from linli.core.ui import date_param, id_param, paginate, render_list, run_action
from linli.places import selectors as place_selectors
from linli.tenancy.community import community_with


@login_required
def certifications(request):
    community, scope = community_with(request, VIEW_SERVICES)
    grid_id = id_param(request.GET.get("grid"))
    rows = selectors.certification_due(scope=scope, community_id=community.pk, grid_id=grid_id)
    return render_list(request, "convenience/certifications.html", {
        "page": paginate(request, rows), "grid_id": grid_id, "methods": Certification.Method.choices,
        "today": timezone.localdate(),
        "grids": place_selectors.grid_choices(actor=scope, community_id=community.pk),
        "can_run": scope.has(RUN_SERVICES, community.pk), "can_manage": scope.has(MANAGE_SERVICES, community.pk),
    })  # fmt: skip


@login_required
@require_POST
def certification_add(request):
    community, _scope = community_with(request, RUN_SERVICES)
    run_action(request, lambda: services.certification_record(
        actor=request.user, community=community, resident_id=id_param(request.POST.get("resident")),
        certified_on=date_param(request.POST.get("certified_on")), method=request.POST.get("method", "door"),
        photo=request.FILES.get("photo"), note=request.POST.get("note", ""),
    ), _("已登记认证。"))  # fmt: skip
    return redirect("convenience:certifications")


@login_required
def fittings(request):
    community, scope = community_with(request, VIEW_SERVICES)
    grid_id = id_param(request.GET.get("grid"))
    rows = selectors.fitting_due(scope=scope, community_id=community.pk, grid_id=grid_id)
    return render_list(request, "convenience/fittings.html", {
        "page": paginate(request, rows), "grid_id": grid_id, "kinds": FittingKind.choices,
        "today": timezone.localdate(),
        "counts": selectors.fitting_counts(scope=scope, community_id=community.pk),
        "grids": place_selectors.grid_choices(actor=scope, community_id=community.pk),
        "can_run": scope.has(RUN_SERVICES, community.pk), "can_manage": scope.has(MANAGE_SERVICES, community.pk),
    })  # fmt: skip


@login_required
@require_POST
def fitting_check(request, pk):
    fitting = selectors.get_fitting_for(request.user, pk)
    changed = request.POST.get("battery") == "1"
    run_action(request, lambda: services.fitting_check(actor=request.user, fitting=fitting, battery_changed=changed),
               _("已登记检查，下次到期日已顺延。"))  # fmt: skip
    return redirect("convenience:fittings")
