"""The design competition's pages: a call opened from the list (a criterion without a maximum
refused, what was typed kept), a judge's out-of-range score refused on the page with what he typed
and nothing saved, results hidden from staff until published, the winner turned into a programme,
the grid worker's 404, and a page whose queries do not grow with its proposals."""

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.socialwork.models import Competition, Criterion, Programme, Proposal, Score
from linli.socialwork.services import competition as contest


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _form(**extra):
    data = {"title": "助残服务设计大赛", "theme": "有爱无碍", "deadline": (timezone.localdate() + dt.timedelta(days=7))}
    data.update({"criterion_0": "需求分析", "max_0": "50", "criterion_1": "可行性", "max_1": "50"}, **extra)
    return data


def test_a_call_is_opened_from_the_list_and_a_bad_criterion_keeps_what_was_typed(world, sw):
    client = _client(world, "secretary")
    before = Competition.objects.in_community(world.a).count()
    response = client.post("/socialwork/competitions/", _form(max_1="120"))
    body = response.content.decode()
    assert response.status_code == 200 and "“可行性”的满分须是1到100的整数" in body and "助残服务设计大赛" in body
    assert Competition.objects.in_community(world.a).count() == before
    response = client.post("/socialwork/competitions/", _form())
    made = Competition.objects.in_community(world.a).get(title="助残服务设计大赛")
    assert response["Location"] == f"/socialwork/competitions/{made.pk}/"
    assert [c.max_score for c in Criterion.objects.in_community(world.a).filter(competition=made)] == [50, 50]


def test_a_worker_may_not_open_a_call_and_nothing_is_saved(world, sw):
    before = Competition.objects.in_community(world.a).count()
    response = _client(world, "worker").post("/socialwork/competitions/", _form())
    assert response.status_code == 200 and "只有社区书记可以组织设计大赛" in response.content.decode()
    assert Competition.objects.in_community(world.a).count() == before


def test_an_out_of_range_score_is_refused_on_the_page_with_what_the_judge_typed(world, sw):
    comp = sw.competition
    proposal = Proposal.objects.in_community(world.a).get(competition=comp)
    first, second = Criterion.objects.in_community(world.a).filter(competition=comp)
    response = _client(world, "worker").post(
        f"/socialwork/competitions/{comp.pk}/score/",
        {"proposal": proposal.pk, f"score_{first.pk}": "33", f"score_{second.pk}": "61"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "“可行性”的分数须在0到60分之间" in body and 'value="33"' in body
    assert not Score.objects.in_community(world.a).exists()


def test_results_are_hidden_from_staff_until_published_then_the_winner_becomes_a_programme(world, sw):
    comp = sw.competition
    proposal = Proposal.objects.in_community(world.a).get(competition=comp)
    ids = [c.pk for c in Criterion.objects.in_community(world.a).filter(competition=comp)]
    for role, marks in (("secretary", ("30", "50")), ("worker", ("36", "44"))):
        scores = {f"score_{pk}": mark for pk, mark in zip(ids, marks, strict=True)}
        response = _client(world, role).post(f"/socialwork/competitions/{comp.pk}/score/",
                                             {"proposal": proposal.pk, **scores})  # fmt: skip
        assert response.status_code == 302
    url = f"/socialwork/competitions/{comp.pk}/"
    assert 'id="results"' not in _client(world, "worker").get(url).content.decode()
    assert "80.0 / 100" in _client(world, "secretary").get(url).content.decode()
    assert _client(world, "secretary").post(f"{url}publish/").status_code == 302
    assert "80.0 / 100" in _client(world, "worker").get(url).content.decode()
    year_end = dt.date(timezone.localdate().year, 12, 31).isoformat()
    response = _client(world, "secretary").post(f"{url}programme/", {
        "proposal": proposal.pk, "start_date": timezone.localdate().isoformat(), "end_date": year_end,
    })  # fmt: skip
    made = Programme.objects.in_community(world.a).get(name="银龄伙伴")
    assert response["Location"] == f"/socialwork/programmes/{made.pk}/" and made.budget_fen == 600000


def test_a_grid_worker_gets_404_on_the_competition(world, sw):
    client = _client(world, "grid1")
    url = f"/socialwork/competitions/{sw.competition.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(f"{url}publish/").status_code == 404
    assert Competition.objects.in_community(world.a).get(pk=sw.competition.pk).status == "open"


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_competition_page_does_not_grow_with_its_proposals(world, sw):
    client = _client(world, "secretary")
    url = f"/socialwork/competitions/{sw.competition.pk}/"
    small = _queries(client, url)
    for i in range(10):
        contest.proposal_add(actor=world.user("secretary"), competition=sw.competition, title=f"方案{i}",
                             team="小李", summary="概要", target_group="老人")  # fmt: skip
    assert _queries(client, url) == small
    assert small <= 20
    assert _queries(client, "/socialwork/competitions/") <= 15
