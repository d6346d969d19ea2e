"""上门认证 (the elders whose yearly pension certification is due, one recorded with its date and
evidence) and the safety fittings due per grid (a fitting recorded without an order, a check done)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.convenience import selectors, services
from linli.convenience.errors import ServiceError
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


def _record_form(scope, community_id: int, building_id: int | None, dwelling_id: int | None) -> dict:
    """The standalone fitting form: a building chosen, then one of its dwellings (or one given by
    ?dwelling=, e.g. from the dwelling's page), with what that dwelling already has."""
    dwellings = place_selectors.dwelling_choices(actor=scope, community_id=community_id)
    dwelling = dwellings.filter(pk=dwelling_id).first() if dwelling_id else None
    building_id = dwelling.building_id if dwelling is not None else building_id
    return {
        "buildings": place_selectors.building_choices(actor=scope, community_id=community_id),
        "building_id": building_id, "dwelling": dwelling,
        "dwellings": place_selectors.in_room_order(dwellings.filter(building_id=building_id)) if building_id else [],
        "dwelling_fittings": selectors.dwelling_fittings(scope=scope, community_id=community_id,
                                                         dwelling_id=dwelling.pk) if dwelling else [],
    }  # fmt: skip


@login_required
def fittings(request):
    community, scope = community_with(request, VIEW_SERVICES)
    grid_id = id_param(request.GET.get("grid"))
    rows = selectors.fitting_due(scope=scope, community_id=community.pk, grid_id=grid_id)
    can_run = scope.has(RUN_SERVICES, community.pk)
    form = _record_form(scope, community.pk, id_param(request.GET.get("building")),
                        id_param(request.GET.get("dwelling"))) if can_run else {}  # fmt: skip
    return render_list(request, "convenience/fittings.html", {
        "page": paginate(request, rows), "grid_id": grid_id, "kinds": FittingKind.choices,
        "today": timezone.localdate(), **form,
        "counts": selectors.fitting_counts(scope=scope, community_id=community.pk),
        "grids": place_selectors.grid_choices(actor=scope, community_id=community.pk),
        "can_run": can_run, "can_manage": scope.has(MANAGE_SERVICES, community.pk),
    })  # fmt: skip


def _date(request, name: str) -> dt.date | None:
    """A date typed in the form: empty is None (the default applies); malformed is an error naming it."""
    raw = request.POST.get(name, "").strip()
    day = date_param(raw)
    if raw and day is None:
        raise ServiceError(_("日期“%(v)s”看不懂，请用日历选择。") % {"v": raw[:20]}, field=name)
    return day


@login_required
@require_POST
def fitting_add(request):
    """A fitting done without an order (fitted by the property company, or recorded late)."""
    community, _scope = community_with(request, RUN_SERVICES)
    dwelling_id = id_param(request.POST.get("dwelling"))
    done = run_action(request, lambda: services.fitting_record(
        actor=request.user, community=community, dwelling_id=dwelling_id, kind=request.POST.get("kind", ""),
        fitted_on=_date(request, "fitted_on"), fitted_by_name=request.POST.get("fitted_by_name", "")[:50],
        battery_due_date=_date(request, "battery_due_date"),
        inspection_due_date=_date(request, "inspection_due_date"), note=request.POST.get("note", ""),
    ), _("已登记安装的设施。"))  # fmt: skip
    back = reverse("convenience:fittings")
    return redirect(f"{back}?dwelling={dwelling_id}#record" if dwelling_id and done else f"{back}#record")


@login_required
@require_POST
def fitting_check(request, pk):
    fitting = selectors.get_fitting_for(request.user, pk)
    changed = request.POST.get("battery") == "1"
    run_action(request, lambda: services.fitting_check(actor=request.user, fitting=fitting, battery_changed=changed),
               _("已登记检查，下次到期日已顺延。"))  # fmt: skip
    return redirect("convenience:fittings")
