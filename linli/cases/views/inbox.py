"""The inbox: the boxes, the filters and routing several new cases at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases import selectors, services
from linli.cases import selectors_pages as pages
from linli.cases.models import Channel, Status
from linli.cases.permissions import FILE_CASE, HANDLE_CASES, WORK_CASES
from linli.core.ui import id_param, next_url, paginate, params, render_list
from linli.tenancy.community import community_with


@login_required
def inbox(request):
    community, scope = community_with(request, HANDLE_CASES, WORK_CASES)
    p = params(request)
    box = p.get("box") if p.get("box") in selectors.BOXES else selectors.default_box(scope, community.pk)
    filters = selectors.CaseFilters(
        community_id=community.pk,
        box=box,
        query=(p.get("q") or "").strip()[:50],
        category_id=id_param(p.get("category")),
        status=p.get("status") or "",
        channel=p.get("channel") or "",
        handler_org_id=id_param(p.get("org")),
        compound_id=id_param(p.get("compound")),
    )
    cases = selectors.case_inbox(actor=request.user, filters=filters).defer("description", "contact_phone_enc")
    handle = scope.has(HANDLE_CASES, community.pk)
    counts = selectors.box_counts(actor=request.user, community_id=community.pk)
    unfiltered = not (filters.query or filters.category_id or filters.status or filters.channel
                      or filters.handler_org_id or filters.compound_id)  # fmt: skip
    context = {
        "page": paginate(request, cases, count=counts.get(box) if unfiltered else None),
        "f": filters,
        "counts": counts,
        "categories": selectors.categories_for(community.pk, active_only=False),
        "orgs": selectors.partner_orgs(community.pk) if handle else [],
        "statuses": Status.choices,
        "channels": Channel.choices,
        "can_handle": handle,
        "can_file": scope.has(FILE_CASE, community.pk),
        "staff": pages.staff_users(community.pk) if handle else [],
        "now": timezone.now(),
    }
    return render_list(request, "cases/inbox.html", context)


@login_required
@require_POST
def bulk_assign(request):
    community, _scope = community_with(request, HANDLE_CASES)
    ids = [i for i in (id_param(x) for x in request.POST.getlist("case")) if i][:200]
    target = request.POST.get("target") or ""
    org_id = id_param(target[4:]) if target.startswith("org:") else None
    user_id = id_param(target[5:]) if target.startswith("user:") else None
    if not ids or not (target == "team" or org_id or user_id):
        messages.error(request, _("请勾选诉求并选择派给谁。"))
        return redirect(next_url(request, "cases:inbox"))
    cases = pages.cases_by_ids(request.user, community.pk, ids)
    done, refused = services.bulk_assign(actor=request.user, cases=cases, handler_org_id=org_id, assignee_id=user_id)
    if done:
        messages.success(request, _("已派单%(n)d件。") % {"n": done})
    for line in refused[:10]:
        messages.error(request, line)
    return redirect("cases:inbox")
