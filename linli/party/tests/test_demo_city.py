"""The demo's in-service members work in their own community's city (issue 13: 新源's members
reported from Foshan employers); so do the places its volunteers serve in."""

import re

from linli.party.models import ReportIn
from linli.volunteering.models import Duty, Reward, ServiceRecord

FOSHAN = re.compile("南海|佛山|丹灶|星火驿站")
YANGQUAN = re.compile("阳泉|矿区|蔡洼|华阳")


def _texts(code: str) -> list[str]:
    rows = ReportIn.objects.unscoped().filter(community__code=code)
    texts = [t for r in rows for t in (r.workplace, r.own_org)]
    records = ServiceRecord.objects.unscoped().filter(community__code=code).values_list("title", "place")
    texts += [t for pair in records.distinct() for t in pair]
    texts += list(Duty.objects.unscoped().filter(community__code=code).values_list("place", flat=True))
    texts += list(Reward.objects.unscoped().filter(community__code=code).values_list("note", flat=True))
    return texts


def test_each_demo_communitys_members_work_and_serve_in_its_own_city(demo_db):
    xinyuan, xianhu = _texts("xinyuan"), _texts("xianhu")
    assert [t for t in xinyuan if FOSHAN.search(t)] == []
    assert [t for t in xianhu if YANGQUAN.search(t)] == []
    assert sum(bool(YANGQUAN.search(t)) for t in xinyuan) >= 20  # most of its 42 members named
    member = ReportIn.objects.unscoped().get(community__code="xinyuan", user__username="xinyuan.member")
    assert YANGQUAN.search(member.workplace)
