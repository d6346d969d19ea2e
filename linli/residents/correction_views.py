"""Correction requests on the pages: the resident's own (a form and the outcomes, phone-first) and
the staff's queue with accept / refuse, a proposed phone masked there unless revealed with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.permissions import may_reveal
from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.residents import corrections, selectors
from linli.residents.models import CorrectionRequest


@login_required
def mine(request):
    values = {"field": request.POST.get("field", ""), "proposed": request.POST.get("proposed", ""),
              "note": request.POST.get("note", "")}  # fmt: skip
    error = None
    building_id, room = id_param(request.POST.get("building")), request.POST.get("room", "")
    values |= {"building": building_id, "room": room}
    if request.method == "POST" and values["field"] == CorrectionRequest.Field.DWELLING:
        found = selectors.dwelling_by_room(actor=request.user, building_id=building_id, room=room)
        values["proposed"] = str(found or "")
    if request.method == "POST" and values["field"] == CorrectionRequest.Field.DWELLING and not values["proposed"]:
        error = corrections.NO_DWELLING
    elif request.method == "POST":
        try:
            corrections.correction_request_create(
                actor=request.user, field=values["field"], proposed=values["proposed"], note=values["note"]
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("已提交更正申请，社区处理后会通知您。"))
            return redirect("residents:my_corrections")
    rows = list(selectors.own_corrections(actor=request.user)[:20])
    for r in rows:  # his own number in full while it is kept (pending); the last digits after
        r.shown = corrections.proposed_phone(r) or corrections.proposed_masked(r)
    selectors.label_dwellings(rows)
    context = {"rows": rows, "values": values, "error": error, "fields": CorrectionRequest.Field.choices,
               "buildings": selectors.dwelling_choices(actor=request.user)}  # fmt: skip
    return render(request, "residents/my_corrections.html", context)


@login_required
def queue(request):
    from linli.tenancy.community import active_community

    community = active_community(request)
    if community is None or not selectors.can_confirm_here(request.user, community.pk):
        return render(request, "403.html", status=403)
    status = request.GET.get("status", "pending")
    rows = list(selectors.correction_queue(actor=request.user, community_id=community.pk, status=status)[:100])
    for r in rows:
        r.shown = corrections.proposed_masked(r)
        r.can_reveal = bool(r.proposed_enc) and may_reveal(scope_for(request.user), r.community_id)
    selectors.label_dwellings(rows)
    tabs = [("pending", _("待处理")), ("accepted", _("已更正")), ("refused", _("未通过"))]
    return render(request, "residents/corrections.html", {"rows": rows, "status": status, "tabs": tabs})


@login_required
@require_POST
def decide(request, pk: int, action: str):
    if action not in ("accept", "refuse"):
        raise Http404
    row = selectors.get_correction_for(request.user, pk)
    try:
        if action == "accept":
            corrections.correction_accept(actor=request.user, correction=row)
            messages.success(request, _("已更正登记信息，并通知了居民。"))
        else:
            corrections.correction_refuse(actor=request.user, correction=row, reason=request.POST.get("reason", ""))
            messages.success(request, _("已标为不通过，并通知了居民。"))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("residents:corrections")


@login_required
@require_POST
def reveal(request, pk: int):
    """The full proposed number for one staff member, with the reason logged (an htmx fragment)."""
    row = selectors.get_correction_for(request.user, pk)
    reason = request.POST.get("reason", "")
    try:
        value = corrections.correction_reveal(actor=request.user, correction=row, reason=reason, request=request)
    except DomainError as exc:
        context = {"r": row, "error": exc.message, "reason": reason}
        return render(request, "residents/_correction_reveal.html", context, status=200)
    return render(request, "residents/_correction_revealed.html", {"value": value})
