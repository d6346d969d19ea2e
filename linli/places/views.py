from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.exports import export_format, spreadsheet_response
from linli.core.permissions import EXPORT_DATA
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, id_param, paginate, params, render_list, run_action
from linli.places import selectors, services
from linli.places.forms import AssignWorkerForm, BuildingForm, CompoundForm, DwellingForm, GridForm
from linli.places.permissions import EDIT_PLACES, VIEW_PLACES
from linli.tenancy.community import community_with
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role


@login_required
def compound_list(request):
    community, scope = community_with(request, VIEW_PLACES)
    q = (params(request).get("q") or "").strip()[:50]
    page = paginate(request, selectors.compound_list(actor=request.user, community_id=community.pk, query=q))
    return render_list(
        request, "places/compound_list.html", {"page": page, "q": q, "can_edit": scope.has(EDIT_PLACES, community.pk)}
    )


@login_required
def compound_form(request, pk=None):
    community, _scope = community_with(request, EDIT_PLACES)
    compound = selectors.get_compound_for(request.user, pk) if pk else None
    initial = (
        {"name": compound.name, "address": compound.address, "property_company": compound.property_company}
        if compound
        else None
    )
    form = CompoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            compound = services.compound_save(
                actor=request.user, community=community, compound=compound, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存小区 %(name)s。") % {"name": compound.name})
            return redirect("places:compound_detail", pk=compound.pk)
    return render(
        request, "places/simple_form.html", {"form": form, "title": _("编辑小区") if compound else _("新建小区")}
    )


@login_required
def compound_detail(request, pk):
    compound = selectors.get_compound_for(request.user, pk)
    community, scope = community_with(request, VIEW_PLACES)
    buildings = selectors.building_list(actor=request.user, community_id=compound.community_id, compound_id=compound.pk)
    return render(
        request,
        "places/compound_detail.html",
        {"compound": compound, "buildings": buildings, "can_edit": scope.has(EDIT_PLACES, compound.community_id)},
    )


@login_required
def building_list(request):
    community, scope = community_with(request, VIEW_PLACES)
    q = (params(request).get("q") or "").strip()[:50]
    compound, grid = id_param(params(request).get("compound")), id_param(params(request).get("grid"))
    buildings = selectors.building_list(
        actor=request.user, community_id=community.pk, query=q, compound_id=compound, grid_id=grid
    )
    context = {
        "page": paginate(request, buildings),
        "q": q,
        "compound": compound,
        "grid": grid,
        "compounds": selectors.compound_choices(actor=request.user, community_id=community.pk),
        "grids": selectors.grid_choices(actor=request.user, community_id=community.pk),
        "can_edit": scope.has(EDIT_PLACES, community.pk),
        "can_export": scope.has(EXPORT_DATA, community.pk),
    }
    return render_list(request, "places/building_list.html", context)


BUILDING_HEADERS = ["小区", "楼栋", "网格", "层数", "房屋数", "在住居民数"]


@login_required
@require_POST
def building_export(request):
    """The building list as filtered, as a spreadsheet (楼栋台账): counts only, no personal data."""
    community, _scope = community_with(request, EXPORT_DATA)
    buildings = selectors.building_list(
        actor=request.user, community_id=community.pk, query=(request.POST.get("q") or "").strip()[:50],
        compound_id=id_param(request.POST.get("compound")), grid_id=id_param(request.POST.get("grid")),
    )  # fmt: skip
    rows = (
        [b.compound.name, b.name, b.grid.name if b.grid_id else "", b.floors, b.dwelling_count, b.resident_count]
        for b in buildings.iterator(chunk_size=2000)
    )
    fmt = export_format(request)
    return spreadsheet_response(title=_("楼栋台账"), fmt=fmt, headers=BUILDING_HEADERS, rows=rows)


@login_required
def building_create(request):
    community, _scope = community_with(request, EDIT_PLACES)
    form = BuildingForm(request.POST or None, initial={"compound": id_param(request.GET.get("compound"))})
    form.fields["compound"].queryset = selectors.compound_choices(actor=request.user, community_id=community.pk)
    form.fields["grid"].queryset = selectors.grid_choices(actor=request.user, community_id=community.pk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            building = services.building_create(
                actor=request.user,
                community=community,
                compound=d["compound"],
                name=d["name"],
                grid=d["grid"],
                floors=d["floors"],
                units=d["units"] or 0,
                rooms_per_floor=d["rooms_per_floor"] or 0,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已新建楼栋 %(name)s。") % {"name": building})
            return redirect("places:building_detail", pk=building.pk)
    return render(request, "places/simple_form.html", {"form": form, "title": _("新建楼栋")})


@login_required
def building_detail(request, pk):
    building = selectors.get_building_for(request.user, pk)
    scope = scope_for(request.user)
    can_edit = scope.has(EDIT_PLACES, building.community_id)
    if request.method == "POST" and can_edit:
        grid_id = id_param(request.POST.get("grid"))
        grid = selectors.get_grid_for(request.user, grid_id) if grid_id else None
        run_action(
            request,
            lambda: services.building_set_grid(actor=request.user, building=building, grid=grid),
            _("已调整所属网格。"),
        )
        return redirect("places:building_detail", pk=building.pk)
    rooms = selectors.building_dwellings(building)
    context = {
        "building": building,
        "units": selectors.building_floors(rooms),
        "total": len(rooms),
        "occupied": sum(1 for r in rooms if r.residents),
        "can_edit": can_edit,
        "grids": selectors.grid_choices(actor=request.user, community_id=building.community_id),
        "dwelling_form": DwellingForm(),
    }
    return render(request, "places/building_detail.html", context)


@login_required
@require_POST
def dwelling_add(request, pk):
    building = selectors.get_building_for(request.user, pk)
    if not scope_for(request.user).has(EDIT_PLACES, building.community_id):
        raise Http404
    form = DwellingForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.dwelling_add(actor=request.user, building=building, **form.cleaned_data),
            _("已添加房屋。"),
        )
    else:
        messages.error(request, _("请填写房号（最多20个字）并选择使用情况。"))
    return redirect("places:building_detail", pk=building.pk)


@login_required
def grid_list(request):
    community, scope = community_with(request, VIEW_PLACES)
    q = (params(request).get("q") or "").strip()[:50]
    page = paginate(request, selectors.grid_list(actor=request.user, community_id=community.pk, query=q))
    return render_list(
        request, "places/grid_list.html", {"page": page, "q": q, "can_edit": scope.has(EDIT_PLACES, community.pk)}
    )


@login_required
def grid_form(request, pk=None):
    community, _scope = community_with(request, EDIT_PLACES)
    grid = selectors.get_grid_for(request.user, pk) if pk else None
    form = GridForm(request.POST or None, initial={"name": grid.name, "code": grid.code} if grid else None)
    if request.method == "POST" and form.is_valid():
        try:
            grid = services.grid_save(actor=request.user, community=community, grid=grid, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("places:grid_detail", pk=grid.pk)
    return render(request, "places/simple_form.html", {"form": form, "title": _("编辑网格") if grid else _("新建网格")})


def _worker_choices(community_id: int):
    members = Membership.objects.filter(
        community_id=community_id, role=Role.GRID_WORKER, is_active=True
    ).select_related("user")
    return [(m.user_id, m.user.get_full_name() or m.user.username) for m in members]


@login_required
def grid_detail(request, pk):
    grid = selectors.get_grid_for(request.user, pk)
    scope = scope_for(request.user)
    can_edit = scope.has(EDIT_PLACES, grid.community_id)
    form = AssignWorkerForm(request.POST or None)
    form.fields["user"].choices = _worker_choices(grid.community_id)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.grid_assign_worker(actor=request.user, grid=grid, user_id=form.cleaned_data["user"])
                messages.success(request, _("已指派网格员。"))
                return redirect("places:grid_detail", pk=grid.pk)
            except DomainError as exc:
                add_domain_error(form, exc)
    buildings = selectors.building_list(actor=request.user, community_id=grid.community_id, grid_id=grid.pk)
    workers = grid.assignments.select_related("user")
    return render(
        request,
        "places/grid_detail.html",
        {"grid": grid, "buildings": buildings, "workers": workers, "form": form, "can_edit": can_edit},
    )


@login_required
@require_POST
def grid_unassign(request, pk, user_id):
    grid = selectors.get_grid_for(request.user, pk)
    if not scope_for(request.user).has(EDIT_PLACES, grid.community_id):
        raise Http404
    run_action(
        request,
        lambda: services.grid_unassign_worker(actor=request.user, grid=grid, user_id=user_id),
        _("已取消指派。"),
    )
    return redirect("places:grid_detail", pk=grid.pk)
