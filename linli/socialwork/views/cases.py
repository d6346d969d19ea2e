"""The social worker's pages: my cases and the referrals waiting, the referral form (any staff), the
case file with its actions. A refused action shows the page again with what was typed and why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.ui import id_param
from linli.people.models import Resident
from linli.socialwork import selectors, services
from linli.socialwork.models import Case, Domain, Programme, Rating, ReferralOut, Risk, SessionNote, Source, Task
from linli.socialwork.permissions import REFER_CLIENT
from linli.tenancy.community import community_with


def staff_community(request):
    """The community the user works in as staff; the lists are his own (empty when he is not on
    the roster), so any staff member may open them."""
    community, _scope = community_with(request, REFER_CLIENT)
    return community


@login_required
def cases(request):
    community = staff_community(request)
    mine, waiting = selectors.my_cases(actor=request.user, community_id=community.pk)
    closed = selectors.closed_cases(actor=request.user, community_id=community.pk)[:30]
    context = {"mine": mine[:200], "waiting": waiting[:100], "closed": closed,
               "practises": selectors.is_practitioner(request.user, community.pk)}  # fmt: skip
    return render(request, "socialwork/cases.html", context)


def _refer_context(request, community) -> dict:
    from linli.care.selectors import get_visit_for

    visit, seen = None, []
    if request.GET.get("visit") or request.POST.get("source_id") and request.POST.get("source") == "visit":
        visit = get_visit_for(request.user, request.GET.get("visit") or request.POST.get("source_id"))
        seen = list(Resident.objects.visible_to(request.user).filter(pk__in=visit.seen).only("pk", "name"))
    query = request.GET.get("q", "").strip()[:20]
    found = []
    if query and visit is None:
        found = list(
            Resident.objects.visible_to(request.user).filter(community_id=community.pk, name__contains=query)
            .only("pk", "name", "birth_date").order_by("name")[:10]
        )  # fmt: skip
    client = None
    if (cid := id_param(request.GET.get("client"))) is not None:
        client = Resident.objects.visible_to(request.user).filter(pk=cid, community_id=community.pk).first()
    return {"visit": visit, "seen": seen, "found": found, "query": query, "client": client, "sources": Source.choices}


@login_required
def refer(request):
    community, _scope = community_with(request, REFER_CLIENT)
    context = _refer_context(request, community)
    if request.method != "POST":
        return render(request, "socialwork/refer.html", context)
    try:
        case = services.case_refer(
            actor=request.user, community_id=community.pk, client_id=request.POST.get("client"),
            source=request.POST.get("source", ""), source_id=id_param(request.POST.get("source_id")),
            partner_name=request.POST.get("partner_name", ""), reason=request.POST.get("reason", ""),
        )  # fmt: skip
    except DomainError as exc:
        return render(request, "socialwork/refer.html", {**context, "error": exc, "posted": request.POST})
    messages.success(request, _("已转介给社工（%(n)s），社工接案后会联系居民。") % {"n": case.number})
    if context["visit"] is not None:  # back to the visit the worker was on (care's page)
        return redirect("care:visit_detail", pk=context["visit"].pk)
    return redirect("home")


CONSENT_WAYS = [
    ("signed", gettext_lazy("书面签字")), ("verbal", gettext_lazy("口头同意（已录音/有见证人）")),
    ("guardian", gettext_lazy("监护人同意")),
]  # fmt: skip


def _page(request, pk, *, failed: str = "", error=None) -> HttpResponse:
    data = selectors.case_file(actor=request.user, pk=pk, request=request)
    case = data["case"]
    context = {
        **data, "failed": failed, "error": error, "kept": {failed: request.POST} if failed else {},
        "domains": Domain.choices, "risks": Risk.choices, "ratings": Rating.choices, "doers": Task.Doer.choices,
        "kinds": SessionNote.Kind.choices, "to_choices": ReferralOut.To.choices,
        "outcomes": [o for o in ReferralOut.Outcome.choices if o[0] != "pending"],
        "consent_ways": CONSENT_WAYS, "consent_label": dict(CONSENT_WAYS).get(case.consent_how, ""),
        "today_iso": selectors.today().isoformat(),
    }  # fmt: skip
    context["w"], context["open"] = data["role"] == "worker", case.status == Case.Status.OPEN
    if context["w"] and context["open"]:
        from linli.volunteering.selectors import top_volunteers

        context["volunteers"] = list(top_volunteers(case.community_id, 50))
        context["colleagues"] = [c for c in selectors.colleague_choices(case) if c[0] != request.user.pk]
        context["programmes"] = list(Programme.objects.in_community(case.community_id).only("pk", "name"))
    return render(request, "socialwork/case.html", context)


@login_required
def case_detail(request, pk):
    return _page(request, pk)


def _ratings(post) -> dict:
    return {k[len("rating_") :]: v for k, v in post.items() if k.startswith("rating_")}


def _progress(post) -> dict:
    return {k[len("progress_") :]: v for k, v in post.items() if k.startswith("progress_")}


def _note(request, case):
    from linli.socialwork.models import SessionNote as Note

    note = Note.objects.in_community(case.community_id).filter(case=case, pk=id_param(request.POST.get("note"))).first()
    if note is None:
        raise Http404
    return note


def _referral(request, case):
    row = ReferralOut.objects.in_community(case.community_id).filter(
        case=case, pk=id_param(request.POST.get("referral"))
    )
    if (found := row.first()) is None:
        raise Http404
    return found


def _goal(request, case):
    from linli.socialwork.models import Goal

    goal = Goal.objects.in_community(case.community_id).filter(case=case, pk=id_param(request.POST.get("goal"))).first()
    if goal is None:
        raise Http404
    return goal


ACTIONS = {
    "intake": (lambda r, c, p: services.case_intake(actor=r.user, case=c, consent_how=p.get("consent_how", ""),
               intake_date=p.get("intake_date"), consent_note=p.get("consent_note", "")), _("已接案。")),
    "assess": (lambda r, c, p: services.assessment_add(actor=r.user, case=c, assessed_date=p.get("assessed_date"),
               needs={d: p.get(f"need_{d}", "") for d in Domain.values}, risk=p.get("risk", ""),
               strengths=p.get("strengths", "")), _("评估已保存。")),
    "goal": (lambda r, c, p: services.goal_add(actor=r.user, case=c, text_=p.get("text", ""),
             review_date=p.get("review_date", ""), domain=p.get("domain", "")), _("已添加服务目标。")),
    "review": (lambda r, c, p: services.goal_review(actor=r.user, goal=_goal(r, c),
               next_review_date=p.get("review_date")), _("已检视，下次检视日期已更新。")),
    "task": (lambda r, c, p: services.task_add(actor=r.user, case=c, text_=p.get("text", ""), doer=p.get("doer", ""),
             goal_id=p.get("goal") or None, volunteer_id=p.get("volunteer"), doer_name=p.get("doer_name", ""),
             every_days=p.get("every_days") or None), _("已安排服务任务。")),
    "session": (lambda r, c, p: services.session_record(actor=r.user, case=c, session_date=p.get("session_date"),
                kind=p.get("kind", ""), content=p.get("content", ""), progress=_progress(p)), _("服务记录已保存。")),
    "addendum": (lambda r, c, p: services.note_addendum(actor=r.user, note=_note(r, c), text_=p.get("text", "")),
                 _("已补充更正（原记录保留）。")),
    "comment": (lambda r, c, p: services.note_comment(actor=r.user, note=_note(r, c), text_=p.get("text", "")),
                _("督导意见已保存。")),
    "referral": (lambda r, c, p: services.referral_out_add(actor=r.user, case=c, to=p.get("to", ""),
                 to_name=p.get("to_name", ""), reason=p.get("reason", ""), referred_date=p.get("referred_date")),
                 _("已登记转介。")),
    "outcome": (lambda r, c, p: services.referral_outcome(actor=r.user, referral=_referral(r, c),
                outcome=p.get("outcome", ""), note=p.get("note", "")), _("已登记转介结果。")),
    "share": (lambda r, c, p: services.case_share(actor=r.user, case=c, user_id=p.get("user"),
              reason=p.get("reason", "")), _("已共享。")),
    "close": (lambda r, c, p: services.closure_request(actor=r.user, case=c, reason=p.get("reason", ""),
              ratings=_ratings(p)), _("结案申请已提交督导。")),
    "sign": (lambda r, c, p: services.closure_sign(actor=r.user, case=c), _("已签字结案。")),
    "return": (lambda r, c, p: services.closure_return(actor=r.user, case=c, note=p.get("note", "")),
               _("已退回结案申请。")),
    "programme": (lambda r, c, p: services.case_link_programme(actor=r.user, case=c,
                  programme_id=p.get("programme")), _("已保存。")),
    "decline": (lambda r, c, p: services.case_decline(actor=r.user, case=c, reason=p.get("reason", "")),
                _("已记录不予接案及原因。")),
    "reopen": (lambda r, c, p: services.case_reopen(actor=r.user, case=c, reason=p.get("reason", "")),
               _("已重新开案。")),
}  # fmt: skip


@login_required
@require_POST
def case_action(request, pk, action):
    case = selectors.get_case_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    call, success = ACTIONS[action]
    try:
        call(request, case, request.POST)
    except DomainError as exc:
        return _page(request, case.pk, failed=action, error=exc)
    messages.success(request, success)
    return redirect("socialwork:case", pk=case.pk)
