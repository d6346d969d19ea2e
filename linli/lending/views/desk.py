"""The desk's loan and return screen: find the reader (scan his card, or type a name), scan the
copy, press 借出 — or scan a returned copy and press 归还. One service call per action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import id_param
from linli.lending import selectors, services
from linli.lending.permissions import MANAGE_LENDING
from linli.tenancy.community import community_with


def _desk_url(reader_id: int | None, mode: str = "lend") -> str:
    url = reverse("lending:desk")
    query = [f"reader={reader_id}"] if reader_id else []
    if mode == "return":
        query.append("mode=return")
    return url + ("?" + "&".join(query) if query else "")


@login_required
def desk(request):
    community, _scope = community_with(request, MANAGE_LENDING)
    if request.method == "POST":
        return _desk_post(request, community)
    mode = "return" if request.GET.get("mode") == "return" else "lend"
    reader_id = id_param(request.GET.get("reader"))
    who = (request.GET.get("who") or "").strip()
    found = []
    if who and not reader_id:
        found = selectors.reader_search(actor=request.user, community_id=community.pk, query=who)
        if len(found) == 1:
            return redirect(_desk_url(found[0].pk, mode))
    panel = (
        selectors.reader_panel(actor=request.user, community_id=community.pk, resident_id=reader_id)
        if (reader_id)
        else None
    )
    if reader_id and panel is None:
        raise Http404
    last = request.session.pop("lending_last", None)
    return render(
        request,
        "lending/desk.html",
        {
            "mode": mode,
            "panel": panel,
            "who": who,
            "found": found,
            "searched": bool(who),
            "last": last,
            "today": timezone.localdate(),
        },
    )


def _desk_post(request, community):
    action, barcode = request.POST.get("action"), request.POST.get("barcode", "")
    reader_id = id_param(request.POST.get("reader"))
    try:
        if action == "return":
            loan = services.loan_return(
                actor=request.user,
                community_id=community.pk,
                barcode=barcode,
                damaged=request.POST.get("damaged") == "1",
                condition_in=request.POST.get("condition_in", ""),
            )
            late = max(0, (timezone.localdate() - loan.due_date).days)
            request.session["lending_last"] = {
                "kind": "return",
                "title": loan.title.title,
                "late": late,
                "deposit": loan.deposit_fen - loan.deposit_kept_fen,
            }
            messages.success(
                request, _("已归还：《%(t)s》（%(b)s）。") % {"t": loan.title.title, "b": loan.copy.barcode}
            )
            return redirect(_desk_url(reader_id, "return"))
        loan = services.loan_lend(
            actor=request.user,
            community_id=community.pk,
            barcode=barcode,
            card=request.POST.get("card", ""),
            resident_id=reader_id,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_desk_url(reader_id, "return" if action == "return" else "lend"))
    messages.success(
        request,
        _("已借出：《%(t)s》（%(b)s），请于 %(d)s 前归还。")
        % {"t": loan.title.title, "b": loan.copy.barcode, "d": loan.due_date.strftime("%Y-%m-%d")},
    )
    return redirect(_desk_url(loan.resident_id))


@login_required
def reader_search(request):
    """The desk's name search as an htmx fragment (the plain form does the same in the page)."""
    community, _scope = community_with(request, MANAGE_LENDING)
    found = selectors.reader_search(actor=request.user, community_id=community.pk, query=request.GET.get("who", ""))
    return render(
        request, "lending/_readers.html", {"found": found, "searched": True, "mode": request.GET.get("mode", "lend")}
    )


@login_required
@require_POST
def card_issue(request, pk):
    community, _scope = community_with(request, MANAGE_LENDING)
    panel = selectors.reader_panel(actor=request.user, community_id=community.pk, resident_id=pk)
    if panel is None:
        raise Http404
    try:
        card = services.card_issue(
            actor=request.user, resident=panel["resident"], number=request.POST.get("number", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已办借阅证 %(n)s。") % {"n": card.number})
    return redirect(_desk_url(pk))
