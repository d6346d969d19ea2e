from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import permissions as core_p
from linli.core.errors import DomainError
from linli.core.exports import export_format, spreadsheet_response
from linli.core.forms import IdField, RevealForm
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, id_param, paginate, params, render_list, run_action
from linli.people import account_link, exports, selectors, services
from linli.people import permissions as p
from linli.people.forms import (
    HouseholdEditForm,
    HouseholdForm,
    MemberForm,
    MoveInForm,
    MoveOutForm,
    ResidentForm,
    TagForm,
    TagsForm,
    TalentForm,
)
from linli.people.history import history_entries
from linli.people.models import HouseholdMember, Resident, Talent
from linli.people.presenters import present, present_all
from linli.places import selectors as places
from linli.tenancy.community import active_community


def _community_or_404(request, perm: str):
    community = active_community(request)
    scope = scope_for(request.user)
    if community is None or not scope.has(perm, community.pk):
        raise Http404
    return community, scope


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
def resident_list(request):
    community = active_community(request)
    scope = scope_for(request.user)
    if community is None or not selectors.can_read_people(scope, community.pk):
        raise Http404
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
def resident_export(request):
    """The list as it is filtered, as xlsx or csv; masked unless asked, allowed and reasoned."""
    community, _scope = _community_or_404(request, core_p.EXPORT_DATA)
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


def _form_context(request, community, form, **extra) -> dict:
    dwelling_id = id_param(form["dwelling"].value())
    current = _dwellings(request, community).filter(pk=dwelling_id).first() if dwelling_id else None
    buildings = places.building_choices(actor=request.user, community_id=community.pk)
    return {"form": form, "buildings": buildings, "current_dwelling": current, **extra}


def _dwellings(request, community):
    return places.dwelling_choices(actor=request.user, community_id=community.pk)


@login_required
def resident_create(request):
    community, _scope = _community_or_404(request, p.EDIT_PEOPLE)
    form = ResidentForm(request.POST or None, dwellings=_dwellings(request, community))
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.resident_create(actor=request.user, community=community, data=form.to_input())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已登记居民 %(name)s。") % {"name": resident.name})
            return redirect("people:resident_detail", pk=resident.pk)
    return render(request, "people/resident_form.html", _form_context(request, community, form, creating=True))


@login_required
def resident_detail(request, pk):
    resident = selectors.resident_detail(actor=request.user, pk=pk)
    scope = scope_for(request.user)
    view = present(resident, scope)
    context = {
        "r": resident,
        "view": view,
        "can_edit": scope.has(p.EDIT_PEOPLE, resident.community_id),
        "can_erase": scope.has(p.ERASE_PERSONAL_DATA, resident.community_id)
        and resident.status != "active"
        and resident.name != services.ERASED_NAME,
        "history": history_entries(resident) if view.full else [],
        "memberships": list(resident.household_memberships.all()) if view.full else [],
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


def _editable(request, pk) -> Resident:
    resident = selectors.get_resident_for(request.user, pk)
    if not scope_for(request.user).has(p.EDIT_PEOPLE, resident.community_id):
        raise PermissionDenied
    return resident


@login_required
def resident_edit(request, pk):
    resident = _editable(request, pk)
    community = resident.community
    initial = {f: getattr(resident, f) for f in services.PLAIN_FIELDS}
    initial.update(dwelling=resident.dwelling_id, version=resident.version)
    form = ResidentForm(request.POST or None, initial=initial, dwellings=_dwellings(request, community), editing=True)
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
        request, "people/resident_form.html", _form_context(request, community, form, creating=False, r=resident)
    )


