"""Mediation of a neighbour dispute: its parties, sessions, the agreement and its print."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases import selectors, services
from linli.cases import selectors_pages as pages
from linli.core.scoping import scope_for
from linli.core.ui import date_param, run_action


@login_required
@require_POST
def mediation(request, pk, what):
    case = selectors.get_case_for(request.user, pk)
    post = request.POST
    if what == "party":
        call = lambda: services.mediation_add_party(  # noqa: E731
            actor=request.user,
            case=case,
            side=post.get("side", ""),
            name=post.get("name", ""),
            address=post.get("address", ""),
        )
        done = _("已登记当事人。")
    elif what == "session":
        call = lambda: services.mediation_record(  # noqa: E731
            actor=request.user,
            case=case,
            kind=post.get("kind", ""),
            held_on=date_param(post.get("held_on")),
            place=post.get("place", ""),
            mediators=post.get("mediators", ""),
            notes=post.get("notes", ""),
        )
        done = _("已记录。")
    elif what == "agreement":
        call = lambda: services.mediation_agreement_save(  # noqa: E731
            actor=request.user,
            case=case,
            dispute=post.get("dispute", ""),
            terms=post.get("terms", ""),
            fulfilment=post.get("fulfilment", ""),
            reached_on=date_param(post.get("reached_on")),
            mediators=post.get("mediators", ""),
            signed=bool(post.get("signed")),
        )
        done = _("已保存调解协议，可打印后由双方签字。")
    else:
        raise Http404
    run_action(request, call, done)
    return redirect("cases:case_detail", pk=case.pk)


@login_required
def agreement_print(request, pk):
    case = selectors.get_case_for(request.user, pk)
    if not services.can_handle(scope_for(request.user), case) or not hasattr(case, "agreement"):
        raise Http404
    parties = pages.mediation_parties(case)
    return render(
        request, "cases/agreement_print.html", {"case": case, "agreement": case.agreement, "parties": parties}
    )
