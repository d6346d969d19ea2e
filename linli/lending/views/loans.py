"""Loans (open, overdue by lateness, closed), a loan's actions, holds, the figures and 我的借阅."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core.permissions import VIEW_STATS
from linli.core.scoping import scope_for
from linli.core.ui import id_param, next_url, paginate, render_list, run_action
from linli.lending import selectors, services
from linli.lending.forms import yuan_to_fen
from linli.lending.models import Kind
from linli.lending.permissions import MANAGE_LENDING
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.tenancy.community import active_community, community_with
from linli.tenancy.models import Community

STATES = {"open": gettext_lazy("借出中"), "overdue": gettext_lazy("逾期"), "closed": gettext_lazy("已归还")}


@login_required
def loans(request):
    community, _scope = community_with(request, MANAGE_LENDING)
    state = request.GET.get("state", "open")
    state = state if state in STATES else "open"
    kind = request.GET.get("kind", "")
    page = paginate(
        request, selectors.loan_list(actor=request.user, community_id=community.pk, state=state, kind=kind), 50
    )
    today = timezone.localdate()
    for loan in page.object_list:
        loan.late = loan.days_late(today)
    return render_list(
        request,
        "lending/loans.html",
        {"page": page, "state": state, "kind": kind, "kinds": Kind.choices, "states": STATES},
    )


ACTIONS = {"renew", "lost"}


@login_required
@require_POST
def loan_action(request, pk, action):
    loan = selectors.get_loan_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    back = next_url(request, "lending:loans")
    if action == "renew":
        run_action(request, lambda: services.loan_renew(actor=request.user, loan=loan), _("已续借。"))
        return redirect(back)
    if not scope_for(request.user).has(MANAGE_LENDING, loan.community_id):
        raise Http404
    try:
        kept = yuan_to_fen(request.POST.get("kept", "0"))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    run_action(
        request,
        lambda: services.loan_mark_lost(
            actor=request.user, loan=loan, kept_fen=kept, note=request.POST.get("note", "")
        ),
        _("已登记遗失。"),
    )
    return redirect(back)


@login_required
@require_POST
def remind(request):
    community, _scope = community_with(request, MANAGE_LENDING)
    told = services.overdue_remind(actor=request.user, community_id=community.pk)
    messages.success(request, _("已提醒 %(n)d 笔逾期借阅的读者。") % {"n": told})
    return redirect(reverse("lending:loans") + "?state=overdue")


@login_required
@require_POST
def hold_place(request, pk):
    """A resident queues for a title for himself; staff for the reader at the desk (`reader`)."""
    title = selectors.get_title_for(request.user, pk)
    scope = scope_for(request.user)
    reader_id = id_param(request.POST.get("reader"))
    if reader_id is None:
        reader_id = next(iter(sorted(people_scope(scope).resident_ids)), None)
    resident = (
        Resident.objects.visible_to(request.user).filter(pk=reader_id, community_id=title.community_id).first()
        if (reader_id)
        else None
    )
    if resident is None:
        messages.error(request, _("请先选定读者。"))
        return redirect("lending:title_detail", pk=title.pk)
    run_action(
        request,
        lambda: services.hold_place(actor=request.user, title=title, resident=resident),
        _("已预约：书还回来时会通知您。"),
    )
    return redirect(next_url(request, reverse("lending:title_detail", args=[title.pk])))


@login_required
@require_POST
def hold_cancel(request, pk):
    hold = selectors.get_hold_for(request.user, pk)
    run_action(request, lambda: services.hold_cancel(actor=request.user, hold=hold), _("已取消预约。"))
    return redirect(next_url(request, "lending:me"))


def _figures_community(request) -> Community:
    """Staff: the community they work in; a supervisor: one of the communities below him (?community=)."""
    scope = scope_for(request.user)
    wanted = id_param(request.GET.get("community"))
    if wanted and (
        wanted in scope.supervised_community_ids or scope.has(VIEW_STATS, wanted) or scope.has(MANAGE_LENDING, wanted)
    ):
        return Community.objects.get(pk=wanted)
    community = active_community(request)
    if community is not None and scope.has(MANAGE_LENDING, community.pk):
        return community
    if scope.supervised_community_ids:
        return Community.objects.filter(pk__in=scope.supervised_community_ids).order_by("name").first() or _no()
    raise Http404


def _no():
    raise Http404


@login_required
def figures(request):
    community = _figures_community(request)
    scope = scope_for(request.user)
    data = selectors.figures(community_id=community.pk)
    choices = (
        list(Community.objects.filter(pk__in=scope.supervised_community_ids).order_by("name"))
        if (scope.supervised_community_ids)
        else []
    )
    return render(request, "lending/figures.html", {"f": data, "shown": community, "choices": choices})


@login_required
def me(request):
    """我的借阅 (a phone page): what I have out and when it is due, my holds, what I read before."""
    mine = selectors.my_loans(actor=request.user)
    is_reader = bool(people_scope(scope_for(request.user)).resident_ids)
    return render(request, "lending/me.html", {"mine": mine, "is_reader": is_reader})
