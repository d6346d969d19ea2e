"""Staff pages of volunteers: the overview, the list, registering and changing one, his page,
leaving; the residents' talent pool (居民人才库)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.permissions import VIEW_PARTY
from linli.core.scoping import scope_for
from linli.core.ui import id_param, paginate, run_action
from linli.people import free_time
from linli.people.permissions import VIEW_PEOPLE
from linli.tenancy.community import community_with
from linli.volunteering import selectors, services
from linli.volunteering.models import Volunteer
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.views.common import posted, slot_rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    year = timezone.localdate().year
    months = selectors.monthly_hours(community.pk, year)
    return render(
        request,
        "volunteering/home.html",
        {
            "figures": selectors.community_year(community.pk, year),
            "months": months,
            "months_max": max(months) or 1,
            "stars": selectors.star_counts(community.pk),
            "teams": selectors.team_totals(community.pk, year),
            "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
            "top": selectors.top_volunteers(community.pk),
        },
    )


@login_required
def volunteer_list(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    get = request.GET
    filters = selectors.VolunteerFilters(
        community_id=community.pk,
        q=(get.get("q") or "").strip()[:30],
        status=get.get("status") or "active",
        party=scope.has(VIEW_PARTY, community.pk),
        in_service=bool(get.get("in_service")),
        star=id_param(get.get("star")),
        team=id_param(get.get("team")),
        order=get.get("order"),
    )
    page = paginate(request, selectors.volunteer_list(actor=request.user, filters=filters))
    return render(
        request,
        "volunteering/volunteer_list.html",
        {
            "page": page,
            "q": filters.q,
            "status": filters.status,
            "statuses": Volunteer.Status.choices,
            "star": filters.star,
            "teams": selectors.teams_of(community.pk),
            "team": filters.team,
            "order": get.get("order", "name"),
            "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
        },
    )


def _volunteer_input(request: HttpRequest) -> services.VolunteerInput:
    post = request.POST
    return services.VolunteerInput(
        name=post.get("name", ""),
        resident_id=id_param(post.get("resident_id")),
        compound_id=id_param(post.get("compound")),
        building_id=id_param(post.get("building")),
        skills=post.get("skills", ""),
        free_slots=slot_rows(request),
        kinds=post.getlist("kinds"),
        workplace=post.get("workplace", ""),
        note=post.get("note", ""),
        in_service=bool(post.get("in_service")),
    )


@login_required
def volunteer_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    community, scope = community_with(request, MANAGE_VOLUNTEERS)
    volunteer = selectors.one(selectors.volunteers_of(request.user, community.pk), pk) if pk else None
    error = resident = None
    if not volunteer and scope.has(VIEW_PEOPLE, community.pk):
        resident_id = id_param(request.GET.get("resident") or request.POST.get("resident_id"))
        resident = selectors.resident_to_register(request.user, community.pk, resident_id)
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
        mask = free_time.from_text(resident.free_time)
    if request.method == "POST":
        mask = slot_rows(request)
    return render(
        request,
        "volunteering/volunteer_form.html",
        {
            "volunteer": volunteer,
            "resident": resident,
            "error": error,
            "slot_grid": free_time.grid(mask),
            "values": posted(request),
            "talents": "、".join(selectors.talents_of(resident)) if resident else "",
            **selectors.form_places(community.pk),
        },
    )


@login_required
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = selectors.visible_volunteers(request.user)
    volunteer = selectors.one(rows.select_related("community", "compound", "building", "moved_to", "resident"), pk)
    scope = scope_for(request.user)
    staff = scope.has(VIEW_VOLUNTEERS, volunteer.community_id)  # else himself, or the leader of his team
    year = id_param(request.GET.get("year")) or timezone.localdate().year
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    is_self = volunteer.pk in volunteer_scope(scope).volunteer_ids
    party = scope.has(VIEW_PARTY, volunteer.community_id)
    parts = selectors.volunteer_page(request.user, volunteer, year=year, staff=staff, is_self=is_self, party=party)
    return render(
        request,
        "volunteering/volunteer_detail.html",
        {
            "v": volunteer,
            "totals": parts["totals"],
            "page": paginate(request, parts["records"], 20),
            "points": parts["points"],
            "teams": parts["teams"],
            "rewards": parts["rewards"],
            "can_manage": scope.has(MANAGE_VOLUNTEERS, volunteer.community_id) and volunteer.status == "active",
            "other": parts["other"],
            "timeline": parts["timeline"],
            "today": timezone.localdate(),
            "is_staff": staff,
            "is_self": is_self,
        },
    )


def managed_volunteer(request: HttpRequest, pk: int) -> Volunteer:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    return selectors.one(selectors.volunteers_of(request.user, community.pk), pk)


@login_required
@require_POST
def volunteer_leave(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = managed_volunteer(request, pk)
    run_action(
        request,
        lambda: services.volunteer_leave(actor=request.user, volunteer=volunteer),
        _("已办理退出，服务记录保留。"),
    )
    return redirect("volunteering:volunteer_detail", pk=volunteer.pk)


@login_required
def talents(request: HttpRequest) -> HttpResponse:
    """居民人才库: residents' recorded talents, searchable by skill; one step to make one a volunteer."""
    community, scope = community_with(request, VIEW_PEOPLE)
    q = (request.GET.get("q") or "").strip()[:30]
    willing = bool(request.GET.get("willing"))
    rows, skills = selectors.talent_pool(actor=request.user, community_id=community.pk, q=q, willing=willing)
    page = paginate(request, rows, 50)
    return render(
        request,
        "volunteering/talents.html",
        {
            "page": page,
            "q": q,
            "skills": skills,
            "volunteers": selectors.residents_serving(community.pk, [t.resident_id for t in page]),
            "can_enlist": scope.has(MANAGE_VOLUNTEERS, community.pk),
            "willing": willing,
        },
    )
