"""The catalogue: the list of titles (books and the 百宝屋's items), a title's page with its copies
and queue, entry by ISBN (typed or scanned) or by hand, copies, and the community's rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.scoping import scope_for
from linli.core.ui import id_param, paginate, render_list, run_action
from linli.lending import isbn, selectors, services
from linli.lending.forms import TitleForm, rules_from_post
from linli.lending.models import Copy, Kind, Title
from linli.lending.permissions import MANAGE_LENDING
from linli.people.scope import people_scope
from linli.tenancy.community import active_community, community_with


def _community_of_role(request):
    """Anyone with a role in the community may browse its catalogue (residents look for a book)."""
    community = active_community(request)
    if community is None or community.pk not in scope_for(request.user).community_ids and not request.user.is_superuser:
        raise Http404
    return community


@login_required
def titles(request):
    community = _community_of_role(request)
    kind = request.GET.get("kind", "")
    category = id_param(request.GET.get("category"))
    rows = selectors.title_list(
        actor=request.user,
        community_id=community.pk,
        query=request.GET.get("q", ""),
        kind=kind,
        category_id=category,
        available_only=request.GET.get("shelf") == "1",
    )
    page = paginate(request, rows, 50)
    return render_list(
        request,
        "lending/titles.html",
        {
            "page": page,
            "kind": kind,
            "kinds": Kind.choices,
            "category": category,
            "q": request.GET.get("q", ""),
            "categories": selectors.categories(community.pk),
            "can_manage": scope_for(request.user).has(MANAGE_LENDING, community.pk),
        },
    )


@login_required
def title_detail(request, pk):
    title = selectors.get_title_for(request.user, pk)
    scope = scope_for(request.user)
    manages = scope.has(MANAGE_LENDING, title.community_id)
    copies = selectors.title_copies(title)
    queue = selectors.title_queue(title)
    mine = [h for h in queue if h.resident_id in people_scope(scope).resident_ids]
    my_residents = people_scope(scope).resident_ids
    return render(
        request,
        "lending/title_detail.html",
        {
            "title": title,
            "copies": copies,
            "queue": queue,
            "can_manage": manages,
            "mine": mine[0] if mine else None,
            "can_hold": bool(my_residents) and not mine and copies and not any(c.status == "available" for c in copies),
            "shelf": sum(1 for c in copies if c.status == "available"),
            "conditions": Copy.Condition.choices,
            "next_barcode": services.next_barcode(title.community_id, title.kind) if manages else "",
            "timeline": timeline("lending_title", title.pk) if manages else [],
            "isbn_display": isbn.display(title.isbn),
            "marks": [(s, Copy.Status(s).label) for s in ("available", "damaged", "lost", "withdrawn")],
        },
    )


@login_required
def title_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_LENDING)
    title = selectors.get_title_for(request.user, pk) if pk else None
    if title is not None and title.community_id != community.pk:
        raise Http404
    kind = request.POST.get("kind") or request.GET.get("kind") or (title.kind if title else Kind.BOOK)
    form = TitleForm(
        request.POST or None,
        instance=title,
        community_id=community.pk,
        initial={"kind": kind, "isbn": request.GET.get("isbn", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.title_save(
                actor=request.user, community_id=community.pk, data=form.to_input(), title=title
            )
            if title is None and form.cleaned_data.get("copies"):
                for _i in range(form.cleaned_data["copies"]):
                    services.copy_add(
                        actor=request.user, title=saved, shelf_mark=form.cleaned_data.get("shelf_mark", "")
                    )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已保存《%(t)s》。") % {"t": saved.title})
            return redirect("lending:title_detail", pk=saved.pk)
    return render(request, "lending/title_form.html", {"form": form, "title": title, "kind": kind})


@login_required
def isbn_check(request):
    """What the ISBN box says as one types or scans: the normal form, a wrong check digit, or the
    title already in the catalogue (htmx fragment)."""
    community, _scope = community_with(request, MANAGE_LENDING)
    raw = request.GET.get("isbn", "")
    context: dict = {"raw": raw}
    if raw.strip():
        try:
            code = isbn.normalise(raw)
        except DomainError as exc:
            context["error"] = exc.message
        else:
            context["isbn"] = code
            context["known"] = (
                Title.objects.visible_to(request.user).filter(community_id=community.pk, isbn=code).first()
            )
    return render(request, "lending/_isbn.html", context)


@login_required
@require_POST
def copy_add(request, pk):
    title = selectors.get_title_for(request.user, pk)
    if not scope_for(request.user).has(MANAGE_LENDING, title.community_id):
        raise Http404
    run_action(
        request,
        lambda: services.copy_add(
            actor=request.user,
            title=title,
            barcode=request.POST.get("barcode", ""),
            shelf_mark=request.POST.get("shelf_mark", ""),
            condition=request.POST.get("condition", "good"),
            condition_note=request.POST.get("condition_note", ""),
        ),
        _("已添加复本。"),
    )
    return redirect("lending:title_detail", pk=title.pk)


@login_required
@require_POST
def copy_mark(request, pk):
    copy = selectors.get_copy_for(request.user, pk)
    if not scope_for(request.user).has(MANAGE_LENDING, copy.community_id):
        raise Http404
    run_action(
        request,
        lambda: services.copy_mark(
            actor=request.user, copy=copy, status=request.POST.get("status", ""), note=request.POST.get("note", "")
        ),
        _("已更新复本状态。"),
    )
    return redirect("lending:title_detail", pk=copy.title_id)


@login_required
def settings_page(request):
    community, _scope = community_with(request, MANAGE_LENDING)
    rules, error = services.rules_for(community.pk), None
    if request.method == "POST":
        try:
            if request.POST.get("category"):
                services.category_add(
                    actor=request.user,
                    community_id=community.pk,
                    name=request.POST["category"],
                    kind=request.POST.get("kind", Kind.BOOK),
                )
                messages.success(request, _("已添加分类。"))
            else:
                services.policy_save(actor=request.user, community_id=community.pk, rules=rules_from_post(request.POST))
                messages.success(request, _("已保存借阅规则。"))
        except (DomainError, ValueError) as exc:
            error = getattr(exc, "message", _("请填写整数。"))
        else:
            return redirect("lending:settings")
    return render(
        request,
        "lending/settings.html",
        {"rules": rules, "error": error, "categories": selectors.categories(community.pk), "kinds": Kind.choices},
    )
