"""The resident pages: the list (with its filters and export), registering, the record, editing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import permissions as core_p
from linli.core.errors import DomainError
from linli.core.exports import export_format, spreadsheet_response
from linli.core.forms import IdField, RevealForm
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, id_param, paginate, params, render_list
from linli.people import account_link, exports, selectors, services
from linli.people import permissions as p
from linli.people.forms import (
    MoveInForm,
    MoveOutForm,
    ResidentForm,
    TalentForm,
)
from linli.people.history import history_entries
from linli.people.models import Relation, Resident
from linli.people.presenters import present, present_all
from linli.people.views.common import dwellings, editable, form_context
from linli.places import selectors as places
from linli.tenancy.community import community_with


class ResidentFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=50)
    compound = IdField(required=False)
    building = IdField(required=False)
    grid = IdField(required=False)
    tag = IdField(required=False)
    status = forms.ChoiceField(required=False, choices=[("", "")] + list(Resident.Status.choices))
    gender = forms.ChoiceField(required=False, choices=[("", "")] + list(Resident.Gender.choices))
    residence = forms.ChoiceField(required=False, choices=[("", "")] + list(Resident.Residence.choices))
    age_min = forms.IntegerField(required=False, min_value=0, max_value=150)
    age_max = forms.IntegerField(required=False, min_value=0, max_value=150)
    newcomer = forms.BooleanField(required=False)


def _filters(request, community) -> tuple[ResidentFilterForm, selectors.ResidentFilters, str]:
    """The list's filters as the page (or the export of it) was given them."""
    given = params(request)
    form = ResidentFilterForm(given if given else None)
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status", "") if "status" in given else Resident.Status.ACTIVE
    filters = selectors.ResidentFilters(
        community_id=community.pk,
        query=data.get("q", ""),
        compound_id=data.get("compound"),
        building_id=data.get("building"),
        grid_id=data.get("grid"),
        tag_id=data.get("tag"),
        status=status if status != "all" else "",
        gender=data.get("gender", ""),
        residence=data.get("residence", ""),
        age_min=data.get("age_min"),
        age_max=data.get("age_max"),
        newcomer=data.get("newcomer", False),
    )
    return form, filters, status


@login_required
def resident_list(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, p.VIEW_PEOPLE, p.VIEW_PEOPLE_BASIC)
    form, filters, status = _filters(request, community)
    residents = selectors.list_rows(selectors.resident_list(actor=request.user, filters=filters), scope)
    page = paginate(request, residents)
    context = {
        "page": page,
        "rows": present_all(page.object_list, scope),
        "form": form,
        "status": status,
        "full": scope.has(p.VIEW_PEOPLE, community.pk),
        "can_edit": scope.has(p.EDIT_PEOPLE, community.pk),
        "compounds": places.compound_choices(actor=request.user, community_id=community.pk),
        "grids": places.grid_choices(actor=request.user, community_id=community.pk),
        "tags": selectors.tags_for(request.user, community.pk),
        "statuses": Resident.Status.choices,
        "can_export": scope.has(core_p.EXPORT_DATA, community.pk),
        "can_export_unmasked": scope.has(core_p.EXPORT_UNMASKED, community.pk),
    }
    return render_list(request, "people/resident_list.html", context)


@login_required
@require_POST
def resident_export(request: HttpRequest) -> HttpResponse:
    """The list as it is filtered, as xlsx or csv; masked unless asked, allowed and reasoned."""
    community, _scope = community_with(request, core_p.EXPORT_DATA)
    form, filters, _status = _filters(request, community)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("筛选条件有误（如年龄不是数字），没有导出：请改正筛选条件后再导出。"))
        return redirect("people:resident_list")
    fmt = export_format(request)
    try:
        headers, rows = exports.resident_export(
            actor=request.user, filters=filters, unmasked=request.POST.get("unmasked") == "on",
            reason=request.POST.get("reason", ""), request=request,
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("people:resident_list")
    return spreadsheet_response(title=_("居民名单"), fmt=fmt, headers=headers, rows=rows)


@login_required
def resident_create(request: HttpRequest) -> HttpResponse:
    community, _scope = community_with(request, p.EDIT_PEOPLE)
    initial = {"dwelling": id_param(request.GET.get("dwelling"))}  # 登记居民 from a dwelling's page
    form = ResidentForm(request.POST or None, initial=initial, dwellings=dwellings(request, community))
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.resident_create(actor=request.user, community=community, data=form.to_input())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已登记居民 %(name)s。") % {"name": resident.name})
            return redirect("people:resident_detail", pk=resident.pk)
    return render(request, "people/resident_form.html", form_context(request, community, form, creating=True))


@login_required
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resident = selectors.resident_detail(actor=request.user, pk=pk)
    scope = scope_for(request.user)
    view = present(resident, scope)
    can_edit = scope.has(p.EDIT_PEOPLE, resident.community_id)
    memberships = list(resident.household_memberships.all()) if view.full else []
    # Not in any household: offer those at the same dwelling, a search, or a new one (户主).
    joinable = can_edit and resident.status == Resident.Status.ACTIVE and view.full
    join = None
    if joinable and not any(m.left_date is None for m in memberships):
        join = selectors.households_to_join(actor=request.user, resident=resident)
    context = {
        "r": resident,
        "view": view,
        "can_edit": can_edit,
        "can_erase": scope.has(p.ERASE_PERSONAL_DATA, resident.community_id)
        and resident.status != "active"
        and resident.name != services.ERASED_NAME,
        "history": history_entries(resident) if view.full else [],
        "memberships": memberships,
        "newcomer": view.full and selectors.is_newcomer(resident, resident.community),
        "join": join,
        "relations": Relation.choices,
        "talents": list(resident.talents.all()) if view.full else [],
        "moves": list(resident.moves.all()) if view.full else [],
        "reveal_form": RevealForm(),
        "talent_form": TalentForm(),
        "move_out_form": MoveOutForm(initial={"version": resident.version}),
        "move_in_form": MoveInForm(),
        "all_tags": selectors.tags_for(request.user, resident.community_id),
        "tag_ids": {t.pk for t in view.tags},
        "account": account_link.account_panel(actor=request.user, resident=resident) if view.full else None,
    }
    return render(request, "people/resident_detail.html", context)


@login_required
def resident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resident = editable(request, pk)
    community = resident.community
    initial = {f: getattr(resident, f) for f in services.PLAIN_FIELDS}
    initial.update(dwelling=resident.dwelling_id, version=resident.version)
    form = ResidentForm(request.POST or None, initial=initial, dwellings=dwellings(request, community), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_update(
                actor=request.user,
                resident=resident,
                data=form.to_input(),
                expected_version=form.cleaned_data.get("version"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("people:resident_detail", pk=resident.pk)
    return render(
        request, "people/resident_form.html", form_context(request, community, form, creating=False, r=resident)
    )
