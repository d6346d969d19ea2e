"""Volunteering pages: the staff console (volunteers, hours to verify, teams, the project library,
duties, matching, the time bank, the talent pool) and the volunteer's phone page (我的志愿服务)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.permissions import VIEW_PARTY
from linli.core.scoping import scope_for
from linli.core.ui import date_param, datetime_param, id_param, paginate, run_action
from linli.people.permissions import VIEW_PEOPLE
from linli.places.models import Building, Compound
from linli.tenancy.community import active_community, community_with
from linli.tenancy.models import Community
from linli.volunteering import matching, selectors, services, slots
from linli.volunteering.models import (
    Claim,
    ClaimPhoto,
    ClaimUpdate,
    Duty,
    DutySignup,
    Invitation,
    PointEntry,
    Project,
    Reward,
    ServiceKind,
    ServiceRecord,
    Team,
    TeamMember,
    TimeBank,
    Volunteer,
)
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope

# -- helpers -----------------------------------------------------------------------------------


def _one(queryset, pk):
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _my_volunteer(request, community_id: int | None = None) -> Volunteer | None:
    """The user's own active registration (in the given community, else the active one, else any)."""
    rows = list(
        Volunteer.objects.visible_to(request.user)
        .filter(user_id=request.user.pk, status=Volunteer.Status.ACTIVE)
        .select_related("community", "compound", "building")
    )
    if community_id is not None:
        return next((r for r in rows if r.community_id == community_id), None)
    active = active_community(request)
    return next((r for r in rows if active and r.community_id == active.pk), rows[0] if rows else None)


def _library_community(request) -> tuple[Community, bool]:
    """Where the project library and duties are read: staff's active community, else the community the
    volunteer serves in, else the community of any role (residents may look). (community, is staff)."""
    scope = scope_for(request.user)
    active = active_community(request)
    if active and scope.has(VIEW_VOLUNTEERS, active.pk):
        return active, True
    mine = _my_volunteer(request)
    if mine is not None:
        return mine.community, False
    if active is not None:
        return active, False
    raise Http404


def _slot_rows(request) -> int:
    return slots.from_form(request.POST.getlist("slots"))


def _form_context(community_id: int) -> dict:
    return {
        "compounds": Compound.objects.in_community(community_id).order_by("name"),
        "buildings": Building.objects.in_community(community_id)
        .select_related("compound")
        .order_by("compound__name", "name"),
        "kinds": ServiceKind.choices,
    }


# -- overview ----------------------------------------------------------------------------------


@login_required
def home(request):
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    year = timezone.localdate().year
    months = selectors.monthly_hours(community.pk, year)
    return render(request, "volunteering/home.html", {
        "figures": selectors.community_year(community.pk, year), "months": months, "months_max": max(months) or 1,
        "stars": selectors.star_counts(community.pk), "teams": selectors.team_totals(community.pk, year),
        "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
        "top": Volunteer.objects.in_community(community).filter(status="active").order_by(
            "-verified_minutes", "pk")[:10],
    })  # fmt: skip


# -- volunteers --------------------------------------------------------------------------------


@login_required
def volunteer_list(request):
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    rows = (
        Volunteer.objects.visible_to(request.user)
        .filter(community_id=community.pk)
        .select_related("compound", "building")
    )
    q = (request.GET.get("q") or "").strip()[:30]
    status = request.GET.get("status") or "active"
    if status in Volunteer.Status.values:
        rows = rows.filter(status=status)
    party = scope.has(VIEW_PARTY, community.pk)  # who is a party member is for party staff only
    if q:
        found = Q(name__contains=q) | Q(skills__icontains=q)
        rows = rows.filter(found | Q(workplace__contains=q) if party else found)
    if request.GET.get("in_service") and party:
        rows = rows.filter(in_service=True)
    star = id_param(request.GET.get("star"))
    if star is not None and star <= 5:
        rows = rows.filter(star__gte=star)
    team = id_param(request.GET.get("team"))
    if team:
        rows = rows.filter(pk__in=TeamMember.objects.in_community(community).filter(team_id=team).values("volunteer"))
    order = {"hours": "-verified_minutes", "name": "name", "new": "-created_at"}.get(request.GET.get("order"), "name")
    page = paginate(request, rows.order_by(order, "pk"))
    return render(request, "volunteering/volunteer_list.html", {
        "page": page, "q": q, "status": status, "statuses": Volunteer.Status.choices, "star": star,
        "teams": Team.objects.in_community(community), "team": team, "order": request.GET.get("order", "name"),
        "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
    })  # fmt: skip


def _volunteer_input(request) -> services.VolunteerInput:
    post = request.POST
    return services.VolunteerInput(
        name=post.get("name", ""), resident_id=id_param(post.get("resident_id")),
        compound_id=id_param(post.get("compound")), building_id=id_param(post.get("building")),
        skills=post.get("skills", ""), free_slots=_slot_rows(request), kinds=post.getlist("kinds"),
        workplace=post.get("workplace", ""), note=post.get("note", ""), in_service=bool(post.get("in_service")),
    )  # fmt: skip


