"""Programmes: the list (and a new one), a programme's page with its report, indicators and linked
records, and the printable report for the funder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.socialwork import programme_report as reports
from linli.socialwork import services
from linli.socialwork.models import ProgrammeGoal
from linli.socialwork.permissions import MANAGE_SOCIALWORK, VIEW_PROGRAMMES
from linli.tenancy.community import community_with


@login_required
def programmes(request):
    community, scope = community_with(request, VIEW_PROGRAMMES)
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            made = services.programme_save(
                actor=request.user, community_id=community.pk, name=p.get("name", ""),
                target_group=p.get("target_group", ""), start_date=p.get("start_date"), end_date=p.get("end_date"),
                aim=p.get("aim", ""), funder=p.get("funder", ""), budget_yuan=p.get("budget", "0"),
            )  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("服务项目已设立。"))
            return redirect("socialwork:programme", pk=made.pk)
    rows = reports.programme_list(actor=request.user, community_id=community.pk)
    context = {"rows": rows, "error": error, "posted": request.POST if error else {},
               "may_manage": scope.has(MANAGE_SOCIALWORK, community.pk)}  # fmt: skip
    return render(request, "socialwork/programmes.html", context)


def _report_context(request, pk) -> dict:
    programme = reports.get_programme_for(request.user, pk)
    return {
        **reports.programme_report(actor=request.user, programme=programme),
        "may_manage": scope_for(request.user).has(MANAGE_SOCIALWORK, programme.community_id),
        "kinds": ProgrammeGoal.Kind.choices, "metrics": ProgrammeGoal.Metric.choices,
        "link_choices": reports.link_choices(actor=request.user, programme=programme),
    }  # fmt: skip


@login_required
def programme(request, pk):
    return render(request, "socialwork/programme.html", _report_context(request, pk))


@login_required
def programme_print(request, pk):
    return render(request, "socialwork/programme_print.html", _report_context(request, pk))


@login_required
@require_POST
def programme_action(request, pk, action):
    programme = reports.get_programme_for(request.user, pk)
    p = request.POST
    calls = {
        "goal": lambda: services.programme_goal_add(actor=request.user, programme=programme, text_=p.get("text", ""),
                                                    kind=p.get("kind", ""), metric=p.get("metric", ""),
                                                    target=p.get("target")),
        "link": lambda: services.programme_link(actor=request.user, programme=programme,
                                                kind=p.get("ref", "").partition(":")[0],
                                                ref_id=p.get("ref", "").partition(":")[2]),
    }  # fmt: skip
    if action not in calls:
        raise Http404
    try:
        calls[action]()
    except DomainError as exc:
        context = {**_report_context(request, pk), "failed": action, "error": exc, "kept": {action: p}}
        return render(request, "socialwork/programme.html", context)
    messages.success(request, _("已保存。"))
    return redirect("socialwork:programme", pk=programme.pk)