@login_required
@require_POST
def resident_move_out(request, pk):
    resident = _editable(request, pk)
    form = MoveOutForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_action(
            request,
            lambda: services.resident_move_out(
                actor=request.user, resident=resident, date=d["date"], place=d["place"], reason=d["reason"],
                deceased=d["deceased"], expected_version=d.get("version"),
            ),
            _("已办理迁出，记录已归档（不会删除）。"),
        )  # fmt: skip
    else:
        messages.error(request, _("请填写正确的迁出日期。"))
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_move_in(request, pk):
    resident = _editable(request, pk)
    form = MoveInForm(request.POST)
    form.fields["dwelling"].queryset = _dwellings(request, resident.community)
    if form.is_valid():
        d = form.cleaned_data
        run_action(
            request,
            lambda: services.resident_move_back_in(
                actor=request.user, resident=resident, date=d["date"],
                dwelling_id=d["dwelling"].pk if d["dwelling"] else None, place=d["place"],
            ),
            _("已办理迁入。"),
        )  # fmt: skip
    else:
        messages.error(request, _("请填写迁入日期并选择房屋。"))
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_reveal(request, pk):
    resident = selectors.get_resident_for(request.user, pk)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return render(request, "people/_reveal.html", {"r": resident, "form": form, "field": request.POST.get("field")})
    field = form.cleaned_data["field"]
    try:
        value = services.resident_reveal(
            actor=request.user, resident=resident, field=field, reason=form.cleaned_data["reason"], request=request
        )
    except DomainError as exc:
        add_domain_error(form, exc)
        return render(request, "people/_reveal.html", {"r": resident, "form": form, "field": field})
    return render(request, "people/_revealed.html", {"value": value, "field": field})


@login_required
@require_POST
def resident_tags(request, pk):
    resident = _editable(request, pk)
    form = TagsForm(request.POST)
    form.fields["tags"].choices = [(str(t.pk), t.name) for t in selectors.tags_for(request.user, resident.community_id)]
    if form.is_valid():
        tag_ids = [int(t) for t in form.cleaned_data["tags"]]
        run_action(
            request,
            lambda: services.resident_set_tags(actor=request.user, resident=resident, tag_ids=tag_ids),
            _("标签已更新。"),
        )
    else:
        messages.error(request, _("所选标签不存在或您无权使用。"))
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_talent_add(request, pk):
    resident = _editable(request, pk)
    form = TalentForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.talent_add(actor=request.user, resident=resident, **form.cleaned_data),
            _("已添加特长。"),
        )
    else:
        messages.error(request, _("请填写特长或技能（最多50字）。"))
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_talent_remove(request, pk, talent_pk):
    resident = _editable(request, pk)
    talent = Talent.objects.in_community(resident.community_id).filter(pk=talent_pk, resident=resident).first()
    if talent is None:
        raise Http404
    services.talent_remove(actor=request.user, talent=talent)
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_erase(request, pk):
    resident = selectors.get_resident_for(request.user, pk)
    if not scope_for(request.user).has(p.ERASE_PERSONAL_DATA, resident.community_id):
        raise PermissionDenied
    reason = request.POST.get("reason", "")
    run_action(
        request,
        lambda: services.resident_erase(actor=request.user, resident=resident, reason=reason, request=request),
        _("已删除该居民的个人信息（记录保留为匿名）。"),
    )
    return redirect("people:resident_detail", pk=resident.pk)


# Households ---------------------------------------------------------------------------------


@login_required
def household_list(request):
    community, scope = _community_or_404(request, p.VIEW_PEOPLE)
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
def household_export(request):
    community, _scope = _community_or_404(request, core_p.EXPORT_DATA)
    fmt = export_format(request)
    headers, rows = exports.household_export(
        actor=request.user, community_id=community.pk, query=(request.POST.get("q") or "").strip()[:50],
        compound_id=id_param(request.POST.get("compound")), request=request,
    )  # fmt: skip
    return spreadsheet_response(title=_("户名单"), fmt=fmt, headers=headers, rows=rows)


