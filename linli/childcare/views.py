"""The staff's pages of the day-care class: the programmes, a programme's children with today's
attendance (the teacher's phone at the door: one tap signs a child in), a child's pickup persons and
the pickup check, and the desk's forms (a new programme, an application for a child)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.childcare import selectors, services
from linli.childcare.models import PickupPerson
from linli.childcare.permissions import MANAGE_CHILDCARE, may_manage, may_run, may_view
from linli.core.errors import DomainError
from linli.core.permissions import may_reveal
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, paginate, render_list, run_action
from linli.people.models import Resident
from linli.tenancy.community import community_with


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _time(value) -> dt.time | None:
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        return None


@login_required
def home(request):
    community, scope = community_with(request, "childcare.view", "childcare.run", MANAGE_CHILDCARE)
    today = timezone.localdate()
    rows = selectors.programmes(scope=scope, community_id=community.pk, day=today)
    return render_list(request, "childcare/home.html", {
        "page": paginate(request, rows), "today": today, "can_manage": may_manage(scope, community.pk),
    })  # fmt: skip


def _programme_input(values) -> services.ProgrammeInput:
    return services.ProgrammeInput(
        title=values.get("title", ""), starts_on=date_param(values.get("starts_on")),
        ends_on=date_param(values.get("ends_on")), day_starts=_time(values.get("day_starts")),
        day_ends=_time(values.get("day_ends")), age_min=_int(values.get("age_min")),
        age_max=_int(values.get("age_max")), capacity=_int(values.get("capacity")),
        venue=values.get("venue", ""),
    )  # fmt: skip


@login_required
def programme_create(request):
    community, _scope = community_with(request, MANAGE_CHILDCARE)
    values = request.POST if request.method == "POST" else {}
    error = None
    if request.method == "POST":
        data = _programme_input(values)
        try:
            programme = services.programme_save(actor=request.user, community_id=community.pk, data=data)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已开设托管班。"))
            return redirect("childcare:programme", programme.pk)
    return render(
        request, "childcare/programme_form.html", {"values": values, "error": error}, status=400 if error else 200
    )


def _form_values(row) -> dict:
    values = {"title": row.title, "starts_on": row.starts_on.isoformat(), "ends_on": row.ends_on.isoformat(),
              "day_starts": row.day_starts.strftime("%H:%M"), "day_ends": row.day_ends.strftime("%H:%M"),
              "venue": row.venue}  # fmt: skip
    return values | {name: str(getattr(row, name)) for name in ("age_min", "age_max", "capacity")}


@login_required
def programme_edit(request, pk):
    """The staff change the dates, ages, capacity or schedule; more places fill from the waitlist."""
    row = selectors.get_programme_for(request.user, pk)
    if not may_manage(scope_for(request.user), row.community_id):
        raise Http404
    values = request.POST if request.method == "POST" else _form_values(row)
    error = None
    if request.method == "POST":
        try:
            _row, promoted = services.programme_update(actor=request.user, programme=row, data=_programme_input(values))
        except DomainError as exc:
            error = exc
        else:
            if promoted:
                names = "、".join(r.resident.name for r in promoted)
                messages.success(request, _("已保存。候补的%(names)s已递补录取。") % {"names": names})
            else:
                messages.success(request, _("已保存托管班的修改。"))
            return redirect("childcare:programme", row.pk)
    context = {"values": values, "error": error, "programme": row, "editing": True}
    return render(request, "childcare/programme_form.html", context, status=400 if error else 200)


def _day_for(request, programme) -> dt.date:
    """The day asked for, else today while the class runs, else its last day (a past summer)."""
    day = date_param(request.GET.get("day"))
    if day is not None:
        return day
    today = timezone.localdate()
    if today > programme.ends_on:
        return programme.ends_on
    return max(today, programme.starts_on)


@login_required
def programme(request, pk):
    row = selectors.get_programme_for(request.user, pk)
    scope = scope_for(request.user)
    day = _day_for(request, row)
    children = list(selectors.children(programme=row, day=day))
    manage = may_manage(scope, row.community_id)
    return render(request, "childcare/programme.html", {
        "programme": row, "day": day, "children": children, "is_today": day == timezone.localdate(),
        "ended": row.ends_on < timezone.localdate(),
        "here": sum(1 for c in children if c.arrived_at and not c.left_at),
        "gone": sum(1 for c in children if c.left_at),
        "waiting": list(selectors.children(programme=row, day=day, placed=False)),
        "refused": selectors.refused_pickups(row), "can_run": may_run(scope, row.community_id),
        "can_manage": manage, "eligible": selectors.eligible_children(programme=row) if manage else [],
    })  # fmt: skip


@login_required
@require_POST
def programme_apply(request, pk):
    row = selectors.get_programme_for(request.user, pk)
    child = Resident.objects.in_community(row.community_id).filter(pk=id_param(request.POST.get("child"))).first()
    if child is None:
        messages.error(request, _("请选择要报名的孩子。"))
    else:
        run_action(request, lambda: services.apply(actor=request.user, programme=row, child=child,
                                                   note=request.POST.get("note", "")), _("已报名。"))  # fmt: skip
    return redirect("childcare:programme", row.pk)


def _enrolment(request, pk):
    enrolment = selectors.get_enrolment_for(request.user, pk)
    if not may_view(scope_for(request.user), enrolment.community_id):
        raise Http404
    return enrolment


def _redisplay(exc: DomainError) -> int:
    """A form shown again with its message answers 200 (a refusal of the right to act keeps its own)."""
    return 200 if exc.status == 400 else exc.status


def _child_page(request, enrolment, *, status: int = 200, revealed: dict | None = None, **extra):
    scope = scope_for(request.user)
    today = timezone.localdate()
    days = list(selectors.attendance(enrolment))
    revealed = revealed or {}
    persons = list(selectors.persons(enrolment))
    for person in persons:
        person.full_phone = revealed.get(person.pk, "")  # type: ignore[attr-defined]
    return render(request, "childcare/child.html", {
        "e": enrolment, "programme": enrolment.programme, "persons": persons,
        "removed": list(selectors.removed_persons(enrolment)),
        "days": days, "today_row": next((d for d in days if d.day == today), None),
        "runs_today": enrolment.programme.runs_on(today),
        "relations": PickupPerson.Relation.choices, "can_run": may_run(scope, enrolment.community_id),
        "can_manage": may_manage(scope, enrolment.community_id),
        "can_reveal": may_run(scope, enrolment.community_id) and may_reveal(scope, enrolment.community_id),
        "reveal_error": None, **extra,
    }, status=status)  # fmt: skip


@login_required
def child(request, pk):
    return _child_page(request, _enrolment(request, pk))


@login_required
@require_POST
def person_reveal(request, pk):
    """The full number of one pickup person, on the child's page, once (with a reason, logged)."""
    person = selectors.get_person_for(request.user, pk)
    enrolment = _enrolment(request, person.enrolment_id)
    try:
        phone = services.pickup_phone_reveal(
            actor=request.user, person=person, reason=request.POST.get("reason", ""), request=request
        )
    except DomainError as exc:
        return _child_page(request, enrolment, status=_redisplay(exc), reveal_error=(person.pk, exc.message))
    return _child_page(request, enrolment, revealed={person.pk: phone})


