"""The fitness equipment register (residents see where each set stands and which are out of
service; staff keep inspections and repairs), and the usage figures (staff and supervisors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.permissions import VIEW_STATS
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, run_action
from linli.places.models import Building
from linli.tenancy.community import active_community, community_with
from linli.tenancy.models import Community
from linli.venues import selectors, services
from linli.venues.models import Inspection
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES


@login_required
def fitness(request):
    community, scope = community_with(request, BOOK_VENUES, MANAGE_VENUES)
    staff = scope.has(MANAGE_VENUES, community.pk)
    error = None
    if request.method == "POST" and staff:
        post = request.POST
        try:
            services.fitness_set_save(
                actor=request.user, community=community, fitness_set=None, name=post.get("name", ""),
                position=post.get("position", ""), building_id=id_param(post.get("building")),
                installed_date=date_param(post.get("installed_date")), supplier=post.get("supplier", ""),
            )  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记器材。"))
            return redirect("venues:fitness")
    items = list(selectors.fitness_register(request.user, community.pk))
    return render(request, "venues/fitness.html", {
        "items": items, "staff": staff, "error": error, "values": request.POST or None,
        "out": sum(1 for i in items if i.out_of_service),
        "buildings": Building.objects.in_community(community).order_by("name") if staff else [],
    })  # fmt: skip


def _managed_set(request, pk):
    item = selectors.get_fitness_for(request.user, pk)
    if item is None or not scope_for(request.user).has(MANAGE_VENUES, item.community_id):
        raise Http404
    return item


@login_required
def fitness_detail(request, pk):
    item = _managed_set(request, pk)
    return render(request, "venues/fitness_detail.html", {
        "item": item, **selectors.fitness_history(request.user, item), "results": Inspection.Result.choices,
        "today": timezone.localdate(), "timeline": timeline("venue_fitness", item.pk),
    })  # fmt: skip


@login_required
@require_POST
def fitness_action(request, pk, what):
    item, post, user = _managed_set(request, pk), request.POST, request.user
    if what == "inspect":
        run_action(request, lambda: services.inspection_record(
            actor=user, fitness_set=item, inspected_date=date_param(post.get("inspected_date")),
            result=post.get("result", ""), findings=post.get("findings", "")), _("已登记检查。"))  # fmt: skip
    elif what == "repair":
        as_case = bool(post.get("as_case"))
        run_action(request, lambda: services.repair_raise(
            actor=user, fitness_set=item, problem=post.get("problem", ""), as_case=as_case),
            _("已报修，并转为民情诉求。") if as_case else _("已登记报修。"))  # fmt: skip
    elif what == "repaired":
        repair = selectors.get_repair_for(user, id_param(post.get("repair")))
        if repair is None or repair.fitness_set_id != item.pk:
            raise Http404
        run_action(request, lambda: services.repair_done(actor=user, repair=repair,
                   repaired_date=date_param(post.get("repaired_date"))), _("已登记修复，器材恢复使用。"))  # fmt: skip
    else:
        raise Http404
    return redirect("venues:fitness_detail", pk=item.pk)


def _figures_community(request) -> Community:
    """The staff's own community, or one the supervisor oversees (?community=)."""
    scope = scope_for(request.user)
    allowed = {c for c, perms in scope.perms.items() if VIEW_STATS in perms} | scope.supervised_community_ids
    wanted = id_param(request.GET.get("community"))
    if wanted is None:
        active = active_community(request)
        usable = active is not None and (scope.is_superuser or active.pk in allowed)
        wanted = active.pk if usable and active is not None else min(allowed, default=None)
    if wanted is None or not (scope.is_superuser or wanted in allowed):
        raise Http404
    community = Community.objects.filter(pk=wanted).first()
    if community is None:
        raise Http404
    return community


@login_required
def figures(request):
    community = _figures_community(request)
    scope = scope_for(request.user)
    year = id_param(request.GET.get("year")) or timezone.localdate().year
    month = id_param(request.GET.get("month"))
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    month = month if month and 1 <= month <= 12 else None
    choices = Community.objects.filter(pk__in=scope.supervised_community_ids).order_by("name")
    return render(request, "venues/figures.html", {
        "community_shown": community, "figures": selectors.usage(community.pk, year, month),
        "choices": choices, "months": range(1, 13), "years": range(timezone.localdate().year - 2,
                                                                   timezone.localdate().year + 1),
    })  # fmt: skip