@login_required
def volunteer_form(request, pk=None):
    community, scope = community_with(request, MANAGE_VOLUNTEERS)
    volunteer = _one(Volunteer.objects.visible_to(request.user).filter(community_id=community.pk), pk) if pk else None
    error = None
    resident = None
    if not volunteer and scope.has(VIEW_PEOPLE, community.pk):
        from linli.people.models import Resident

        resident_id = id_param(request.GET.get("resident") or request.POST.get("resident_id"))
        if resident_id:
            resident = Resident.objects.visible_to(request.user).filter(community_id=community.pk,
                                                                        pk=resident_id).first()  # fmt: skip
    if request.method == "POST":
        data = _volunteer_input(request)
        data.resident_id = resident.pk if resident else None
        try:
            volunteer = services.volunteer_save(actor=request.user, community=community, data=data, volunteer=volunteer)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存志愿者“%(name)s”。") % {"name": volunteer.name})
            return redirect("volunteering:volunteer_detail", pk=volunteer.pk)
    mask = volunteer.free_slots if volunteer else 0
    if resident and not volunteer:
        mask = slots.from_text(resident.free_time)
    if request.method == "POST":
        mask = _slot_rows(request)
    talents = []
    if resident:
        talents = [t.skill for t in resident.talents.all()]
    return render(request, "volunteering/volunteer_form.html", {
        "volunteer": volunteer, "resident": resident, "error": error, "slot_grid": slots.grid(mask),
        "values": request.POST if request.method == "POST" else None, "talents": "、".join(talents),
        **_form_context(community.pk),
    })  # fmt: skip


@login_required
def volunteer_detail(request, pk):
    rows = Volunteer.objects.visible_to(request.user)
    volunteer = _one(rows.select_related("community", "compound", "building", "moved_to", "resident"), pk)
    scope = scope_for(request.user)
    staff = scope.has(VIEW_VOLUNTEERS, volunteer.community_id)  # else himself, or the leader of his team
    records = ServiceRecord.objects.visible_to(request.user).filter(volunteer=volunteer).select_related("team")
    year = id_param(request.GET.get("year")) or timezone.localdate().year
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    is_self = volunteer.pk in volunteer_scope(scope).volunteer_ids
    return render(request, "volunteering/volunteer_detail.html", {
        "v": volunteer, "totals": selectors.person_totals(volunteer, year), "page": paginate(request, records, 20),
        "points": PointEntry.objects.visible_to(request.user).filter(volunteer=volunteer).select_related(
            "reward")[:20],
        "teams": Team.objects.in_community(volunteer.community_id).filter(members__volunteer=volunteer),
        "rewards": Reward.objects.in_community(volunteer.community_id).filter(active=True),
        "can_manage": scope.has(MANAGE_VOLUNTEERS, volunteer.community_id) and volunteer.status == "active",
        "other": Volunteer.objects.unscoped().filter(person=volunteer.person).exclude(pk=volunteer.pk)
        .select_related("community", "moved_to") if staff or is_self else [],
        "today": timezone.localdate(), "is_staff": staff, "is_self": is_self,
    })  # fmt: skip


def _managed_volunteer(request, pk) -> Volunteer:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    return _one(Volunteer.objects.visible_to(request.user).filter(community_id=community.pk), pk)


@login_required
@require_POST
def volunteer_leave(request, pk):
    volunteer = _managed_volunteer(request, pk)
    run_action(request, lambda: services.volunteer_leave(actor=request.user, volunteer=volunteer),
               _("已办理退出，服务记录保留。"))  # fmt: skip
    return redirect("volunteering:volunteer_detail", pk=volunteer.pk)


@login_required
@require_POST
def points_spend(request, pk):
    volunteer = _managed_volunteer(request, pk)
    reward = Reward.objects.in_community(volunteer.community_id).filter(pk=id_param(request.POST.get("reward"))).first()
    if reward is None:
        messages.error(request, _("请选择兑换项目。"))
    else:
        run_action(request, lambda: services.points_spend(actor=request.user, volunteer=volunteer, reward=reward,
                                                          note=request.POST.get("note", "")),
                   _("已兑换“%(name)s”，扣除%(n)d分。") % {"name": reward.name, "n": reward.points})  # fmt: skip
    return redirect("volunteering:volunteer_detail", pk=volunteer.pk)


