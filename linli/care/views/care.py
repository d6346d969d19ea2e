"""Care plans: the list (those with contacts due or escalations first), a plan with its schedule,
emergency contacts (masked), health notes (for roles granted them), a contact logged in one tap;
the escalation list."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.care import selectors, services
from linli.care.models.care import ContactKind, EmergencyContact
from linli.care.permissions import MANAGE_CARE, RECORD_VISITS, VIEW_VISITS, may_read_health
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, paginate, run_action
from linli.people.models import Resident
from linli.tenancy.community import community_with


@login_required
def plan_list(request):
    community, scope = community_with(request, VIEW_VISITS)
    plans = selectors.care_plan_list(scope=scope, community_id=community.pk)
    return render(request, "care/plan_list.html", {
        "page": paginate(request, plans), "can_manage": scope.has(MANAGE_CARE, community.pk),
        "can_log": scope.has(RECORD_VISITS, community.pk), "kinds": ContactKind.choices,
    })  # fmt: skip


@login_required
def plan_create(request):
    community, scope = community_with(request, MANAGE_CARE)
    error = None
    if request.method == "POST":
        data = services.CarePlanInput(
            resident_id=id_param(request.POST.get("resident")), reason=request.POST.get("reason", ""),
            health_notes=request.POST.get("health_notes") if may_read_health(scope, community.pk) else None,
        )  # fmt: skip
        try:
            plan = services.care_plan_save(actor=request.user, community=community, data=data)
        except DomainError as exc:
            error = exc
        else:
            return redirect("care:plan_detail", pk=plan.pk)
    query = request.GET.get("q", "").strip()[:30]
    residents = (
        Resident.objects.visible_to(scope).filter(community=community, status="active", name__contains=query)[:20]
        if query else []
    )  # fmt: skip
    return render(request, "care/plan_form.html", {
        "residents": residents, "query": query, "error": error, "values": request.POST if error else None,
        "may_read_health": may_read_health(scope, community.pk),
    })  # fmt: skip


@login_required
def plan_detail(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    scope = scope_for(request.user)
    context = selectors.plan_page(plan, may_read_health=may_read_health(scope, plan.community_id))
    context.update({
        "kinds": ContactKind.choices, "relations": EmergencyContact.Relation.choices, "today": timezone.localdate(),
        "contact_key": uuid.uuid4(),
        "can_manage": scope.has(MANAGE_CARE, plan.community_id), "can_log": scope.has(RECORD_VISITS, plan.community_id),
    })  # fmt: skip
    return render(request, "care/plan_detail.html", context)


@login_required
@require_POST
def plan_contact(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    schedule = next((s for s in selectors.plan_page(plan, may_read_health=False)["schedules"]
                     if s.pk == id_param(request.POST.get("schedule"))), None)  # fmt: skip
    reached = request.POST.get("reached", "1") == "1"
    try:
        contact = services.care_contact_log(
            actor=request.user, plan=plan, kind=request.POST.get("kind") or (schedule.kind if schedule else ""),
            reached=reached, note=request.POST.get("note", ""), key=request.POST.get("key") or None,
            schedule=schedule, minutes=_minutes(request.POST.get("minutes")),
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已记录：联系上了。") if reached else _("已记录：没有联系上，将提醒网格员。"))
        if getattr(contact, "hours_problem", None):
            messages.warning(request, contact.hours_problem)
        elif contact.service_record_id:
            messages.info(request, _("已为志愿者登记服务时长 %(n)s 分钟。") % {"n": contact.minutes})
    if request.POST.get("back") == "list":
        return redirect("care:plan_list")
    return redirect("care:plan_detail", pk=plan.pk)


def _minutes(raw: str | None) -> int | None:
    """The call's minutes typed on the form: None when left empty (the default), -1 when not a number."""
    raw = (raw or "").strip()
    if not raw:
        return None
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else -1


@login_required
@require_POST
def plan_schedule(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    data = services.ScheduleInput(
        kind=request.POST.get("kind", ""), every_days=id_param(request.POST.get("every_days")) or 0,
        responsible_user_id=request.user.pk if request.POST.get("me") else None,
        responsible_name=request.POST.get("responsible_name", ""), first_due_date=date_param(request.POST.get("first")),
    )  # fmt: skip
    run_action(request, lambda: services.schedule_add(actor=request.user, plan=plan, data=data), _("已添加联系安排。"))
    return redirect("care:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_emergency(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    run_action(request, lambda: services.emergency_contact_add(
        actor=request.user, plan=plan, name=request.POST.get("name", ""), relation=request.POST.get("relation", ""),
        relation_note=request.POST.get("relation_note", ""), phone=request.POST.get("phone", ""),
    ), _("已添加紧急联系人。"))  # fmt: skip
    return redirect("care:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_health(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    try:
        notes = services.health_notes_read(actor=request.user, plan=plan, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("care:plan_detail", pk=plan.pk)
    return render(request, "care/health_notes.html", {"plan": plan, "notes": notes})


@login_required
@require_POST
def plan_close(request, pk):
    plan = selectors.get_plan_for(request.user, pk)
    run_action(request, lambda: services.care_plan_close(actor=request.user, plan=plan), _("关爱计划已结束。"))
    return redirect("care:plan_detail", pk=plan.pk)


@login_required
def escalation_list(request):
    community, scope = community_with(request, VIEW_VISITS)
    rows = selectors.escalation_list(scope=scope, community_id=community.pk)
    return render(request, "care/escalation_list.html", {"page": paginate(request, rows)})


@login_required
@require_POST
def escalation_resolve(request, pk):
    row = selectors.get_escalation_for(request.user, pk)
    note = request.POST.get("note", "")
    run_action(
        request, lambda: services.escalation_resolve(actor=request.user, escalation=row, note=note), _("已处理。")
    )
    return redirect("care:escalation_list")
