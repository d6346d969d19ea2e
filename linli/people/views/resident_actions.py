"""What is done from a resident's record by a button: move out and back in, reveal a number, tags,
talents, erasure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.forms import RevealForm
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, run_action
from linli.people import permissions as p
from linli.people import selectors, services
from linli.people.forms import (
    MoveInForm,
    MoveOutForm,
    TagsForm,
    TalentForm,
)
from linli.people.views.common import dwellings, editable


@login_required
@require_POST
def resident_move_out(request: HttpRequest, pk: int) -> HttpResponse:
    resident = editable(request, pk)
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
def resident_move_in(request: HttpRequest, pk: int) -> HttpResponse:
    resident = editable(request, pk)
    form = MoveInForm(request.POST)
    form.fields["dwelling"].queryset = dwellings(request, resident.community)
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
def resident_reveal(request: HttpRequest, pk: int) -> HttpResponse:
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
def resident_tags(request: HttpRequest, pk: int) -> HttpResponse:
    resident = editable(request, pk)
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
def resident_talent_add(request: HttpRequest, pk: int) -> HttpResponse:
    resident = editable(request, pk)
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
def resident_talent_remove(request: HttpRequest, pk: int, talent_pk: int) -> HttpResponse:
    resident = editable(request, pk)
    talent = selectors.get_talent_for(request.user, resident, talent_pk)
    services.talent_remove(actor=request.user, talent=talent)
    return redirect("people:resident_detail", pk=resident.pk)


@login_required
@require_POST
def resident_erase(request: HttpRequest, pk: int) -> HttpResponse:
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
