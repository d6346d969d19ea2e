"""The time bank: the rate, the rewards, spending a volunteer's points at the counter."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.ui import id_param, run_action
from linli.tenancy.community import community_with
from linli.volunteering import selectors, services
from linli.volunteering.models import Reward
from linli.volunteering.permissions import MANAGE_VOLUNTEERS, VIEW_VOLUNTEERS
from linli.volunteering.views.volunteers import managed_volunteer


@login_required
def bank(request: HttpRequest) -> HttpResponse:
    community, scope = community_with(request, VIEW_VOLUNTEERS)
    return render(
        request,
        "volunteering/bank.html",
        {"can_manage": scope.has(MANAGE_VOLUNTEERS, community.pk), **selectors.bank_page(request.user, community.pk)},
    )


@login_required
@require_POST
def bank_rate(request: HttpRequest) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    run_action(
        request,
        lambda: services.bank_rate_save(
            actor=request.user, community=community, points_per_hour=request.POST.get("points_per_hour")
        ),
        _("已保存：今后核实的时长按新标准计分，已得积分不变。"),
    )
    return redirect("volunteering:bank")


@login_required
@require_POST
def reward_save(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    community, _scope = community_with(request, MANAGE_VOLUNTEERS)
    reward: Reward | None = selectors.one(selectors.rewards_of(community.pk), pk) if pk else None
    post = request.POST
    if reward is not None and "toggle" in post:
        fields = {"name": reward.name, "points": reward.points, "note": reward.note, "active": not reward.active}
    else:
        fields = {"name": post.get("name", ""), "points": post.get("points"), "note": post.get("note", "")}
    run_action(
        request,
        lambda: services.reward_save(actor=request.user, community=community, reward=reward, **fields),
        _("已保存兑换项目。"),
    )
    return redirect("volunteering:bank")


@login_required
@require_POST
def points_spend(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = managed_volunteer(request, pk)
    reward = selectors.reward_in(volunteer.community_id, id_param(request.POST.get("reward")))
    if reward is None:
        messages.error(request, _("请选择兑换项目。"))
    else:
        run_action(
            request,
            lambda: services.points_spend(
                actor=request.user, volunteer=volunteer, reward=reward, note=request.POST.get("note", "")
            ),
            _("已兑换“%(name)s”，扣除%(n)d分。") % {"name": reward.name, "n": reward.points},
        )
    return redirect("volunteering:volunteer_detail", pk=volunteer.pk)
