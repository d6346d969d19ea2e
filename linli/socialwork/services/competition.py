"""The design competition: the secretary opens a call with criteria, registers the teams' proposals
and the panel (staff of the community); each judge scores every proposal per criterion and may
correct until the results are published; the winner becomes a programme carrying its title, target
group, goals (its summary) and budget."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.socialwork.models import Competition, Criterion, Judge, Programme, Proposal, Score
from linli.socialwork.permissions import MANAGE_SOCIALWORK
from linli.socialwork.services.common import SocialWorkError, a_date, text
from linli.socialwork.services.programmes import _fen, programme_save

STAFF_ROLES = ("secretary", "worker")


def _require_manager(actor, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_SOCIALWORK, community_id):
        raise PermissionDeniedError(_("只有社区书记可以组织设计大赛。"))


def _locked(actor, competition: Competition, *, open_: bool = True) -> Competition:
    row = Competition.objects.in_community(competition.community_id).select_for_update().get(pk=competition.pk)
    if open_ and row.status != Competition.Status.OPEN:
        raise SocialWorkError(_("大赛结果已公布，不能再修改。"), code="published")
    return row


@transaction.atomic
def competition_save(*, actor, community_id: int, title: str, theme: str, deadline, criteria) -> Competition:
    """criteria: (name, max score) pairs; rows with neither are skipped, at least one is needed."""
    _require_manager(actor, community_id)
    clean_title = text(title, field="title", label=_("大赛名称"), max_length=100)
    clean_theme = text(theme, field="theme", label=_("主题"), max_length=300)
    day = a_date(deadline, field="deadline", label=_("截止日期"))
    rows = []
    for name, top in criteria:
        name, top = str(name or "").strip(), str(top or "").strip()
        if not name and not top:
            continue
        if not name:
            raise SocialWorkError(_("请填写评分标准的名称。"), field="criteria")
        if not top.isdigit() or not 1 <= int(top) <= 100:
            raise SocialWorkError(_("“%(name)s”的满分须是1到100的整数。") % {"name": name}, field="criteria")
        rows.append((name[:100], int(top)))
    if not rows:
        raise SocialWorkError(_("请至少设定一项评分标准。"), field="criteria")
    if Competition.objects.in_community(community_id).filter(title=clean_title).exists():
        raise SocialWorkError(_("已有同名的设计大赛。"), field="title", code="duplicate")
    made = Competition.objects.create(
        community_id=community_id, title=clean_title, theme=clean_theme, deadline=day, created_by=actor
    )
    Criterion.objects.bulk_create(
        [Criterion(community_id=community_id, competition=made, name=n, max_score=m) for n, m in rows]
    )
    return made


@transaction.atomic
def proposal_add(*, actor, competition: Competition, title: str, team: str, summary: str, target_group: str,
                 budget_yuan="0", on_day=None) -> Proposal:  # fmt: skip
    _require_manager(actor, competition.community_id)
    row = _locked(actor, competition)
    if (on_day or timezone.localdate()) > row.deadline:
        raise SocialWorkError(_("方案征集已于%(day)s截止。") % {"day": row.deadline.isoformat()}, code="late")
    return Proposal.objects.create(
        community_id=row.community_id, competition=row,
        title=text(title, field="title", label=_("方案名称"), max_length=100),
        team=text(team, field="team", label=_("团队成员"), max_length=300),
        summary=text(summary, field="summary", label=_("方案概要"), max_length=3000),
        target_group=text(target_group, field="target_group", label=_("服务对象"), max_length=200),
        budget_fen=_fen(budget_yuan, "budget"),
    )  # fmt: skip


@transaction.atomic
def judge_add(*, actor, competition: Competition, user_id) -> Judge:
    from linli.tenancy.models import Membership

    _require_manager(actor, competition.community_id)
    row = _locked(actor, competition)
    uid = id_param(user_id)
    staff = Membership.objects.filter(community_id=row.community_id, is_active=True, role__in=STAFF_ROLES)
    if uid is None or not staff.filter(user_id=uid).exists():
        raise SocialWorkError(_("评委须是本社区的工作人员。"), field="user")
    judge, _made = Judge.objects.in_community(row.community_id).get_or_create(
        community_id=row.community_id, competition=row, user_id=uid
    )
    return judge


def judge_of(actor, competition: Competition) -> Judge | None:
    if actor is None or not actor.pk:
        return None
    return (
        Judge.objects.in_community(competition.community_id).filter(competition=competition, user_id=actor.pk).first()
    )


@transaction.atomic
def scores_save(*, actor, proposal: Proposal, scores: dict) -> list[Score]:
    """A judge's scores of one proposal, criterion id -> score; every criterion is needed and each must
    be within 0..its maximum. Saved again, they correct the judge's earlier ones (until published)."""
    competition = _locked(actor, proposal.competition)
    judge = judge_of(actor, competition)
    if judge is None:
        raise PermissionDeniedError(_("只有本次大赛的评委可以评分。"))
    criteria = list(Criterion.objects.in_community(competition.community_id).filter(competition=competition))
    clean = {}
    for c in criteria:
        raw = str(scores.get(str(c.pk), scores.get(c.pk, "")) or "").strip()
        if not raw.isdigit() or int(raw) > c.max_score:
            raise SocialWorkError(
                _("“%(name)s”的分数须在0到%(max)d分之间。") % {"name": c.name, "max": c.max_score},
                field=f"score_{c.pk}", code="range",
            )  # fmt: skip
        clean[c.pk] = int(raw)
    saved = []
    for c in criteria:
        row, _made = Score.objects.in_community(competition.community_id).update_or_create(
            community_id=competition.community_id, proposal=proposal, criterion=c, judge=judge,
            defaults={"score": clean[c.pk], "scored_at": timezone.now()},
        )  # fmt: skip
        saved.append(row)
    return saved


