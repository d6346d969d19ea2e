"""A care plan edited by staff: its reason, each schedule's kind, interval, responsible person and
next due date, a schedule stopped. Pages for phones (390 px) and desks; a refusal says what is
wrong, keeps what was typed and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.care import selectors, services
from linli.care.models.care import ContactKind
from linli.care.permissions import may_manage
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, run_action


def _manage_or_404(request, community_id: int) -> None:
    if not may_manage(scope_for(request.user), community_id):
        raise Http404


@login_required
def plan_edit(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    _manage_or_404(request, plan.community_id)
    error = None
    if request.method == "POST":
        data = services.CarePlanInput(resident_id=None, reason=request.POST.get("reason", ""))
        try:
            services.care_plan_save(actor=request.user, community=plan.community, data=data, plan=plan)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存关爱计划。"))
            return redirect("care:plan_detail", pk=plan.pk)
    schedules = selectors.plan_page(plan, may_read_health=False)["schedules"]
    return render(request, "care/plan_edit.html", {
        "plan": plan, "schedules": schedules, "error": error,
        "reason": request.POST.get("reason", "") if error else plan.reason,
    })  # fmt: skip


def _change(post) -> services.ScheduleChange:
    return services.ScheduleChange(
        kind=post.get("kind", ""), every_days=id_param(post.get("every_days")) or 0,
        responsible=post.get("responsible", ""), next_due_date=date_param(post.get("next_due_date")),
        responsible_user_id=id_param(post.get("responsible_user")),
        responsible_volunteer_id=id_param(post.get("responsible_volunteer")),
        responsible_name=post.get("responsible_name", "")[:60],
    )  # fmt: skip


@login_required
def schedule_edit(request, pk):
    schedule = selectors.get_schedule_for(request.user, pk)
    _manage_or_404(request, schedule.community_id)
    error = None
    if request.method == "POST":
        try:
            services.schedule_change(actor=request.user, schedule=schedule, data=_change(request.POST))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已修改联系安排。"))
            return redirect("care:plan_detail", pk=schedule.plan_id)
    s = schedule
    current = "user" if s.responsible_user_id else "volunteer" if s.responsible_volunteer_id else "name"
    values = request.POST if error else {
        "kind": s.kind, "every_days": s.every_days, "responsible": current,
        "responsible_user": s.responsible_user_id or "", "responsible_volunteer": s.responsible_volunteer_id or "",
        "responsible_name": s.responsible_name,
        "next_due_date": max(s.next_due_date, timezone.localdate()).isoformat(),  # an overdue one: from today
    }  # fmt: skip
    return render(request, "care/schedule_form.html", {
        "schedule": s, "plan": s.plan, "error": error, "values": values, "kinds": ContactKind.choices,
        "today": timezone.localdate().isoformat(),
        "overdue": s.next_due_date < timezone.localdate(), **selectors.responsible_choices(s.community_id),
    })  # fmt: skip


@login_required
@require_POST
def schedule_stop(request, pk):
    schedule = selectors.get_schedule_for(request.user, pk)
    run_action(
        request, lambda: services.schedule_stop(actor=request.user, schedule=schedule), _("已停止这项联系安排。")
    )
    return redirect("care:plan_detail", pk=schedule.plan_id)