@login_required
def household_create(request):
    community, _scope = _community_or_404(request, p.EDIT_PEOPLE)
    form = HouseholdForm(request.POST or None)
    form.fields["dwelling"].queryset = _dwellings(request, community)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            household = services.household_create(
                actor=request.user,
                community=community,
                number=d["number"],
                dwelling_id=d["dwelling"].pk if d["dwelling"] else None,
                notes=d["notes"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/household_form.html", _form_context(request, community, form))


def _household_for(request, pk):
    household = selectors.get_household_for(request.user, pk)
    if not scope_for(request.user).has(p.VIEW_PEOPLE, household.community_id):
        raise Http404
    return household


@login_required
def household_detail(request, pk):
    household = _household_for(request, pk)
    scope = scope_for(request.user)
    members = selectors.household_members(household)
    candidates = []
    q = (request.POST.get("q") or "").strip()[:50] if request.method == "POST" else ""
    if q:
        found = selectors.resident_search(
            Resident.objects.visible_to(scope).filter(
                community_id=household.community_id, status=Resident.Status.ACTIVE
            ),
            q,
            scope=scope,
            community_ids=[household.community_id],
        )
        candidates = present_all(found[:10], scope)
        if request.htmx:
            return render(
                request,
                "people/household_detail.html#candidates",
                {"candidates": candidates, "household": household, "member_form": MemberForm(), "q": q},
            )
    context = {
        "household": household,
        "members": members,
        "member_form": MemberForm(),
        "candidates": candidates,
        "q": q,
        "can_edit": scope.has(p.EDIT_PEOPLE, household.community_id),
        "history": history_entries(household),
    }
    return render(request, "people/household_detail.html", context)


@login_required
def household_edit(request, pk):
    household = _household_for(request, pk)
    if not scope_for(request.user).has(p.EDIT_PEOPLE, household.community_id):
        raise PermissionDenied
    initial = {"number": household.number, "dwelling": household.dwelling_id, "notes": household.notes,
               "version": household.version}  # fmt: skip
    form = HouseholdEditForm(request.POST or None, initial=initial)
    form.fields["dwelling"].queryset = _dwellings(request, household.community)
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
        request, "people/household_form.html", _form_context(request, household.community, form, household=household)
    )


@login_required
@require_POST
def household_dissolve(request, pk):
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
def household_add_member(request, pk):
    household = _household_for(request, pk)
    form = MemberForm(request.POST)
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
    else:
        messages.error(request, _("请选择居民和与户主关系。"))
    return redirect("people:household_detail", pk=household.pk)


@login_required
@require_POST
def household_remove_member(request, pk, member_pk):
    household = _household_for(request, pk)
    member = HouseholdMember.objects.visible_to(request.user).filter(pk=member_pk, household=household).first()
    if member is None:
        raise Http404
    run_action(
        request,
        lambda: services.household_remove_member(actor=request.user, member=member),
        _("已将该成员移出本户（记录保留）。"),
    )
    return redirect("people:household_detail", pk=household.pk)


# Tags ---------------------------------------------------------------------------------------


@login_required
def tag_list(request):
    community, scope = _community_or_404(request, p.VIEW_PEOPLE)
    form = TagForm(request.POST or None)
    can_manage = scope.has(p.MANAGE_TAGS, community.pk)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.tag_create(actor=request.user, community=community, **form.cleaned_data)
                messages.success(request, _("已添加标签。"))
                return redirect("people:tag_list")
            except DomainError as exc:
                add_domain_error(form, exc)
    tags = selectors.tag_counts(actor=request.user, community_id=community.pk)
    return render(request, "people/tag_list.html", {"tags": tags, "form": form, "can_manage": can_manage})


@login_required
def dwelling_options(request):
    """<option>s of one building's dwellings, for the cascading select in resident forms."""
    community, _scope = _community_or_404(request, p.EDIT_PEOPLE)
    building = id_param(request.GET.get("building"))
    dwellings = _dwellings(request, community).filter(building_id=building) if building else []
    return render(request, "people/_dwelling_options.html", {"dwellings": dwellings})