def _back(request, enrolment):
    if request.POST.get("next") == "programme":
        return redirect("childcare:programme", enrolment.programme_id)
    return redirect("childcare:child", enrolment.pk)


@login_required
@require_POST
def arrive(request, pk):
    enrolment = _enrolment(request, pk)
    run_action(request, lambda: services.arrive(actor=request.user, enrolment=enrolment),
               _("%(name)s已签到。") % {"name": enrolment.child.name})  # fmt: skip
    return _back(request, enrolment)


@login_required
@require_POST
def pickup(request, pk):
    enrolment = _enrolment(request, pk)
    run_action(request, lambda: services.pickup(
        actor=request.user, enrolment=enrolment, person_id=id_param(request.POST.get("person")),
        code=request.POST.get("code", ""), name=request.POST.get("name", ""),
    ), _("%(name)s已被接走。") % {"name": enrolment.child.name})  # fmt: skip
    return redirect("childcare:child", enrolment.pk)


@login_required
@require_POST
def person_add(request, pk):
    """A new pickup person; a refusal shows the form again with what was typed and the message."""
    enrolment = _enrolment(request, pk)
    values = {k: request.POST.get(k, "") for k in ("name", "relation", "phone")}
    try:
        services.pickup_person_add(actor=request.user, enrolment=enrolment, **values)
    except DomainError as exc:
        return _child_page(request, enrolment, status=_redisplay(exc), person_error=exc, person_values=values)
    messages.success(request, _("已登记接送人。"))
    return redirect("childcare:child", enrolment.pk)


@login_required
@require_POST
def code_renew(request, pk):
    """A new pickup code for the child: the old one no longer opens the door."""
    enrolment = _enrolment(request, pk)
    run_action(request, lambda: services.pickup_code_renew(actor=request.user, enrolment=enrolment),
               _("已更换接送码，旧的接送码不能再用。"))  # fmt: skip
    return redirect("childcare:child", enrolment.pk)


@login_required
@require_POST
def person_remove(request, pk):
    person = selectors.get_person_for(request.user, pk)
    run_action(request, lambda: services.pickup_person_remove(actor=request.user, person=person),
               _("已取消这位接送人。"))  # fmt: skip
    return redirect("childcare:child", person.enrolment_id)


@login_required
@require_POST
def withdraw(request, pk):
    enrolment = _enrolment(request, pk)
    run_action(request, lambda: services.withdraw(actor=request.user, enrolment=enrolment), _("已退出托管班。"))
    return redirect("childcare:programme", enrolment.programme_id)
