"""The resident's phone pages (我的便民服务): her orders and her proxied ones, the one waiting for her
confirmation on top with its ledger; a new order in a few taps. A proxy (a daughter living elsewhere)
often holds no role in her mother's community: the page is then that community's, not a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from linli.convenience import selectors, services
from linli.convenience.views.orders import order_input
from linli.core.errors import DomainError
from linli.core.ui import id_param
from linli.tenancy.community import active_community


def _community(request):
    """The active community when the user speaks for someone there; else a community where she is a
    recorded proxy (the one asked for with ?c=, if it is one of hers); 404 when there is none."""
    active = active_community(request)
    proxied = selectors.proxy_communities(request.user)
    wanted = id_param(request.GET.get("c") or request.POST.get("c"))
    if wanted and any(c.pk == wanted for c in proxied):
        return next(c for c in proxied if c.pk == wanted), proxied
    if active is not None and (not proxied or selectors.residents_spoken_for(request.user, active.pk)):
        return active, proxied
    if proxied:
        return proxied[0], proxied
    raise Http404


@login_required
def mine(request):
    community, proxied = _community(request)
    orders = selectors.my_orders(request.user, community.pk)
    waiting = [o for o in orders if o.status == "done"][:3]  # on top, each with its ledger to confirm
    return render(request, "convenience/mine.html", {
        "orders": orders, "spoken_for": selectors.residents_spoken_for(request.user, community.pk),
        "waiting": [selectors.order_page(o, request.user) for o in waiting], "community": community,
        "others": [c for c in proxied if c.pk != community.pk],
    })  # fmt: skip


@login_required
def mine_new(request):
    community, _proxied = _community(request)
    spoken_for = selectors.residents_spoken_for(request.user, community.pk)
    if not spoken_for:
        raise Http404
    services.types_ensure(community.pk)
    error = None
    if request.method == "POST":
        try:
            services.order_raise(actor=request.user, community=community, data=order_input(request))
        except DomainError as exc:
            error = exc
        else:
            from django.contrib import messages

            messages.success(request, _("已提交，社区会尽快安排人上门。"))
            return redirect(f"{reverse('convenience:mine')}?c={community.pk}")
    return render(request, "convenience/mine_form.html", {
        "spoken_for": spoken_for, "types": selectors.service_types(community.pk), "error": error,
        "values": request.POST if error else None, "community": community,
    })  # fmt: skip
