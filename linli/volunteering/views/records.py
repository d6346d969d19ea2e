"""Service records: staff log hours on a volunteer's page or for a whole group after an event; the
list of hours to verify (staff: the community's; team leaders: their teams'), verify and send back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import id_param, paginate, run_action
from linli.tenancy.community import active_community, community_with
from linli.volunteering import selectors, services
from linli.volunteering.models import ServiceRecord
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.views.common import posted, record_input
from linli.volunteering.views.volunteers import managed_volunteer


@login_required
@require_POST
def record_add(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = managed_volunteer(request, pk)
    run_action(
        request,
        lambda: services.record_add(actor=request.user, volunteer=volunteer, data=record_input(request)),
        _("已登记并核实。"),
    )
    return redirect("volunteering:volunteer_detail", pk=volunteer.pk)


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    """Hours waiting for verification (staff: the community's; team leaders: their teams')."""
    scope = scope_for(request.user)
    community = active_community(request)
    staff = community is not None and scope.has(VIEW_VOLUNTEERS, community.pk)
    led = volunteer_scope(scope).led_team_ids
    if not staff and not led:
        raise Http404
    status = request.GET.get("status") or "pending"
    q = (request.GET.get("q") or "").strip()[:30]
    rows = selectors.records_to_check(
        actor=request.user, community_id=community.pk if staff and community else None, status=status, q=q
    )
    return render(
        request,
        "volunteering/record_list.html",
        {
            "page": paginate(request, rows, 50),
            "status": status,
            "q": q,
            "statuses": ServiceRecord.Status.choices,
            "can_verify": bool(staff and community and scope.has(MANAGE_VOLUNTEERS, community.pk)) or bool(led),
            "staff": staff,
        },
    )


@login_required
@require_POST
def record_verify(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.has(MANAGE_VOLUNTEERS) or volunteer_scope(scope).led_team_ids):
        raise Http404
    ids = [i for i in (id_param(x) for x in request.POST.getlist("records")) if i]
    records = selectors.records_chosen(request.user, ids)
    if not records:
        messages.error(request, _("请先勾选要核实的记录。"))
        return redirect(reverse("volunteering:record_list"))
    done, problems = services.verify_many(actor=request.user, records=records)
    if done:
        messages.success(request, _("已核实%(n)d条记录，时长和积分已计入。") % {"n": done})
    for problem in problems[:10]:
        messages.error(request, problem)
    return redirect(reverse("volunteering:record_list"))


@login_required
@require_POST
def record_reject(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.one(selectors.visible_records(request.user), pk)
    run_action(
        request,
        lambda: services.record_reject(actor=request.user, record=record, reason=request.POST.get("reason", "")),
        _("已退回，志愿者会看到原因。"),
    )
    return redirect(reverse("volunteering:record_list"))


@login_required
def group_log(request: HttpRequest) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    error = None
    if request.method == "POST":
        try:
            made = services.group_log(
                actor=request.user,
                community=community,
                volunteer_ids=request.POST.getlist("volunteers"),
                data=record_input(request),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已为%(n)d位志愿者登记并核实。") % {"n": len(made)})
            return redirect(reverse("volunteering:record_list") + "?status=verified")
    duty, chosen = selectors.group_log_choices(community.pk, id_param(request.GET.get("duty")))
    if request.method == "POST":
        chosen = {i for i in (id_param(x) for x in request.POST.getlist("volunteers")) if i is not None}
    return render(
        request,
        "volunteering/group_log.html",
        {
            "volunteers": selectors.active_volunteers(community.pk),
            "chosen": chosen,
            "error": error,
            "duty": duty,
            "teams": selectors.teams_of(community.pk),
            "values": posted(request),
            "today": timezone.localdate(),
        },
    )