def _record_input(request) -> services.RecordInput:
    post = request.POST
    day = date_param(post.get("day"))
    start = end = None
    if day:
        start = _time_on(day, post.get("start"))
        end = _time_on(day, post.get("end"))
    else:
        start, end = datetime_param(post.get("started_at")), datetime_param(post.get("ended_at"))
    return services.RecordInput(
        title=post.get("title", ""), place=post.get("place", ""), note=post.get("note", ""), started_at=start,
        ended_at=end, team_id=id_param(post.get("team")), project_id=id_param(post.get("project")),
        case_id=id_param(post.get("case")), duty_id=id_param(post.get("duty")),
    )  # fmt: skip


def _time_on(day: dt.date, value) -> dt.datetime | None:
    try:
        hour, minute = (int(x) for x in str(value or "").split(":")[:2])
        moment = dt.datetime.combine(day, dt.time(hour, minute))
    except ValueError:
        return None
    if moment.hour == 0 and moment.minute == 0 and str(value).startswith("24"):
        return None
    return timezone.make_aware(moment)


@login_required
@require_POST
def record_add(request, pk):
    volunteer = _managed_volunteer(request, pk)
    run_action(request, lambda: services.record_add(actor=request.user, volunteer=volunteer,
                                                    data=_record_input(request)),
               _("已登记并核实。"))  # fmt: skip
    return redirect("volunteering:volunteer_detail", pk=volunteer.pk)


# -- records -----------------------------------------------------------------------------------


@login_required
def record_list(request):
    """Hours waiting for verification (staff: the community's; team leaders: their teams')."""
    scope = scope_for(request.user)
    community = active_community(request)
    staff = community is not None and scope.has(VIEW_VOLUNTEERS, community.pk)
    if not staff and not volunteer_scope(scope).led_team_ids:
        raise Http404
    rows = ServiceRecord.objects.visible_to(request.user).select_related("volunteer", "team", "logged_by")
    if staff:
        rows = rows.filter(community_id=community.pk)
    else:  # a team leader: his members' records, not his own (someone else verifies those)
        rows = rows.filter(team_id__in=volunteer_scope(scope).led_team_ids).exclude(
            volunteer_id__in=volunteer_scope(scope).volunteer_ids
        )
    status = request.GET.get("status") or "pending"
    if status in ServiceRecord.Status.values:
        rows = rows.filter(status=status)
    q = (request.GET.get("q") or "").strip()[:30]
    if q:
        rows = rows.filter(Q(volunteer__name__contains=q) | Q(title__contains=q))
    order = "started_at" if status == "pending" else "-started_at"
    return render(request, "volunteering/record_list.html", {
        "page": paginate(request, rows.order_by(order, "pk"), 50), "status": status, "q": q,
        "statuses": ServiceRecord.Status.choices,
        "can_verify": (staff and scope.has(MANAGE_VOLUNTEERS, community.pk))
        or bool(volunteer_scope(scope).led_team_ids),
        "staff": staff,
    })  # fmt: skip


@login_required
@require_POST
def record_verify(request):
    scope = scope_for(request.user)
    if not (scope.has(MANAGE_VOLUNTEERS) or volunteer_scope(scope).led_team_ids):
        raise Http404
    ids = [i for i in (id_param(x) for x in request.POST.getlist("records")) if i]
    records = list(ServiceRecord.objects.visible_to(request.user).filter(pk__in=ids).select_related("volunteer"))
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
def record_reject(request, pk):
    record = _one(ServiceRecord.objects.visible_to(request.user), pk)
    run_action(request, lambda: services.record_reject(actor=request.user, record=record,
                                                       reason=request.POST.get("reason", "")),
               _("已退回，志愿者会看到原因。"))  # fmt: skip
    return redirect(reverse("volunteering:record_list"))


