"""Duties (值守、活动岗位): the board, posting one, its page, signing up, and the volunteer's check in,
check out and cancel from the phone."""

import datetime as dt

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
from linli.core.ui import date_param, id_param, paginate, run_action
from linli.tenancy.community import community_with
from linli.volunteering import selectors, services
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.views.common import library_community, my_volunteer, posted, small, time_on


@login_required
def duty_list(request: HttpRequest) -> HttpResponse:
    community, staff = library_community(request)
    past = request.GET.get("when") == "past"
    mine = my_volunteer(request, community.pk)
    rows = selectors.duty_board(actor=request.user, community_id=community.pk, past=past)
    return render(
        request,
        "volunteering/duty_list.html",
        {
            "page": paginate(request, rows, 30),
            "past": past,
            "staff": staff,
            "mine": mine,
            "signed": selectors.signed_duty_ids(community.pk, mine),
            "can_manage": scope_for(request.user).has(MANAGE_VOLUNTEERS, community.pk),
        },
    )


def _duty_input(request: HttpRequest) -> services.DutyInput:
    post = request.POST
    day = date_param(post.get("day"))
    return services.DutyInput(
        title=post.get("title", ""),
        place=post.get("place", ""),
        compound_id=id_param(post.get("compound")),
        starts_at=time_on(day, post.get("start")) if day else None,
        ends_at=time_on(day, post.get("end")) if day else None,
        skills=post.get("skills", ""),
        slots=small(post.get("slots"), 5),
        note=post.get("note", ""),
    )


@login_required
def duty_form(request: HttpRequest) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    error = None
    if request.method == "POST":
        try:
            duty = services.duty_save(actor=request.user, community=community, data=_duty_input(request))
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已发布岗位“%(title)s”。") % {"title": duty.title})
            return redirect("volunteering:duty_detail", pk=duty.pk)
    return render(
        request,
        "volunteering/duty_form.html",
        {
            "error": error,
            "values": posted(request),
            "today": timezone.localdate() + dt.timedelta(days=1),
            **selectors.form_places(community.pk),
        },
    )


@login_required
def duty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    duty = selectors.one(selectors.visible_duties(request.user).select_related("compound"), pk)
    scope = scope_for(request.user)
    mine = my_volunteer(request, duty.community_id)
    signups = selectors.duty_signups(request.user, duty)
    return render(
        request,
        "volunteering/duty_detail.html",
        {
            "d": duty,
            "signups": signups,
            "staff": scope.has(VIEW_VOLUNTEERS, duty.community_id),
            "mine": mine,
            "my_signup": next((s for s in signups if mine and s.volunteer_id == mine.pk), None),
            "can_manage": scope.has(MANAGE_VOLUNTEERS, duty.community_id),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def duty_signup(request: HttpRequest, pk: int) -> HttpResponse:
    duty = selectors.one(selectors.visible_duties(request.user), pk)
    volunteer = my_volunteer(request, duty.community_id)
    if volunteer is None:
        messages.error(request, _("您还不是本社区的志愿者，请先报名成为志愿者。"))
    else:
        run_action(
            request,
            lambda: services.duty_signup(actor=request.user, duty=duty, volunteer=volunteer),
            _("报名成功，到时请在手机上签到。"),
        )
    return redirect("volunteering:duty_detail", pk=duty.pk)


@login_required
@require_POST
def signup_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    signup = selectors.one(selectors.visible_signups(request.user).select_related("duty", "volunteer"), pk)
    calls = {
        "check_in": (services.duty_check_in, _("已签到。")),
        "check_out": (services.duty_check_out, _("已签退，本次时长已登记，待核实后计入。")),
        "cancel": (services.duty_cancel, _("已取消报名。")),
    }
    if action not in calls:
        raise Http404
    call, success = calls[action]
    run_action(request, lambda: call(actor=request.user, signup=signup), success)
    me = reverse("volunteering:me")
    if request.POST.get("next") == me:
        return redirect(me)
    return redirect(reverse("volunteering:duty_detail", args=[signup.duty_id]))
