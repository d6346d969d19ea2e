"""The service-project library (项目库): the tabs, posting a project, its page, claiming (揭榜),
progress reports with photos, withdrawing, evaluating, taking it down."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, paginate, run_action
from linli.tenancy.community import community_with
from linli.volunteering import selectors, services
from linli.volunteering.models import ServiceKind
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.views.common import library_community, my_volunteer, posted, small


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    community, staff = library_community(request)
    tab = request.GET.get("tab") or "all"
    kind = request.GET.get("kind")
    rows, counts = selectors.project_library(actor=request.user, community_id=community.pk, tab=tab, kind=kind)
    mine = my_volunteer(request, community.pk)
    return render(
        request,
        "volunteering/project_list.html",
        {
            "page": paginate(request, rows, 30),
            "tab": tab,
            "counts": counts,
            "kind": kind,
            "kinds": ServiceKind.choices,
            "staff": staff,
            "mine": mine,
            "claimed": selectors.claimed_project_ids(community.pk, mine),
            "can_manage": scope_for(request.user).has(MANAGE_VOLUNTEERS, community.pk),
        },
    )


def _project_input(request: HttpRequest) -> services.ProjectInput:
    post = request.POST
    capacity = (post.get("capacity") or "").strip()
    places = small(capacity, 6)
    return services.ProjectInput(
        title=post.get("title", ""),
        need=post.get("need", ""),
        beneficiaries=post.get("beneficiaries", ""),
        kind=post.get("kind", ""),
        skills=post.get("skills", ""),
        compound_id=id_param(post.get("compound")),
        starts_on=date_param(post.get("starts_on")),
        ends_on=date_param(post.get("ends_on")),
        capacity=(places if places is not None else -1) if capacity else None,  # -1: typed, but not a number
        number=small(post.get("number"), 5),
    )


@login_required
def project_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    projects = selectors.visible_projects(request.user).filter(community_id=community.pk)
    project = selectors.one(projects, pk) if pk else None
    error = None
    if request.method == "POST":
        try:
            project = services.project_save(
                actor=request.user, community=community, data=_project_input(request), project=project
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已发布项目“%(title)s”。") % {"title": project.title})
            return redirect("volunteering:project_detail", pk=project.pk)
    return render(
        request,
        "volunteering/project_form.html",
        {"project": project, "error": error, "values": posted(request), **selectors.form_places(community.pk)},
    )


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = selectors.visible_projects(request.user).select_related("compound", "evaluated_by")
    project = selectors.one(rows, pk)
    scope = scope_for(request.user)
    staff = scope.has(VIEW_VOLUNTEERS, project.community_id)
    manage = scope.has(MANAGE_VOLUNTEERS, project.community_id)
    led = volunteer_scope(scope).led_team_ids
    parts = selectors.project_page(request.user, project, staff=staff, manage=manage, led_team_ids=led)
    claims = parts["claims"]
    mine = my_volunteer(request, project.community_id)

    def reportable(claim) -> bool:
        return claim.status == "active" and bool(
            (mine and claim.volunteer_id == mine.pk) or claim.team_id in led or staff
        )

    return render(
        request,
        "volunteering/project_detail.html",
        {
            "p": project,
            "staff": staff,
            "mine": mine,
            "can_manage": manage,
            "my_claim": next((c for c in claims if mine and c.volunteer_id == mine.pk and c.status == "active"), None),
            "reportable": [c for c in claims if reportable(c)],
            **parts,
        },
    )


@login_required
@require_POST
def project_claim(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.one(selectors.visible_projects(request.user), pk)
    scope = scope_for(request.user)
    volunteer = team = None
    team_id, volunteer_id = id_param(request.POST.get("team")), id_param(request.POST.get("volunteer"))
    if team_id:
        team = selectors.team_in(project.community_id, team_id)
    elif volunteer_id and scope.has(MANAGE_VOLUNTEERS, project.community_id):
        volunteer = selectors.volunteer_in(project.community_id, volunteer_id)
    else:
        volunteer = my_volunteer(request, project.community_id)
        if volunteer is None:
            messages.error(request, _("您还不是本社区的志愿者，请先报名成为志愿者（在职党员请先到社区报到）。"))
            return redirect("volunteering:project_detail", pk=project.pk)
    if volunteer is None and team is None:
        messages.error(request, _("请选择认领的志愿者或队伍。"))
    else:
        run_action(
            request,
            lambda: services.project_claim(
                actor=request.user, project=project, volunteer=volunteer, team=team, plan=request.POST.get("plan", "")
            ),
            _("认领成功！请按计划开展服务，并及时上报进展。"),
        )
    return redirect("volunteering:project_detail", pk=project.pk)


@login_required
@require_POST
def project_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    project = selectors.one(selectors.projects_of(community.pk), pk)
    run_action(
        request,
        lambda: services.project_evaluate(
            actor=request.user,
            project=project,
            rating=request.POST.get("rating"),
            text=request.POST.get("evaluation", ""),
        ),
        _("已评价，项目记为完成。"),
    )
    return redirect("volunteering:project_detail", pk=project.pk)


@login_required
@require_POST
def project_close(request: HttpRequest, pk: int) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    project = selectors.one(selectors.projects_of(community.pk), pk)
    run_action(request, lambda: services.project_close(actor=request.user, project=project), _("已撤下项目。"))
    return redirect("volunteering:project_detail", pk=project.pk)


@login_required
@require_POST
def claim_report(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.one(selectors.visible_claims(request.user), pk)
    run_action(
        request,
        lambda: services.claim_report(
            actor=request.user, claim=claim, text=request.POST.get("text"), files=request.FILES.getlist("photos")
        ),
        _("进展已上报。"),
    )
    return redirect("volunteering:project_detail", pk=claim.project_id)


@login_required
@require_POST
def claim_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    claim = selectors.one(selectors.visible_claims(request.user), pk)
    run_action(request, lambda: services.claim_withdraw(actor=request.user, claim=claim), _("已退出认领。"))
    return redirect("volunteering:project_detail", pk=claim.project_id)


@login_required
def photo(request: HttpRequest, pk: int) -> FileResponse:
    item = selectors.one(selectors.visible_photos(request.user), pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
