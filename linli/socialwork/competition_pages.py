"""Reads of the design competition: the community's calls, and a call's page with its criteria,
proposals, panel, each judge's progress, the judge's own scores and the results (the secretary sees
them while judging goes on; everyone else once they are published)."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404

from linli.core.scoping import scope_for, tenant_join
from linli.core.ui import id_param
from linli.socialwork.models import Competition, Criterion, Judge, Proposal, Score
from linli.socialwork.permissions import MANAGE_SOCIALWORK
from linli.socialwork.services import competition as services


def competition_list(*, actor, community_id: int):
    rows, proposals = tenant_join(
        Competition.objects.visible_to(actor).filter(community_id=community_id), "proposals", community_id
    )
    return rows.annotate(n_proposals=Count(proposals, distinct=True))


def get_competition_for(actor, pk) -> Competition:
    pk_ = id_param(pk)
    found = Competition.objects.visible_to(actor).filter(pk=pk_).first() if pk_ is not None else None
    if found is None:
        raise Http404
    return found


def proposal_of(competition: Competition, pk) -> Proposal:
    pk_ = id_param(pk)
    row = Proposal.objects.in_community(competition.community_id).filter(competition=competition, pk=pk_).first()
    if row is None:
        raise Http404
    return row


def _staff(community_id: int, exclude: set[int]) -> list:
    from django.contrib.auth import get_user_model

    from linli.tenancy.models import Membership

    ids = Membership.objects.filter(community_id=community_id, is_active=True, role__in=services.STAFF_ROLES)
    users = get_user_model().objects.filter(pk__in=ids.values("user_id")).exclude(pk__in=exclude)
    return list(users.order_by("username").only("pk", "username", "first_name", "last_name"))


def competition_page(*, actor, pk) -> dict:
    comp = get_competition_for(actor, pk)
    cid = comp.community_id
    manages = scope_for(actor).has(MANAGE_SOCIALWORK, cid)
    criteria = list(Criterion.objects.in_community(cid).filter(competition=comp))
    proposals = list(Proposal.objects.in_community(cid).filter(competition=comp).select_related("programme"))
    judges = list(Judge.objects.in_community(cid).filter(competition=comp).select_related("user"))
    me = next((j for j in judges if j.user_id == actor.pk), None)
    scored: dict[int, set[int]] = {}  # judge -> proposals he has scored on every criterion
    mine: dict[int, dict[int, int]] = {}
    per: dict[tuple[int, int], int] = {}
    rows = Score.objects.in_community(cid).filter(proposal__in=[p.pk for p in proposals])
    for judge_id, proposal_id, criterion_id, score in rows.values_list(
        "judge_id", "proposal_id", "criterion_id", "score"
    ):
        per[(judge_id, proposal_id)] = per.get((judge_id, proposal_id), 0) + 1
        if me is not None and judge_id == me.pk:
            mine.setdefault(proposal_id, {})[criterion_id] = score
    for (judge_id, proposal_id), n in per.items():
        if n >= len(criteria):
            scored.setdefault(judge_id, set()).add(proposal_id)
    for j in judges:
        j.done = len(scored.get(j.pk, ()))  # type: ignore[attr-defined]
    for p in proposals:
        p.score_key, p.programme_key = f"score-{p.pk}", f"programme-{p.pk}"  # type: ignore[attr-defined]
        p.my_scores = [(c, mine.get(p.pk, {}).get(c.pk)) for c in criteria]  # type: ignore[attr-defined]
    is_open = comp.status == Competition.Status.OPEN
    shows_results = manages or not is_open
    return {
        "competition": comp, "criteria": criteria, "proposals": proposals, "judges": judges, "me": me,
        "manages": manages, "is_open": is_open, "top": sum(c.max_score for c in criteria),
        "results": services.results(comp) if shows_results and proposals else [],
        "staff": _staff(cid, {j.user_id for j in judges}) if manages and is_open else [],
    }  # fmt: skip
