"""The household pages: list and export, create, the household with its members, edit, dissolve, and
the household picker of a resident's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import permissions as core_p
from linli.core.errors import DomainError
from linli.core.exports import export_format, spreadsheet_response
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, id_param, paginate, params, render_list, run_action
from linli.people import exports, selectors, services
from linli.people import permissions as p
from linli.people.forms import (
    HouseholdEditForm,
    HouseholdForm,
    MemberForm,
)
from linli.people.history import history_entries
from linli.people.models import Household, Relation, Resident
from linli.people.presenters import present_all
from linli.people.relations import suggest_relation
from linli.people.views.common import dwellings, editable, form_context
from linli.places import selectors as places
from linli.tenancy.community import community_with


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, p.VIEW_PEOPLE)
    q = (params(request).get("q") or "").strip()[:50]
    compound = id_param(params(request).get("compound"))
    households = selectors.household_list(actor=request.user, community_id=community.pk, query=q, compound_id=compound)
    context = {
        "page": paginate(request, households),
        "q": q,
        "compound": compound,
        "compounds": places.compound_choices(actor=request.user, community_id=community.pk),
        "can_edit": scope.has(p.EDIT_PEOPLE, community.pk),
        "can_export": scope.has(core_p.EXPORT_DATA, community.pk),
    }
    return render_list(request, "people/household_list.html", context)


@login_required
@require_POST
def household_export(request: HttpRequest) -> HttpResponse:
    community, _scope = community_with(request, core_p.EXPORT_DATA)
    fmt = export_format(request)
    headers, rows = exports.household_export(
        actor=request.user, community_id=community.pk, query=(request.POST.get("q") or "").strip()[:50],
        compound_id=id_param(request.POST.get("compound")), request=request,
    )  # fmt: skip
    return spreadsheet_response(title=_("户名单"), fmt=fmt, headers=headers, rows=rows)


def _head_to_be(request: HttpRequest, community) -> Resident | None:
    """The resident a new household is started for (从居民页“新建户”), whom the user may edit."""
    pk = id_param(request.GET.get("resident") or request.POST.get("resident"))
    if pk is None:
        return None
    resident = editable(request, pk)
    if resident.community_id != community.pk:
        raise Http404
    return resident


@login_required
def household_create(request: HttpRequest) -> HttpResponse:
    community, _scope = community_with(request, p.EDIT_PEOPLE)
    head = _head_to_be(request, community)
    form = HouseholdForm(request.POST or None, initial={"dwelling": head.dwelling_id} if head else None)
    form.fields["dwelling"].queryset = dwellings(request, community)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            household = services.household_create(
                actor=request.user,
                community=community,
                number=d["number"],
                dwelling_id=d["dwelling"].pk if d["dwelling"] else None,
                notes=d["notes"],
                head=head,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/household_form.html", form_context(request, community, form, head=head))


def _household_for(request: HttpRequest, pk: int) -> Household:
    household = selectors.get_household_for(request.user, pk)
    if not scope_for(request.user).has(p.VIEW_PEOPLE, household.community_id):
        raise Http404
    return household


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_for(request, pk)
    scope = scope_for(request.user)
    members = selectors.household_members(household)
    candidates = []
    q = (request.POST.get("q") or "").strip()[:50] if request.method == "POST" else ""
    if q:
        found = selectors.household_candidates(actor=request.user, household=household, query=q)
        current = [m for m in members if m.left_date is None]
        candidates = [(v, suggest_relation(v.resident, current)) for v in present_all(found, scope)]
        if request.htmx:
            return render(
                request,
                "people/household_detail.html#candidates",
                {"candidates": candidates, "household": household, "relations": Relation.choices, "q": q},
            )
    context = {
        "household": household,
        "members": members,
        "relations": Relation.choices,
        "candidates": candidates,
        "q": q,
        "can_edit": scope.has(p.EDIT_PEOPLE, household.community_id),
        "history": history_entries(household),
    }
    return render(request, "people/household_detail.html", context)


@login_required
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_for(request, pk)
    if not scope_for(request.user).has(p.EDIT_PEOPLE, household.community_id):
        raise PermissionDenied
    initial = {"number": household.number, "dwelling": household.dwelling_id, "notes": household.notes,
               "version": household.version}  # fmt: skip
    form = HouseholdEditForm(request.POST or None, initial=initial)
    form.fields["dwelling"].queryset = dwellings(request, household.community)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.household_update(
                actor=request.user, household=household, number=d["number"], notes=d["notes"],
                dwelling_id=d["dwelling"].pk if d["dwelling"] else None, expected_version=d.get("version"),
            )  # fmt: skip
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("people:household_detail", pk=household.pk)
    return render(
        request, "people/household_form.html", form_context(request, household.community, form, household=household)
    )


@login_required
@require_POST
def household_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_for(request, pk)
    if not scope_for(request.user).has(p.EDIT_PEOPLE, household.community_id):
        raise PermissionDenied
    run_action(
        request,
        lambda: services.household_dissolve(actor=request.user, household=household),
        _("本户已注销（记录保留）。"),
    )
    return redirect("people:household_detail", pk=household.pk)


@login_required
@require_POST
def household_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    household = _household_for(request, pk)
    form = MemberForm(request.POST)
    back = redirect("people:household_detail", pk=household.pk)
    if form.is_valid():
        resident = selectors.get_resident_for(request.user, form.cleaned_data["resident"])
        d = form.cleaned_data
        run_action(
            request,
            lambda: services.household_add_member(
                actor=request.user, household=household, resident=resident, relation=d["relation"],
                joined_date=d["joined_date"],
            ),
            _("已将 %(name)s 加入本户。") % {"name": resident.name},
        )  # fmt: skip
        if request.POST.get("back") == "resident":  # added from the resident's page: stay there
            back = redirect("people:resident_detail", pk=resident.pk)
    else:
        messages.error(request, _("请选择居民和与户主关系。"))
    return back


@login_required
@require_POST
def resident_household_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """From a resident's page: the households the box finds, to join one (htmx, or a page)."""
    resident = editable(request, pk)
    q = (request.POST.get("q") or "").strip()[:50]
    households = selectors.households_to_join(actor=request.user, resident=resident, query=q)
    context = {"r": resident, "join": households, "q": q, "relations": Relation.choices}
    template = "people/_household_pick.html" if request.htmx else "people/household_pick.html"
    return render(request, template, context)


@login_required
@require_POST
def household_remove_member(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    household = _household_for(request, pk)
    member = selectors.get_member_for(request.user, household, member_pk)
    run_action(
        request,
        lambda: services.household_remove_member(actor=request.user, member=member),
        _("已将该成员移出本户（记录保留）。"),
    )
    return redirect("people:household_detail", pk=household.pk)
