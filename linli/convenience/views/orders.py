"""The staff's orders: the list (htmx-filtered), raising one for a resident, an order's page with its
ledger, assignment, completion with evidence, cancellation; the evidence photo."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.convenience import selectors, services
from linli.convenience.models import Order
from linli.convenience.permissions import MANAGE_SERVICES, RUN_SERVICES, VIEW_SERVICES
from linli.core.errors import DomainError
from linli.core.ui import date_param, datetime_param, id_param, paginate, render_list, run_action
from linli.people.models import Resident
from linli.tenancy.community import community_with


@login_required
def order_list(request):
    community, scope = community_with(request, VIEW_SERVICES)
    status = request.GET.get("status", "active")
    type_id = id_param(request.GET.get("type"))
    rows = selectors.order_list(scope=scope, community_id=community.pk, status=status, type_id=type_id,
                                mine=request.GET.get("mine") == "1")  # fmt: skip
    return render_list(request, "convenience/order_list.html", {
        "page": paginate(request, rows), "status": status, "type_id": type_id, "mine": request.GET.get("mine") == "1",
        "statuses": Order.Status.choices, "types": selectors.service_types(community.pk, active_only=False),
        "can_run": scope.has(RUN_SERVICES, community.pk), "can_manage": scope.has(MANAGE_SERVICES, community.pk),
    })  # fmt: skip


def order_input(request) -> services.OrderInput:
    return services.OrderInput(
        resident_id=id_param(request.POST.get("resident")), service_type_id=id_param(request.POST.get("service_type")),
        note=request.POST.get("note", ""), window_start=datetime_param(request.POST.get("window_start")),
        window_end=datetime_param(request.POST.get("window_end")),
    )  # fmt: skip


@login_required
def order_new(request):
    community, scope = community_with(request, RUN_SERVICES)
    services.types_ensure(community.pk)
    error = None
    if request.method == "POST":
        try:
            order = services.order_raise(actor=request.user, community=community, data=order_input(request))
        except DomainError as exc:
            error = exc
        else:
            return redirect("convenience:order_detail", pk=order.pk)
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q", "")) or ""
    query = query.strip()[:30]
    chosen = id_param(request.POST.get("resident") or request.GET.get("resident"))
    residents = Resident.objects.visible_to(scope).filter(community=community, status="active")
    residents = residents.filter(pk=chosen) if chosen and not query else (
        residents.filter(name__contains=query)[:20] if query else [])  # fmt: skip
    return render(request, "convenience/order_form.html", {
        "residents": residents, "query": query, "chosen": chosen, "error": error,
        "values": request.POST if error else None, "types": selectors.service_types(community.pk),
    })  # fmt: skip


@login_required
def order_detail(request, pk):
    order = selectors.get_order_for(request.user, pk)
    return render(request, "convenience/order_detail.html", selectors.order_page(order, request.user))


@login_required
@require_POST
def order_assign(request, pk):
    order = selectors.get_order_for(request.user, pk)
    who = request.POST.get("assignee", "")
    user_id = request.user.pk if who == "me" else (id_param(who[5:]) if who.startswith("user:") else None)
    volunteer_id = id_param(who[4:]) if who.startswith("vol:") else None
    run_action(request, lambda: services.order_assign(actor=request.user, order=order, user_id=user_id,
                                                      volunteer_id=volunteer_id), _("已派单。"))  # fmt: skip
    return redirect("convenience:order_detail", pk=order.pk)


@login_required
@require_POST
def order_complete(request, pk):
    order = selectors.get_order_for(request.user, pk)
    data = services.DoneInput(note=request.POST.get("note", ""), photo=request.FILES.get("photo"),
                              done_on=date_param(request.POST.get("done_on")))  # fmt: skip
    run_action(request, lambda: services.order_complete(actor=request.user, order=order, data=data),
               _("已登记办完，等居民本人或代理人确认。"))  # fmt: skip
    return redirect("convenience:order_detail", pk=order.pk)


@login_required
@require_POST
def order_cancel(request, pk):
    order = selectors.get_order_for(request.user, pk)
    reason = request.POST.get("reason", "")
    run_action(request, lambda: services.order_cancel(actor=request.user, order=order, reason=reason), _("已取消。"))
    if request.POST.get("back") == "mine":
        return redirect(f"{reverse('convenience:mine')}?c={order.community_id}")
    return redirect("convenience:order_detail", pk=order.pk)


def _file(field, content_type: str):
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def order_evidence(request, pk):
    order = selectors.get_order_for(request.user, pk)
    return _file(order.evidence, order.evidence_type)


@login_required
def receipt(request, pk):
    entry = selectors.get_entry_for(request.user, pk)
    return _file(entry.receipt, entry.receipt_type)
