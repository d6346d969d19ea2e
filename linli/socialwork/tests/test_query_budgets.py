"""The supervisor's list, the social worker's list and the case file do not grow their queries with
their rows (the overdue count is a subquery; the file prefetches its parts)."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from linli.socialwork.models import Case, Goal, SessionNote


def _more_cases(world, sw, n: int) -> None:
    today = timezone.localdate()
    for i in range(n):
        resident = world.wang if i % 2 else world.zhang
        case = Case.objects.create(
            community=world.a, number=f"X{i:05d}", client=resident, source="self", referral_reason="x",
            referred_by=world.user("worker"), status="open", social_worker=sw.worker, intake_date=today,
            consent_how="verbal", risk=("high", "low", "medium")[i % 3],
        )  # fmt: skip
        Goal.objects.create(community=world.a, case=case, text="g", review_date=today - dt.timedelta(days=i % 4))
        SessionNote.objects.create(community=world.a, case=case, session_date=today, kind="phone", content="c",
                                   author=world.user("worker"))  # fmt: skip


def _queries(client, url: str) -> int:
    client.get(url)  # warm the session's scope
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/socialwork/supervision/", "/socialwork/"])
def test_the_lists_do_not_grow_with_their_rows(world, sw, url):
    client = Client()
    client.force_login(world.user("secretary" if "supervision" in url else "worker"))
    small = _queries(client, url)
    _more_cases(world, sw, 40)
    assert _queries(client, url) == small
    assert small <= 20


def test_the_case_file_does_not_grow_with_its_notes(world, sw):
    client = Client()
    client.force_login(world.user("worker"))
    url = f"/socialwork/cases/{sw.case.pk}/"
    small = _queries(client, url)
    for i in range(15):
        SessionNote.objects.create(community=world.a, case=sw.case, session_date=timezone.localdate(), kind="home",
                                   content=f"n{i}", author=world.user("worker"))  # fmt: skip
    assert _queries(client, url) == small


def test_the_supervisors_list_puts_high_risk_first_over_many_cases(world, sw):
    from linli.socialwork.selectors import supervision_list

    _more_cases(world, sw, 12)
    rows = list(supervision_list(actor=world.user("secretary"), community_id=world.a.pk))
    risks = [r.risk for r in rows]
    assert risks == sorted(risks, key=lambda r: {"high": 0, "medium": 1, "low": 2}[r])
