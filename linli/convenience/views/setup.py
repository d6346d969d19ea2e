"""The staff's settings: the community's service types (defaults written once, then edited) and the
residents' recorded proxies."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.convenience import selectors, services
from linli.convenience.models import FittingKind, Proxy, TypeKind
from linli.convenience.permissions import MANAGE_SERVICES
from linli.core.ui import id_param, paginate, run_action
from linli.people.models import Resident
from linli.tenancy.community import community_with


@login_required
def types(request):
    community, _scope = community_with(request, MANAGE_SERVICES)
    services.types_ensure(community.pk)
    return render(request, "convenience/types.html", {
        "types": selectors.service_types(community.pk, active_only=False), "kinds": TypeKind.choices,
        "fitting_kinds": FittingKind.choices, "can_manage": True,
    })  # fmt: skip


@login_required
@require_POST
def type_save(request):
    community, _scope = community_with(request, MANAGE_SERVICES)
    pk = id_param(request.POST.get("pk"))
    row = selectors.service_types(community.pk, active_only=False).filter(pk=pk).first() if pk else None
    run_action(request, lambda: services.service_type_save(
        actor=request.user, community=community, name=request.POST.get("name", ""),
        kind=request.POST.get("kind", "general"), fitting_kind=request.POST.get("fitting_kind", ""),
        handles_money=request.POST.get("handles_money") == "1", active=request.POST.get("active", "1") == "1",
        service_type=row,
    ), _("已保存服务项目。"))  # fmt: skip
    return redirect("convenience:types")


@login_required
def proxies(request):
    community, scope = community_with(request, MANAGE_SERVICES)
    rows = Proxy.objects.visible_to(scope).filter(community=community, active=True).select_related("resident", "user")
    query = request.GET.get("q", "").strip()[:30]
    residents = Resident.objects.visible_to(scope).filter(community=community, status="active",
                                                          name__contains=query)[:20] if query else []  # fmt: skip
    return render(request, "convenience/proxies.html", {
        "page": paginate(request, rows.order_by("resident__name", "pk")), "residents": residents, "query": query,
        "can_manage": True,
    })  # fmt: skip


@login_required
@require_POST
def proxy_add(request):
    community, _scope = community_with(request, MANAGE_SERVICES)
    run_action(request, lambda: services.proxy_add(
        actor=request.user, community=community, resident_id=id_param(request.POST.get("resident")),
        username=request.POST.get("username", ""), relation=request.POST.get("relation", ""),
    ), _("已登记代理人。"))  # fmt: skip
    return redirect("convenience:proxies")


@login_required
@require_POST
def proxy_end(request, pk):
    proxy = selectors.get_proxy_for(request.user, pk)
    run_action(request, lambda: services.proxy_end(actor=request.user, proxy=proxy), _("已取消代理人。"))
    return redirect("convenience:proxies")
