"""The visit pages: find the household in three taps (building → unit → room) or by name, fill in
the form (its script sends it as JSON with the phone's key; without a script it posts here), see
what was recorded, file a need as a case, confirm the registry changes."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.care import selectors, services
from linli.care.models.visits import Finding, Purpose
from linli.care.permissions import RECORD_VISITS, VIEW_VISITS
from linli.care.visit_input import visit_input_from_form
from linli.cases.selectors import categories_for
from linli.core import modules
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import id_param, paginate, run_action
from linli.tenancy.community import community_with


@login_required
def visit_start(request):
    community, scope = community_with(request, RECORD_VISITS)
    query = request.GET.get("q", "").strip()[:30]
    return render(request, "care/visit_start.html", {
        "buildings": selectors.picker_buildings(scope=scope, community_id=community.pk),
        "query": query,
        "found": selectors.search_households(scope=scope, community_id=community.pk, query=query) if query else [],
    })  # fmt: skip


@login_required
def visit_units(request, building_pk):
    community, scope = community_with(request, RECORD_VISITS)
    building, units, loose = selectors.picker_units(scope=scope, community_id=community.pk, building_id=building_pk)
    if building is None:
        raise Http404
    if not units:
        return redirect("care:visit_rooms", building_pk=building.pk, unit_pk=0)
    return render(request, "care/visit_units.html", {"building": building, "units": units, "loose": loose})


@login_required
def visit_rooms(request, building_pk, unit_pk):
    community, scope = community_with(request, RECORD_VISITS)
    building, units, _loose = selectors.picker_units(scope=scope, community_id=community.pk, building_id=building_pk)
    unit = next((u for u in units if u.pk == unit_pk), None)
    if building is None or (unit_pk and unit is None):
        raise Http404
    rooms = selectors.picker_rooms(scope=scope, community_id=community.pk, building_id=building.pk, unit_id=unit_pk)
    return render(request, "care/visit_rooms.html", {"building": building, "unit": unit, "rooms": rooms})


def _form_context(community, scope, household, members, values=None, error=None) -> dict:
    return {
        "household": household,
        "members": members,
        "purposes": Purpose.choices,
        "findings": Finding.choices,
        "categories": list(categories_for(community.pk)),
        "key": (values or {}).get("key") or uuid.uuid4(),
        "values": values,
        "error": error,
    }


@login_required
def visit_new(request, household_pk):
    community, scope = community_with(request, RECORD_VISITS)
    household, members = selectors.form_household(scope=scope, community_id=community.pk, household_id=household_pk)
    if household is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            data = visit_input_from_form(request.POST, request.FILES, household.pk)
            visit, _created = services.visit_record(actor=request.user, community=community, data=data)
        except DomainError as exc:
            error = exc
        else:
            return redirect("care:visit_detail", pk=visit.pk)
    context = _form_context(community, scope, household, members, request.POST if error else None, error)
    return render(request, "care/visit_form.html", context, status=400 if error else 200)


@login_required
def visit_list(request):
    community, scope = community_with(request, VIEW_VISITS)
    grid = id_param(request.GET.get("grid"))
    mine = request.GET.get("mine") == "1"
    visits = selectors.visit_list(scope=scope, community_id=community.pk, grid_id=grid, mine=mine)
    return render(request, "care/visit_list.html", {"page": paginate(request, visits), "grid": grid, "mine": mine})


@login_required
def visit_detail(request, pk):
    visit = selectors.get_visit_for(request.user, pk)
    context = selectors.visit_page(visit)
    context["categories"] = list(categories_for(visit.community_id))
    # Links other modules offer on a visit (socialwork's 转介社工), through core's registry.
    context["record_actions"] = modules.record_actions("care.visit", scope_for(request.user), visit)
    return render(request, "care/visit_detail.html", context)


@login_required
def visit_photo(request, pk):
    visit = selectors.get_visit_for(request.user, pk)
    if not visit.photo:
        raise Http404
    response = FileResponse(visit.photo.open("rb"), content_type=visit.photo_type or "application/octet-stream")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def need_file(request, pk):
    need = selectors.get_need_for(request.user, pk)
    category = id_param(request.POST.get("category"))
    run_action(request, lambda: services.need_file_case(actor=request.user, need=need, category_id=category),
               _("已转为诉求。"))  # fmt: skip
    return redirect("care:visit_detail", pk=need.visit_id)


@login_required
@require_POST
def proposal_decide(request, pk, action):
    proposal = selectors.get_proposal_for(request.user, pk)
    if action == "apply":
        run_action(request, lambda: services.proposal_apply(actor=request.user, proposal=proposal), _("登记已更新。"))
    elif action == "dismiss":
        run_action(request, lambda: services.proposal_dismiss(actor=request.user, proposal=proposal), _("已放弃。"))
    else:
        raise Http404
    return redirect("care:visit_detail", pk=proposal.visit_id)
