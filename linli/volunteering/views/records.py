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
from linli.tenancy.community import active_community
from linli.volunteering import selectors, services
from linli.volunteering.models import ServiceRecord
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.views.common import record_input
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
    can_verify = bool(staff and community and scope.has(MANAGE_VOLUNTEERS, community.pk)) or bool(led)
    return render(
        request,
        "volunteering/record_list.html",
        {
            "page": paginate(request, rows, 50),
            "status": status,
            "q": q,
            "statuses": ServiceRecord.Status.choices,
            "can_verify": can_verify,
            "pending_form": can_verify and status == "pending",  # the rows' checkbox and reject form
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


def _group_log_teams(request: HttpRequest):
    """(community, teams to log under, staff?): staff log for anyone under any team; a team's leader
    for his own team's members only. Anyone else: 404."""
    community = active_community(request)
    scope = scope_for(request.user)
    if community is not None and scope.has(MANAGE_VOLUNTEERS, community.pk):
        return community, selectors.teams_of(community.pk), True
    led = volunteer_scope(scope).led_team_ids
    teams = selectors.teams_of(community.pk).filter(pk__in=led) if community is not None and led else None
    if teams is None or not teams.exists():
        raise Http404
    return community, teams, False


@login_required
def group_log(request: HttpRequest) -> HttpResponse:
    """After an event, the same hours for a whole group: picking a team ticks its members (the
    script at once; without it the 勾选本队队员 button asks the server), listed first."""
    community, teams, staff = _group_log_teams(request)
    error = None
    picking = request.method == "POST" and "pick" in request.POST
    if request.method == "POST" and not picking:
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
            if staff:
                messages.success(request, _("已为%(n)d位志愿者登记并核实。") % {"n": len(made)})
                return redirect(reverse("volunteering:record_list") + "?status=verified")
            messages.success(request, _("已为%(n)d位队员登记时长，计入本队。") % {"n": len(made)})
            return redirect("volunteering:team_detail", pk=made[0].team_id)
    duty, chosen = selectors.group_log_choices(community.pk, id_param(request.GET.get("duty")))
    team_id = id_param(request.POST.get("team") if request.method == "POST" else request.GET.get("team"))
    if team_id is not None and not teams.filter(pk=team_id).exists():
        team_id = None
    if team_id is None and not staff:
        team_id = teams.values_list("pk", flat=True).first()
    people = selectors.group_log_people(community.pk, team_id, only_team=not staff)
    if picking or (request.method == "GET" and duty is None):
        chosen = people["member_ids"]
    elif request.method == "POST":
        chosen = {i for i in (id_param(x) for x in request.POST.getlist("volunteers")) if i is not None}
    return render(
        request,
        "volunteering/group_log.html",
        {
            **people,
            "chosen": chosen,
            "error": error,
            "duty": duty,
            "teams": teams,
            "team_id": team_id,
            "staff": staff,
            "values": request.POST if request.method == "POST" else None,
            "today": timezone.localdate(),
        },
    )
