"""The volunteer's phone pages (我的志愿服务): his hours, invitations and duties; joining, logging
his own hours, moving to another community."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import run_action
from linli.people import free_time
from linli.tenancy.community import active_community
from linli.volunteering import selectors, services
from linli.volunteering.models import ServiceKind
from linli.volunteering.views.common import my_volunteer, posted, record_input, slot_rows


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """我的志愿服务: hours, star, points; invitations; my duties (check in/out); open duties and
    projects near me; log my own hours."""
    volunteer = my_volunteer(request)
    if volunteer is None:
        community = active_community(request)
        context = {
            "volunteer": None,
            "can_join": community is not None and selectors.can_join(request.user, community.pk),
            "slot_grid": free_time.grid(0),
            "kinds": ServiceKind.choices,
        }
        return render(request, "volunteering/me.html", context)
    return render(request, "volunteering/me.html", selectors.me_page(request.user, volunteer))


@login_required
@require_POST
def me_join(request: HttpRequest) -> HttpResponse:
    community = active_community(request)
    if community is None:
        raise Http404
    run_action(
        request,
        lambda: services.volunteer_join(
            actor=request.user,
            community=community,
            skills=request.POST.get("skills", ""),
            free_slots=slot_rows(request),
            kinds=request.POST.getlist("kinds"),
        ),
        _("欢迎加入志愿者队伍！"),
    )
    return redirect("volunteering:me")


@login_required
def me_log(request: HttpRequest) -> HttpResponse:
    volunteer = my_volunteer(request)
    if volunteer is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.record_add(actor=request.user, volunteer=volunteer, data=record_input(request))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记，等社区工作人员或队长核实后计入时长。"))
            return redirect("volunteering:me")
    return render(
        request,
        "volunteering/me_log.html",
        {
            "volunteer": volunteer,
            "error": error,
            "values": posted(request),
            "teams": selectors.teams_with(volunteer),
            "projects": selectors.projects_claimed_by(volunteer),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def me_move(request: HttpRequest) -> HttpResponse:
    volunteer = my_volunteer(request)
    if volunteer is None:
        raise Http404
    try:
        new = services.volunteer_move(
            actor=request.user, volunteer=volunteer, community_code=request.POST.get("community", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已转到%(name)s，您的时长、星级和积分都带过去了。") % {"name": new.community.name})
    return redirect("volunteering:me")