def results(competition: Competition) -> list[dict]:
    """Each proposal with its judges' average total (the sum over the criteria, averaged over the
    judges who scored it) and its rank (ties share a rank), best first."""
    cid = competition.community_id
    proposals = list(Proposal.objects.in_community(cid).filter(competition=competition).select_related("programme"))
    totals: dict[int, dict[int, int]] = {}
    rows = Score.objects.in_community(cid).filter(proposal__in=[p.pk for p in proposals])
    for proposal_id, judge_id, score in rows.values_list("proposal_id", "judge_id", "score"):
        by_judge = totals.setdefault(proposal_id, {})
        by_judge[judge_id] = by_judge.get(judge_id, 0) + score
    out: list[dict] = []
    for p in proposals:
        by_judge = totals.get(p.pk, {})
        average = round(sum(by_judge.values()) / len(by_judge), 1) if by_judge else None
        out.append({"proposal": p, "average": average, "judges": len(by_judge)})
    out.sort(key=lambda r: (r["average"] is None, -(r["average"] or 0), r["proposal"].pk))  # best first
    rank, last = 0, object()
    for i, r in enumerate(out, start=1):
        if r["average"] != last:
            rank, last = i, r["average"]
        r["rank"] = rank if r["average"] is not None else None
    return out


@transaction.atomic
def results_publish(*, actor, competition: Competition) -> Competition:
    """Refused until every judge has scored every proposal (the missing named)."""
    _require_manager(actor, competition.community_id)
    row = _locked(actor, competition)
    cid = row.community_id
    judges = list(Judge.objects.in_community(cid).filter(competition=row).select_related("user"))
    n_proposals = Proposal.objects.in_community(cid).filter(competition=row).count()
    if not judges or not n_proposals:
        raise SocialWorkError(_("还没有评委或参赛方案，不能公布结果。"), code="empty")
    n_criteria = Criterion.objects.in_community(cid).filter(competition=row).count()
    done = Score.objects.in_community(cid).filter(judge__in=judges)
    counts: dict[int, int] = {}
    for judge_id in done.values_list("judge_id", flat=True):
        counts[judge_id] = counts.get(judge_id, 0) + 1
    missing = [str(j) for j in judges if counts.get(j.pk, 0) < n_proposals * n_criteria]
    if missing:
        raise SocialWorkError(_("还有评委没有评完所有方案：%(names)s") % {"names": "、".join(missing)}, code="unscored")
    row.status, row.published_at = Competition.Status.PUBLISHED, timezone.now()
    row.save(update_fields=["status", "published_at"])
    return row


@transaction.atomic
def proposal_to_programme(*, actor, proposal: Proposal, start_date, end_date, funder: str = "") -> Programme:
    """A proposal of a competition whose results are published becomes a programme (once)."""
    _require_manager(actor, proposal.community_id)
    row = Proposal.objects.in_community(proposal.community_id).select_for_update().get(pk=proposal.pk)
    if row.competition.status != Competition.Status.PUBLISHED:
        raise SocialWorkError(_("结果公布后才能把方案立为服务项目。"), code="state")
    if row.programme_id:
        raise SocialWorkError(_("这个方案已经立为服务项目。"), code="done")
    programme = programme_save(
        actor=actor, community_id=row.community_id, name=row.title, target_group=row.target_group,
        start_date=start_date, end_date=end_date, aim=row.summary, funder=funder,
        budget_yuan=str(row.budget_fen / 100),
    )  # fmt: skip
    row.programme = programme
    row.save(update_fields=["programme"])
    return programme
