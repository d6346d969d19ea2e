"""Matching volunteers to a need (a project, a duty or a case) and inviting the chosen ones; the
volunteer's answer from the phone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import datetime_param, run_action
from linli.tenancy.community import community_with
from linli.volunteering import matching, selectors, services
from linli.volunteering.models import Invitation
from linli.volunteering.permissions import MANAGE_VOLUNTEERS

NEEDS = {"project": matching.need_for_project, "duty": matching.need_for_duty, "case": matching.need_for_case}
BACK = {"project": "volunteering:project_detail", "duty": "volunteering:duty_detail", "case": "cases:case_detail"}


@login_required
def match(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Rank volunteers for a need and invite the chosen ones in one step."""
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    if kind not in NEEDS:
        raise Http404
    target = selectors.need_for(request.user, community.pk, kind, pk)
    if target is None:
        raise Http404
    if request.method == "POST":
        try:
            n = services.invite(
                actor=request.user,
                community=community,
                volunteer_ids=request.POST.getlist("volunteers"),
                message=request.POST.get("message", ""),
                **{kind: target},
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            sent = _("已向%(n)d位志愿者发出邀请，他们会在手机上看到。") % {"n": n}
            messages.success(request, sent if n else _("所选的人都已邀请过，没有重复发送。"))
            return redirect(request.path)
    need = NEEDS[kind](target)
    at = datetime_param(request.GET.get("at"))
    if at is not None:
        need.at = at
    extra = (request.GET.get("skills") or "").strip()
    if extra:
        need.skills = services.clean_skills(list(need.skills) + services.clean_skills(extra))
    return render(
        request,
        "volunteering/match.html",
        {
            "target": target,
            "kind": kind,
            "need": need,
            "matches": matching.rank(need, limit=30),
            "invited": selectors.invited_to(community.pk, kind, target),
            "back": reverse(BACK[kind], args=[target.pk]),
            "statuses": dict(Invitation.Status.choices),
        },
    )


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    if answer not in ("accept", "decline"):
        raise Http404
    rows = selectors.visible_invitations(request.user).select_related("volunteer", "project", "duty")
    invitation = selectors.one(rows, pk)
    run_action(
        request,
        lambda: services.invitation_answer(actor=request.user, invitation=invitation, accept=answer == "accept"),
        _("已接受，谢谢您！") if answer == "accept" else _("已婉拒。"),
    )
    return redirect("volunteering:me")
