"""The case settings: categories, Open311 keys (with their timeline) and the suggestion model."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases import selectors, services, suggest
from linli.cases import selectors_pages as pages
from linli.cases.forms import CategoryForm
from linli.cases.permissions import MANAGE_CASE_SETTINGS
from linli.core.errors import DomainError
from linli.core.ui import add_domain_error, run_action
from linli.tenancy.community import community_with


@login_required
def category_list(request):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    keys = selectors.open311_keys(request.user, community.pk)
    model = pages.suggestion_model(community.pk)
    return render(
        request,
        "cases/category_list.html",
        {
            "categories": selectors.categories_for(community.pk, active_only=False),
            "keys": keys,
            "key_events": selectors.open311_key_timeline(community_id=community.pk),
            "model": model,
            "new_key": request.session.pop("linli_new_open311_key", None),
        },
    )


@login_required
def category_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    category = pages.get_category_for(request.user, community.pk, pk) if pk else None
    form = CategoryForm(request.POST or None, instance=category, orgs=selectors.partner_orgs(community.pk))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            saved = services.category_save(actor=request.user, community=community, category=category, data=data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存类别“%(name)s”。") % {"name": saved.name})
            return redirect("cases:category_list")
    return render(request, "cases/category_form.html", {"form": form, "category": category})


@login_required
@require_POST
def key_create(request):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    try:
        _row, key = services.open311_key_create(actor=request.user, community=community, name=request.POST.get("name"))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("cases:category_list")
    request.session["linli_new_open311_key"] = key  # shown once on the next page, never stored in clear
    return redirect("cases:category_list")


@login_required
@require_POST
def key_revoke(request, pk):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    key = selectors.get_open311_key_for(request.user, community.pk, pk)
    run_action(
        request,
        lambda: services.open311_key_revoke(actor=request.user, key=key),
        _("密钥“%(name)s”已停用，用它的系统将无法再提交。") % {"name": key.name},
    )
    return redirect("cases:category_list")


@login_required
@require_POST
def retrain(request):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    model = suggest.train(community.pk)
    if model is None:
        messages.error(request, _("已受理的诉求不足%(n)d件，暂按关键词推荐类别。") % {"n": suggest.MIN_SAMPLES})
    else:
        messages.success(request, _("已用%(n)d件诉求重新训练类别推荐。") % {"n": model.samples})
    return redirect("cases:category_list")
