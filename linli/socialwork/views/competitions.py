"""The design competition's pages: the calls (and a new one), and a call's page where the secretary
registers proposals and judges, each judge scores, the results are published and the winner
becomes a programme."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.socialwork import competition_pages as pages
from linli.socialwork.permissions import MANAGE_SOCIALWORK, VIEW_PROGRAMMES
from linli.socialwork.services import competition as services
from linli.tenancy.community import community_with

CRITERIA_ROWS = 5


@login_required
def competitions(request):
    community, scope = community_with(request, VIEW_PROGRAMMES)
    error = None
    if request.method == "POST":
        p = request.POST
        criteria = [(p.get(f"criterion_{i}", ""), p.get(f"max_{i}", "")) for i in range(CRITERIA_ROWS)]
        try:
            made = services.competition_save(
                actor=request.user, community_id=community.pk, title=p.get("title", ""), theme=p.get("theme", ""),
                deadline=p.get("deadline"), criteria=criteria,
            )  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("设计大赛已发布征集。"))
            return redirect("socialwork:competition", pk=made.pk)
    posted = request.POST if error else {}
    rows = [(i, posted.get(f"criterion_{i}", ""), posted.get(f"max_{i}", "")) for i in range(CRITERIA_ROWS)]
    context = {
        "rows": pages.competition_list(actor=request.user, community_id=community.pk), "error": error,
        "posted": posted, "criteria_rows": rows, "may_manage": scope.has(MANAGE_SOCIALWORK, community.pk),
    }  # fmt: skip
    return render(request, "socialwork/competitions.html", context)


def _page(request, pk, *, failed: str = "", error=None):
    data = pages.competition_page(actor=request.user, pk=pk)
    for proposal in data["proposals"]:
        if failed == proposal.score_key:  # what the judge typed comes back, not what was saved
            typed = request.POST
            proposal.my_scores = [(c, typed.get(f"score_{c.pk}", "")) for c, _saved in proposal.my_scores]
    today = timezone.localdate()
    context = {
        **data, "failed": failed, "error": error, "kept": request.POST if failed else {},
        "start_default": today.isoformat(), "end_default": dt.date(today.year, 12, 31).isoformat(),
    }  # fmt: skip
    return render(request, "socialwork/competition.html", context)


@login_required
def competition_detail(request, pk):
    return _page(request, pk)


@login_required
@require_POST
def competition_action(request, pk, action):
    comp = pages.get_competition_for(request.user, pk)
    p, me = request.POST, request.user
    calls = {
        "proposal": lambda: services.proposal_add(
            actor=me, competition=comp, title=p.get("title", ""), team=p.get("team", ""),
            summary=p.get("summary", ""), target_group=p.get("target_group", ""), budget_yuan=p.get("budget", "0"),
        ),
        "judge": lambda: services.judge_add(actor=me, competition=comp, user_id=p.get("user")),
        "score": lambda: services.scores_save(
            actor=me, proposal=pages.proposal_of(comp, p.get("proposal")),
            scores={k[6:]: v for k, v in p.items() if k.startswith("score_")},
        ),
        "publish": lambda: services.results_publish(actor=me, competition=comp),
        "programme": lambda: services.proposal_to_programme(
            actor=me, proposal=pages.proposal_of(comp, p.get("proposal")), start_date=p.get("start_date"),
            end_date=p.get("end_date"), funder=p.get("funder", ""),
        ),
    }  # fmt: skip
    if action not in calls:
        raise Http404
    try:
        done = calls[action]()
    except DomainError as exc:
        key = f"{action}-{p.get('proposal')}" if action in ("score", "programme") else action
        return _page(request, comp.pk, failed=key, error=exc)
    if action == "programme":
        messages.success(request, _("方案已立为服务项目。"))
        return redirect("socialwork:programme", pk=done.pk)
    messages.success(request, _("结果已公布。") if action == "publish" else _("已保存。"))
    return redirect("socialwork:competition", pk=comp.pk)
