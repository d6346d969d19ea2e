"""The design competition's services: a call with criteria, proposals, a panel from the staff, scores
within each criterion's range (refused naming it), corrections until published, results with a
ranking, publishing refused while a judge has not scored, and the winner turned into a programme."""

import datetime as dt

from django.utils import timezone

from linli.socialwork.models import Competition, Programme, Proposal, Score
from linli.socialwork.services import competition as c


def _call(world):
    sec = world.user("secretary")
    comp = c.competition_save(actor=sec, community_id=world.a.pk, title="青年社工服务设计大赛", theme="独居老人",
                              deadline=timezone.localdate() + dt.timedelta(days=10),
                              criteria=[("需求分析", "30"), ("可行性", "40"), ("", "")])  # fmt: skip
    a = c.proposal_add(actor=sec, competition=comp, title="有爱无碍", team="小李、小王", summary="助残出行",
                       target_group="残障人士", budget_yuan="8000")  # fmt: skip
    b = c.proposal_add(actor=sec, competition=comp, title="银龄伙伴", team="小赵", summary="结对陪伴",
                       target_group="独居老人")  # fmt: skip
    judges = [c.judge_add(actor=sec, competition=comp, user_id=world.user(r).pk) for r in ("secretary", "worker")]
    return comp, a, b, judges


def _ids(comp):
    return [k.pk for k in comp.criteria.all()]


def test_a_score_outside_the_range_is_refused_naming_the_criterion(world, refused):
    comp, a, _b, _j = _call(world)
    first, second = _ids(comp)
    refused(lambda: c.scores_save(actor=world.user("worker"), proposal=a, scores={str(first): "20", str(second): "41"}),
            "“可行性”的分数须在0到40分之间")  # fmt: skip
    assert not Score.objects.in_community(world.a).exists()


def test_a_judge_corrects_until_published_and_results_rank(world, refused):
    comp, a, b, _j = _call(world)
    first, second = _ids(comp)
    for role, sa, sb in (("secretary", (30, 40), (10, 10)), ("worker", (20, 30), (15, 15))):
        c.scores_save(actor=world.user(role), proposal=a, scores={str(first): sa[0], str(second): sa[1]})
        c.scores_save(actor=world.user(role), proposal=b, scores={str(first): sb[0], str(second): sb[1]})
    c.scores_save(actor=world.user("worker"), proposal=a, scores={str(first): 25, str(second): 35})  # corrected
    assert Score.objects.in_community(world.a).count() == 8
    ranked = c.results(comp)
    assert [(r["proposal"].title, r["average"], r["rank"]) for r in ranked] == [
        ("有爱无碍", 65.0, 1),
        ("银龄伙伴", 25.0, 2),
    ]
    c.results_publish(actor=world.user("secretary"), competition=comp)
    refused(lambda: c.scores_save(actor=world.user("worker"), proposal=a, scores={str(first): 0, str(second): 0}),
            "结果已公布")  # fmt: skip


def test_publishing_waits_for_every_judge_and_only_judges_score(world, refused):
    comp, a, b, _j = _call(world)
    first, second = _ids(comp)
    c.scores_save(actor=world.user("secretary"), proposal=a, scores={str(first): 1, str(second): 1})
    refused(lambda: c.results_publish(actor=world.user("secretary"), competition=comp), "还有评委没有评完")
    refused(lambda: c.scores_save(actor=world.user("grid1"), proposal=a, scores={}), "只有本次大赛的评委")
    refused(lambda: c.judge_add(actor=world.user("secretary"), competition=comp, user_id=world.user("resident").pk),
            "评委须是本社区的工作人员")  # fmt: skip
    refused(lambda: c.proposal_add(actor=world.user("secretary"), competition=comp, title="迟到", team="某",
                                   summary="x", target_group="y", on_day=comp.deadline + dt.timedelta(days=1)),
            "截止")  # fmt: skip
    assert Competition.objects.in_community(world.a).get(pk=comp.pk).status == "open"


def test_the_winner_becomes_a_programme_once(world, refused):
    comp, a, b, _j = _call(world)
    first, second = _ids(comp)
    sec = world.user("secretary")
    year = timezone.localdate().year
    refused(lambda: c.proposal_to_programme(actor=sec, proposal=a, start_date=dt.date(year, 1, 1),
                                            end_date=dt.date(year, 12, 31)), "结果公布后")  # fmt: skip
    for role in ("secretary", "worker"):
        for p in (a, b):
            c.scores_save(actor=world.user(role), proposal=p, scores={str(first): 5, str(second): 5})
    c.results_publish(actor=sec, competition=comp)
    made = c.proposal_to_programme(actor=sec, proposal=a, start_date=dt.date(year, 1, 1),
                                   end_date=dt.date(year, 12, 31))  # fmt: skip
    got = Programme.objects.in_community(world.a).get(pk=made.pk)
    assert (got.name, got.target_group, got.aim, got.budget_fen) == ("有爱无碍", "残障人士", "助残出行", 800000)
    assert Proposal.objects.in_community(world.a).get(pk=a.pk).programme_id == made.pk
    refused(lambda: c.proposal_to_programme(actor=sec, proposal=a, start_date=dt.date(year, 1, 1),
                                            end_date=dt.date(year, 12, 31)), "已经立为服务项目")  # fmt: skip