@login_required
def group_log(request):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    error = None
    if request.method == "POST":
        try:
            made = services.group_log(
                actor=request.user,
                community=community,
                volunteer_ids=request.POST.getlist("volunteers"),
                data=_record_input(request),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已为%(n)d位志愿者登记并核实。") % {"n": len(made)})
            return redirect(reverse("volunteering:record_list") + "?status=verified")
    duty = None
    duty_id = id_param(request.GET.get("duty"))
    chosen = set()
    if duty_id:
        duty = Duty.objects.in_community(community).filter(pk=duty_id).first()
        if duty:
            chosen = set(duty.signups.filter(status="signed").values_list("volunteer_id", flat=True))
    if request.method == "POST":
        chosen = {id_param(x) for x in request.POST.getlist("volunteers")}
    volunteers = Volunteer.objects.in_community(community).filter(status="active").order_by("name")
    return render(request, "volunteering/group_log.html", {
        "volunteers": volunteers, "chosen": chosen, "error": error, "duty": duty,
        "teams": Team.objects.in_community(community),
        "values": request.POST if request.method == "POST" else None, "today": timezone.localdate(),
    })  # fmt: skip


# -- teams -------------------------------------------------------------------------------------


@login_required
def team_list(request):
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    return render(request, "volunteering/team_list.html", {
        "rows": selectors.team_totals(community.pk, timezone.localdate().year),
        "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
    })  # fmt: skip


@login_required
def team_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    team = _one(Team.objects.visible_to(request.user).filter(community_id=community.pk), pk) if pk else None
    error = None
    if request.method == "POST":
        post = request.POST
        try:
            team = services.team_save(actor=request.user, community=community, team=team, name=post.get("name", ""),
                                      kind=post.get("kind", ""), note=post.get("note", ""),
                                      leader_id=id_param(post.get("leader")))  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存队伍“%(name)s”。") % {"name": team.name})
            return redirect("volunteering:team_detail", pk=team.pk)
    return render(request, "volunteering/team_form.html", {
        "team": team, "error": error, "values": request.POST if request.method == "POST" else None,
        "volunteers": Volunteer.objects.in_community(community).filter(status="active").order_by("name"),
    })  # fmt: skip


@login_required
def team_detail(request, pk):
    team = _one(Team.objects.visible_to(request.user).select_related("leader"), pk)
    scope = scope_for(request.user)
    staff = scope.has(VIEW_VOLUNTEERS, team.community_id)
    if not staff and team.pk not in volunteer_scope(scope).led_team_ids:
        raise Http404
    members = TeamMember.objects.in_community(team.community_id).filter(team=team).select_related("volunteer")
    year = timezone.localdate().year
    hours = selectors.verified_hours_in(team.community_id, [m.volunteer_id for m in members], year)
    rows = [(m, hours.get(m.volunteer_id, (0, 0))) for m in members]
    return render(request, "volunteering/team_detail.html", {
        "team": team, "rows": rows, "can_manage": scope.has(MANAGE_VOLUNTEERS, team.community_id),
        "candidates": Volunteer.objects.in_community(team.community_id).filter(status="active").exclude(
            pk__in=[m.volunteer_id for m in members]).order_by("name"),
        "pending": ServiceRecord.objects.visible_to(request.user).filter(team=team, status="pending").count(),
        "year": year,
    })  # fmt: skip


@login_required
@require_POST
def team_member_add(request, pk):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    team = _one(Team.objects.in_community(community), pk)
    volunteer = Volunteer.objects.in_community(community).filter(pk=id_param(request.POST.get("volunteer"))).first()
    if volunteer is None:
        messages.error(request, _("请选择要加入的志愿者。"))
    else:
        run_action(request, lambda: services.team_member_add(actor=request.user, team=team, volunteer=volunteer),
                   _("已加入队伍。"))  # fmt: skip
    return redirect("volunteering:team_detail", pk=team.pk)


@login_required
@require_POST
def team_member_remove(request, pk, member_pk):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    team = _one(Team.objects.in_community(community), pk)
    member = _one(TeamMember.objects.in_community(community).filter(team=team), member_pk)
    run_action(request, lambda: services.team_member_remove(actor=request.user, team=team, member=member),
               _("已移出队伍。"))  # fmt: skip
    return redirect("volunteering:team_detail", pk=team.pk)


# -- project library ---------------------------------------------------------------------------


@login_required
def project_list(request):
    community, staff = _library_community(request)
    rows = Project.objects.visible_to(request.user).filter(community_id=community.pk).select_related("compound")
    tab = request.GET.get("tab") or "all"
    tabs = {
        "open": Q(status="open", claim_count=0),
        "claimed": Q(status="open", claim_count__gt=0),
        "done": Q(status="done"),
        "all": ~Q(status="closed"),
    }
    counts = rows.aggregate(**{k: Count("pk", filter=v) for k, v in tabs.items()})
    rows = rows.filter(tabs.get(tab, tabs["all"]))
    kind = request.GET.get("kind")
    if kind in ServiceKind.values:
        rows = rows.filter(kind=kind)
    mine = _my_volunteer(request, community.pk)
    claimed = set()
    if mine:
        claimed = set(Claim.objects.in_community(community).filter(volunteer=mine, status="active")
                      .values_list("project_id", flat=True))  # fmt: skip
    return render(request, "volunteering/project_list.html", {
        "page": paginate(request, rows.order_by("number", "pk"), 30), "tab": tab, "counts": counts,
        "kind": kind, "kinds": ServiceKind.choices, "staff": staff, "mine": mine, "claimed": claimed,
        "can_manage": scope_for(request.user).has(MANAGE_VOLUNTEERS, community.pk),
    })  # fmt: skip


def _small(value: str, digits: int) -> int | None:
    """A small whole number typed into a form (places, people needed), or None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < digits else None


def _project_input(request) -> services.ProjectInput:
    post = request.POST
    capacity = (post.get("capacity") or "").strip()
    number = (post.get("number") or "").strip()
    return services.ProjectInput(
        title=post.get("title", ""), need=post.get("need", ""), beneficiaries=post.get("beneficiaries", ""),
        kind=post.get("kind", ""), skills=post.get("skills", ""), compound_id=id_param(post.get("compound")),
        starts_on=date_param(post.get("starts_on")), ends_on=date_param(post.get("ends_on")),
        capacity=(_small(capacity, 6) if _small(capacity, 6) is not None else -1) if capacity else None,
        number=_small(number, 5),
    )  # fmt: skip


@login_required
def project_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    project = _one(Project.objects.visible_to(request.user).filter(community_id=community.pk), pk) if pk else None
    error = None
    if request.method == "POST":
        try:
            project = services.project_save(actor=request.user, community=community, data=_project_input(request),
                                            project=project)  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已发布项目“%(title)s”。") % {"title": project.title})
            return redirect("volunteering:project_detail", pk=project.pk)
    return render(request, "volunteering/project_form.html", {
        "project": project, "error": error, "values": request.POST if request.method == "POST" else None,
        **_form_context(community.pk),
    })  # fmt: skip


@login_required
def project_detail(request, pk):
    project = _one(Project.objects.visible_to(request.user).select_related("compound", "evaluated_by"), pk)
    scope = scope_for(request.user)
    staff = scope.has(VIEW_VOLUNTEERS, project.community_id)
    claims = list(Claim.objects.visible_to(request.user).filter(project=project).select_related("volunteer", "team"))
    updates = (
        ClaimUpdate.objects.visible_to(request.user)
        .filter(claim__project=project)
        .select_related("claim__volunteer", "claim__team", "by")
        .prefetch_related("photos")
    )
    mine = _my_volunteer(request, project.community_id)
    my_claims = [c for c in claims if c.status == "active" and (
        (mine and c.volunteer_id == mine.pk) or c.team_id in volunteer_scope(scope).led_team_ids or staff)]  # fmt: skip
    return render(request, "volunteering/project_detail.html", {
        "p": project, "claims": claims, "updates": updates, "staff": staff, "mine": mine,
        "can_manage": scope.has(MANAGE_VOLUNTEERS, project.community_id),
        "my_claim": next((c for c in claims if mine and c.volunteer_id == mine.pk and c.status == "active"), None),
        "reportable": my_claims,
        "led_teams": Team.objects.in_community(project.community_id).filter(pk__in=volunteer_scope(scope).led_team_ids),
        "teams": Team.objects.in_community(project.community_id) if staff else [],
        "volunteers": Volunteer.objects.in_community(project.community_id).filter(status="active").order_by("name")
        if scope.has(MANAGE_VOLUNTEERS, project.community_id) else [],
        "invited": Invitation.objects.visible_to(request.user).filter(project=project).select_related("volunteer")
        if staff else [],
    })  # fmt: skip


@login_required
@require_POST
def project_claim(request, pk):
    project = _one(Project.objects.visible_to(request.user), pk)
    scope = scope_for(request.user)
    volunteer = team = None
    team_id, volunteer_id = id_param(request.POST.get("team")), id_param(request.POST.get("volunteer"))
    if team_id:
        team = Team.objects.in_community(project.community_id).filter(pk=team_id).first()
    elif volunteer_id and scope.has(MANAGE_VOLUNTEERS, project.community_id):
        volunteer = Volunteer.objects.in_community(project.community_id).filter(pk=volunteer_id).first()
    else:
        volunteer = _my_volunteer(request, project.community_id)
        if volunteer is None:
            messages.error(request, _("您还不是本社区的志愿者，请先报名成为志愿者（在职党员请先到社区报到）。"))
            return redirect("volunteering:project_detail", pk=project.pk)
    if volunteer is None and team is None:
        messages.error(request, _("请选择认领的志愿者或队伍。"))
    else:
        run_action(request, lambda: services.project_claim(actor=request.user, project=project, volunteer=volunteer,
                                                           team=team, plan=request.POST.get("plan", "")),
                   _("认领成功！请按计划开展服务，并及时上报进展。"))  # fmt: skip
    return redirect("volunteering:project_detail", pk=project.pk)


@login_required
@require_POST
def project_evaluate(request, pk):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    project = _one(Project.objects.in_community(community), pk)
    run_action(request, lambda: services.project_evaluate(actor=request.user, project=project,
                                                          rating=request.POST.get("rating"),
                                                          text=request.POST.get("evaluation", "")),
               _("已评价，项目记为完成。"))  # fmt: skip
    return redirect("volunteering:project_detail", pk=project.pk)


@login_required
@require_POST
def project_close(request, pk):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    project = _one(Project.objects.in_community(community), pk)
    run_action(request, lambda: services.project_close(actor=request.user, project=project), _("已撤下项目。"))
    return redirect("volunteering:project_detail", pk=project.pk)


@login_required
@require_POST
def claim_report(request, pk):
    claim = _one(Claim.objects.visible_to(request.user), pk)
    run_action(request, lambda: services.claim_report(actor=request.user, claim=claim, text=request.POST.get("text"),
                                                      files=request.FILES.getlist("photos")),
               _("进展已上报。"))  # fmt: skip
    return redirect("volunteering:project_detail", pk=claim.project_id)


@login_required
@require_POST
def claim_withdraw(request, pk):
    claim = _one(Claim.objects.visible_to(request.user), pk)
    run_action(request, lambda: services.claim_withdraw(actor=request.user, claim=claim), _("已退出认领。"))
    return redirect("volunteering:project_detail", pk=claim.project_id)


@login_required
def photo(request, pk):
    item = _one(ClaimPhoto.objects.visible_to(request.user), pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- duties ------------------------------------------------------------------------------------


@login_required
def duty_list(request):
    community, staff = _library_community(request)
    rows = Duty.objects.visible_to(request.user).filter(community_id=community.pk, cancelled=False)
    past = request.GET.get("when") == "past"
    now = timezone.now()
    rows = rows.filter(ends_at__lt=now).order_by("-starts_at") if past else rows.filter(ends_at__gte=now)
    mine = _my_volunteer(request, community.pk)
    signed = set()
    if mine:
        signed = set(DutySignup.objects.in_community(community).filter(volunteer=mine, status="signed")
                     .values_list("duty_id", flat=True))  # fmt: skip
    return render(request, "volunteering/duty_list.html", {
        "page": paginate(request, rows.select_related("compound"), 30), "past": past, "staff": staff,
        "mine": mine, "signed": signed, "can_manage": scope_for(request.user).has(MANAGE_VOLUNTEERS, community.pk),
    })  # fmt: skip


@login_required
def duty_form(request):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    error = None
    if request.method == "POST":
        post = request.POST
        day = date_param(post.get("day"))
        slots_value = (post.get("slots") or "").strip()
        data = services.DutyInput(
            title=post.get("title", ""), place=post.get("place", ""), compound_id=id_param(post.get("compound")),
            starts_at=_time_on(day, post.get("start")) if day else None,
            ends_at=_time_on(day, post.get("end")) if day else None, skills=post.get("skills", ""),
            slots=_small(slots_value, 5),
            note=post.get("note", ""),
        )  # fmt: skip
        try:
            duty = services.duty_save(actor=request.user, community=community, data=data)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已发布岗位“%(title)s”。") % {"title": duty.title})
            return redirect("volunteering:duty_detail", pk=duty.pk)
    return render(request, "volunteering/duty_form.html", {
        "error": error, "values": request.POST if request.method == "POST" else None,
        "today": timezone.localdate() + dt.timedelta(days=1), **_form_context(community.pk),
    })  # fmt: skip


@login_required
def duty_detail(request, pk):
    duty = _one(Duty.objects.visible_to(request.user).select_related("compound"), pk)
    scope = scope_for(request.user)
    staff = scope.has(VIEW_VOLUNTEERS, duty.community_id)
    mine = _my_volunteer(request, duty.community_id)
    signups = DutySignup.objects.visible_to(request.user).filter(duty=duty).select_related("volunteer")
    return render(request, "volunteering/duty_detail.html", {
        "d": duty, "signups": signups, "staff": staff, "mine": mine,
        "my_signup": next((s for s in signups if mine and s.volunteer_id == mine.pk), None),
        "can_manage": scope.has(MANAGE_VOLUNTEERS, duty.community_id), "now": timezone.now(),
    })  # fmt: skip


@login_required
@require_POST
def duty_signup(request, pk):
    duty = _one(Duty.objects.visible_to(request.user), pk)
    volunteer = _my_volunteer(request, duty.community_id)
    if volunteer is None:
        messages.error(request, _("您还不是本社区的志愿者，请先报名成为志愿者。"))
    else:
        run_action(request, lambda: services.duty_signup(actor=request.user, duty=duty, volunteer=volunteer),
                   _("报名成功，到时请在手机上签到。"))  # fmt: skip
    return redirect("volunteering:duty_detail", pk=duty.pk)


@login_required
@require_POST
def signup_action(request, pk, action):
    signup = _one(DutySignup.objects.visible_to(request.user).select_related("duty", "volunteer"), pk)
    calls = {
        "check_in": (services.duty_check_in, _("已签到。")),
        "check_out": (services.duty_check_out, _("已签退，本次时长已登记，待核实后计入。")),
        "cancel": (services.duty_cancel, _("已取消报名。")),
    }
    if action not in calls:
        raise Http404
    call, success = calls[action]
    run_action(request, lambda: call(actor=request.user, signup=signup), success)
    return redirect(request.POST.get("next") if request.POST.get("next") == reverse("volunteering:me") else
                    reverse("volunteering:duty_detail", args=[signup.duty_id]))  # fmt: skip


# -- matching ----------------------------------------------------------------------------------


def _need_object(request, community, kind: str, pk: int):
    if kind == "project":
        return _one(Project.objects.in_community(community), pk)
    if kind == "duty":
        return _one(Duty.objects.in_community(community), pk)
    if kind == "case":
        from linli.cases.models import Case

        return _one(Case.objects.visible_to(request.user).filter(community_id=community.pk)
                    .select_related("category", "building"), pk)  # fmt: skip
    raise Http404


@login_required
def match(request, kind, pk):
    """Rank volunteers for a need and invite the chosen ones in one step."""
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    target = _need_object(request, community, kind, pk)
    if request.method == "POST":
        ids = request.POST.getlist("volunteers")
        try:
            n = services.invite(actor=request.user, community=community, volunteer_ids=ids,
                                message=request.POST.get("message", ""), **{kind: target})  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已向%(n)d位志愿者发出邀请，他们会在手机上看到。") % {"n": n}
                             if n else _("所选的人都已邀请过，没有重复发送。"))  # fmt: skip
            return redirect(request.path)
    need = {"project": matching.need_for_project, "duty": matching.need_for_duty,
            "case": matching.need_for_case}[kind](target)  # fmt: skip
    at = datetime_param(request.GET.get("at"))
    if at is not None:
        need.at = at
    extra = (request.GET.get("skills") or "").strip()
    if extra:
        need.skills = services.clean_skills(list(need.skills) + services.clean_skills(extra))
    invited = dict(
        Invitation.objects.in_community(community).filter(**{kind: target}).values_list("volunteer_id", "status")
    )
    back = {"project": "volunteering:project_detail", "duty": "volunteering:duty_detail",
            "case": "cases:case_detail"}[kind]  # fmt: skip
    return render(request, "volunteering/match.html", {
        "target": target, "kind": kind, "need": need, "matches": matching.rank(need, limit=30), "invited": invited,
        "back": reverse(back, args=[target.pk]), "statuses": dict(Invitation.Status.choices),
    })  # fmt: skip


# -- time bank ---------------------------------------------------------------------------------


@login_required
def bank(request):
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    rate = TimeBank.objects.in_community(community).first()
    return render(request, "volunteering/bank.html", {
        "rate": rate.points_per_hour if rate else 10, "rewards": Reward.objects.in_community(community),
        "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
        "recent": PointEntry.objects.visible_to(request.user).filter(community_id=community.pk, kind="spend")
        .select_related("volunteer", "reward")[:20],
    })  # fmt: skip


@login_required
@require_POST
def bank_rate(request):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    run_action(request, lambda: services.bank_rate_save(actor=request.user, community=community,
                                                        points_per_hour=request.POST.get("points_per_hour")),
               _("已保存：今后核实的时长按新标准计分，已得积分不变。"))  # fmt: skip
    return redirect("volunteering:bank")


@login_required
@require_POST
def reward_save(request, pk=None):
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    reward = _one(Reward.objects.in_community(community), pk) if pk else None
    post = request.POST
    if reward is not None and "toggle" in post:
        call = lambda: services.reward_save(actor=request.user, community=community, reward=reward,  # noqa: E731
                                            name=reward.name, points=reward.points, note=reward.note,
                                            active=not reward.active)  # fmt: skip
    else:
        call = lambda: services.reward_save(actor=request.user, community=community, reward=reward,  # noqa: E731
                                            name=post.get("name", ""), points=post.get("points"),
                                            note=post.get("note", ""))  # fmt: skip
    run_action(request, call, _("已保存兑换项目。"))
    return redirect("volunteering:bank")


# -- talent pool -------------------------------------------------------------------------------


@login_required
def talents(request):
    """居民人才库: residents' recorded talents, searchable by skill; one step to make one a volunteer."""
    from linli.people.models import Talent

    community, scope = community_with(request, VIEW_PEOPLE)
    rows = (
        Talent.objects.visible_to(request.user)
        .filter(community_id=community.pk, resident__status="active")
        .select_related("resident__dwelling__building")
    )
    q = (request.GET.get("q") or "").strip()[:30]
    if q:
        rows = rows.filter(Q(skill__contains=q) | Q(note__contains=q))
    if request.GET.get("willing"):
        rows = rows.filter(willing_to_serve=True)
    page = paginate(request, rows.order_by("skill", "resident__name", "pk"), 50)
    on_page = [t.resident_id for t in page]
    volunteers = set(
        Volunteer.objects.in_community(community)
        .filter(status="active", resident_id__in=on_page)
        .values_list("resident_id", flat=True)
    )
    skills = (
        Talent.objects.visible_to(request.user)
        .filter(community_id=community.pk)
        .values("skill")
        .annotate(n=Count("pk"))
        .order_by("-n", "skill")[:24]
    )
    return render(request, "volunteering/talents.html", {
        "page": page, "q": q, "skills": skills, "volunteers": volunteers,
        "can_enlist": scope.has(MANAGE_VOLUNTEERS, community.pk), "willing": bool(request.GET.get("willing")),
    })  # fmt: skip


# -- the volunteer's phone page ----------------------------------------------------------------


@login_required
def me(request):
    """我的志愿服务: hours, star, points; invitations; my duties (check in/out); open duties and
    projects near me; log my own hours."""
    volunteer = _my_volunteer(request)
    community = active_community(request)
    if volunteer is None:
        from linli.people.models import Resident

        can_join = community is not None and Resident.objects.in_community(community).filter(
            user_id=request.user.pk, status="active").exists()  # fmt: skip
        context = {"volunteer": None, "can_join": can_join, "slot_grid": slots.grid(0), "kinds": ServiceKind.choices}
        return render(request, "volunteering/me.html", context)
    now = timezone.now()
    cid = volunteer.community_id
    near = Q(compound_id=volunteer.compound_id) | Q(compound__isnull=True) if volunteer.compound_id else Q()
    duties = (
        Duty.objects.in_community(cid)
        .filter(cancelled=False, ends_at__gte=now)
        .filter(near)
        .exclude(signups__volunteer=volunteer, signups__status="signed")
        .order_by("starts_at")[:8]
    )
    projects = (
        Project.objects.in_community(cid)
        .filter(status="open")
        .filter(Q(capacity__isnull=True) | Q(claim_count__lt=F("capacity")))
        .filter(near)
        .exclude(claims__volunteer=volunteer, claims__status="active")
        .order_by("claim_count", "number")[:8]
    )
    my_duties = (
        DutySignup.objects.visible_to(request.user)
        .filter(
            volunteer=volunteer,
            status="signed",
            checked_out_at__isnull=True,
            duty__ends_at__gte=now - dt.timedelta(hours=1),
        )  # fmt: skip
        .select_related("duty")
        .order_by("duty__starts_at")
    )
    return render(request, "volunteering/me.html", {
        "volunteer": volunteer, "totals": selectors.person_totals(volunteer),
        "invitations": Invitation.objects.visible_to(request.user).filter(volunteer=volunteer, status="pending")
        .select_related("project", "duty", "case"),
        "duties": duties, "projects": projects, "my_duties": my_duties,
        "my_claims": Claim.objects.visible_to(request.user).filter(volunteer=volunteer, status="active")
        .select_related("project"),
        "records": ServiceRecord.objects.visible_to(request.user).filter(volunteer__person=volunteer.person)
        .select_related("community")[:10],
        "teams": Team.objects.in_community(cid).filter(members__volunteer=volunteer),
        "led": Team.objects.in_community(cid).filter(leader=volunteer),
        "now": now, "today": timezone.localdate(),
    })  # fmt: skip


@login_required
@require_POST
def me_join(request):
    community = active_community(request)
    if community is None:
        raise Http404
    run_action(request, lambda: services.volunteer_join(
        actor=request.user, community=community, skills=request.POST.get("skills", ""),
        free_slots=_slot_rows(request), kinds=request.POST.getlist("kinds")),
        _("欢迎加入志愿者队伍！"))  # fmt: skip
    return redirect("volunteering:me")


@login_required
def me_log(request):
    volunteer = _my_volunteer(request)
    if volunteer is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.record_add(actor=request.user, volunteer=volunteer, data=_record_input(request))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记，等社区工作人员或队长核实后计入时长。"))
            return redirect("volunteering:me")
    return render(request, "volunteering/me_log.html", {
        "volunteer": volunteer, "error": error, "values": request.POST if request.method == "POST" else None,
        "teams": Team.objects.in_community(volunteer.community_id).filter(members__volunteer=volunteer),
        "projects": Project.objects.in_community(volunteer.community_id).filter(claims__volunteer=volunteer,
                                                                                claims__status="active"),
        "today": timezone.localdate(),
    })  # fmt: skip


@login_required
@require_POST
def me_move(request):
    volunteer = _my_volunteer(request)
    if volunteer is None:
        raise Http404
    try:
        new = services.volunteer_move(actor=request.user, volunteer=volunteer,
                                      community_code=request.POST.get("community", ""))  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已转到%(name)s，您的时长、星级和积分都带过去了。") % {"name": new.community.name})
    return redirect("volunteering:me")


@login_required
@require_POST
def invitation_answer(request, pk, answer):
    if answer not in ("accept", "decline"):
        raise Http404
    invitation = _one(Invitation.objects.visible_to(request.user).select_related("volunteer", "project", "duty"), pk)
    run_action(request, lambda: services.invitation_answer(actor=request.user, invitation=invitation,
                                                           accept=answer == "accept"),
               _("已接受，谢谢您！") if answer == "accept" else _("已婉拒。"))  # fmt: skip
    return redirect("volunteering:me")
