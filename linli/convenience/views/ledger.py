"""The ledger on the order's page: a line recorded (a spend with its receipt photo), countered with
a reason, corrected before confirmation; the resident's (or proxy's) confirmation with satisfaction;
the secretary's monthly check with its export."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.convenience import selectors, services
from linli.convenience.money import yuan
from linli.convenience.permissions import MANAGE_SERVICES
from linli.core.audit import access_log_write
from linli.core.exports import spreadsheet_response
from linli.core.models import AccessLog
from linli.core.ui import id_param, run_action
from linli.tenancy.community import community_with


@login_required
@require_POST
def ledger_add(request, pk):
    order = selectors.get_order_for(request.user, pk)
    data = services.EntryInput(
        kind=request.POST.get("kind", ""), amount=request.POST.get("amount", ""), party=request.POST.get("party", ""),
        witness=request.POST.get("witness", ""), note=request.POST.get("note", ""),
        receipt=request.FILES.get("receipt"),
    )  # fmt: skip
    run_action(request, lambda: services.ledger_add(actor=request.user, order=order, data=data), _("已记账。"))
    return redirect("convenience:order_detail", pk=order.pk)


@login_required
@require_POST
def ledger_counter(request, pk):
    entry = selectors.get_entry_for(request.user, pk)
    reason = request.POST.get("reason", "")
    run_action(request, lambda: services.ledger_counter(actor=request.user, entry=entry, reason=reason),
               _("已冲正：原来那笔保留，另记一笔相反的。"))  # fmt: skip
    return redirect("convenience:order_detail", pk=entry.order_id)


@login_required
@require_POST
def ledger_edit(request, pk):
    """A line not yet confirmed, corrected with a reason (a confirmed one is refused: counter it)."""
    entry = selectors.get_entry_for(request.user, pk)
    run_action(request, lambda: services.ledger_edit(
        actor=request.user, entry=entry, amount=request.POST.get("amount", ""), party=request.POST.get("party", ""),
        witness=request.POST.get("witness", ""), note=request.POST.get("note", ""),
        reason=request.POST.get("reason", ""),
    ), _("已改正：改之前的数记在服务单的记录里。"))  # fmt: skip
    return redirect("convenience:order_detail", pk=entry.order_id)


@login_required
@require_POST
def order_confirm(request, pk):
    order = selectors.get_order_for(request.user, pk)
    stars = id_param(request.POST.get("satisfaction"))
    if order.status == "confirmed":
        call = lambda: services.ledger_confirm(actor=request.user, order=order)  # noqa: E731
    else:
        call = lambda: services.order_confirm(actor=request.user, order=order, satisfaction=stars,  # noqa: E731
                                              comment=request.POST.get("comment", ""))  # fmt: skip
    run_action(request, call, _("谢谢，已确认。"))
    if request.POST.get("back") == "mine":  # a proxy's page is her mother's community's: ?c= keeps it
        return redirect(f"{reverse('convenience:mine')}?c={order.community_id}")
    return redirect("convenience:order_detail", pk=order.pk)


def _month(request, community_id: int) -> dt.date:
    """The month asked for; else the latest month with lines (early in a month, the last one's)."""
    raw = (request.GET.get("month") or request.POST.get("month") or "").strip()
    try:
        return dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return selectors.latest_month(community_id) or timezone.localdate().replace(day=1)


@login_required
def ledger_month(request):
    community, scope = community_with(request, MANAGE_SERVICES)
    month = _month(request, community.pk)
    rows = selectors.month_totals(scope=scope, community_id=community.pk, month=month)
    sums = {k: sum(r[k] for r in rows) for k in ("received", "spent", "returned", "in_hand", "unconfirmed")}
    return render(request, "convenience/ledger_month.html",
                  {"rows": rows, "month": month, "sums": sums, "can_manage": True})  # fmt: skip


def _headers() -> list[str]:
    return [_("日期"), _("居民"), _("服务"), _("服务单号"), _("类别"), _("金额（元）"), _("经手人"), _("见证人"),
            _("说明"), _("冲正原因"), _("记账人"), _("确认时间")]  # fmt: skip


@login_required
@require_POST
def ledger_export(request):
    """The month's lines for the secretary's check; residents' names only (no ID or phone), logged."""
    community, scope = community_with(request, MANAGE_SERVICES)
    month = _month(request, community.pk)
    lines = selectors.export_lines(scope=scope, community_id=community.pk, month=month)
    access_log_write(actor=request.user, action=AccessLog.Action.EXPORT, community_id=community.pk,
                     subject_type="convenience_ledger", subject_id=None, fields=["name"],
                     reason=_("代管钱款月度核对"), request=request)  # fmt: skip

    def rows():
        for e in lines.iterator(chunk_size=500):
            yield [timezone.localtime(e.recorded_at).strftime("%Y-%m-%d %H:%M"), e.resident.name,
                   e.order.service_type.name, e.order_id, e.get_kind_display(), yuan(e.effect_fen), e.party,
                   e.witness, e.note, e.reason if e.counters_id else "", e.recorded_by.get_full_name() or
                   e.recorded_by.get_username(),
                   timezone.localtime(e.confirmed_at).strftime("%Y-%m-%d %H:%M") if e.confirmed_at else ""]  # fmt: skip

    title = _("代管钱款%(month)s") % {"month": f"{month:%Y-%m}"}
    return spreadsheet_response(title=title, fmt="xlsx", headers=_headers(), rows=rows())
