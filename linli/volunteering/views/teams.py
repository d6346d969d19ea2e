"""Volunteer teams: the list with the year's hours, a team's page, its members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import id_param, run_action
from linli.tenancy.community import community_with
from linli.volunteering import selectors, services
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope
from linli.volunteering.views.common import posted


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    return render(
        request,
        "volunteering/team_list.html",
        {
            "rows": selectors.team_totals(community.pk, timezone.localdate().year),
            "can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk),
        },
    )


@login_required
def team_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    teams = selectors.visible_teams(request.user).filter(community_id=community.pk)
    team = selectors.one(teams, pk) if pk else None
    error = None
    if request.method == "POST":
        post = request.POST
        try:
            team = services.team_save(
                actor=request.user,
                community=community,
                team=team,
                name=post.get("name", ""),
                kind=post.get("kind", ""),
                note=post.get("note", ""),
                leader_id=id_param(post.get("leader")),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存队伍“%(name)s”。") % {"name": team.name})
            return redirect("volunteering:team_detail", pk=team.pk)
    return render(
        request,
        "volunteering/team_form.html",
        {
            "team": team,
            "error": error,
            "values": posted(request),
            "volunteers": selectors.active_volunteers(community.pk),
        },
    )


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = selectors.one(selectors.visible_teams(request.user).select_related("leader"), pk)
    scope = scope_for(request.user)
    if not scope.has(VIEW_VOLUNTEERS, team.community_id) and team.pk not in volunteer_scope(scope).led_team_ids:
        raise Http404
    year = timezone.localdate().year
    return render(
        request,
        "volunteering/team_detail.html",
        {
            "team": team,
            "can_manage": scope.has(MANAGE_VOLUNTEERS, team.community_id),
            "can_log": scope.has(MANAGE_VOLUNTEERS, team.community_id)
            or team.pk in volunteer_scope(scope).led_team_ids,
            "year": year,
            **selectors.team_page(request.user, team, year=year),
        },
    )


@login_required
@require_POST
def team_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    team = selectors.one(selectors.teams_of(community.pk), pk)
    volunteer = selectors.volunteer_in(community.pk, id_param(request.POST.get("volunteer")))
    if volunteer is None:
        messages.error(request, _("请选择要加入的志愿者。"))
    else:
        run_action(
            request,
            lambda: services.team_member_add(actor=request.user, team=team, volunteer=volunteer),
            _("已加入队伍。"),
        )
    return redirect("volunteering:team_detail", pk=team.pk)


@login_required
@require_POST
def team_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    team = selectors.one(selectors.teams_of(community.pk), pk)
    member = selectors.team_member_in(community.pk, team, member_pk)
    if member is None:
        raise Http404
    run_action(
        request,
        lambda: services.team_member_remove(actor=request.user, team=team, member=member),
        _("已移出队伍。"),
    )
    return redirect("volunteering:team_detail", pk=team.pk)
