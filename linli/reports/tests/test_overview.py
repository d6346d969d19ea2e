"""The street's overview is the registered modules' counts, one column each in their order, with
cards for those that ask for one; counts only, for the communities the supervisor oversees."""

import re

from django.test import Client

from linli.core import modules
from linli.people.models import Household, Resident
from linli.places.models import Compound
from linli.reports import selectors


def test_the_overview_has_every_modules_figures_in_order():
    keys = [f.key for f in modules.report_figures()]
    assert keys == [
        "compounds",
        "residents",
        "households",
        "elderly_60",
        "care_visits",
        "care_open",
        "convenience_orders",
        "lending_loans",
        "venue_hours",
    ]


def test_the_supervisor_sees_the_counts_of_the_communities_below_him(world):
    rows = selectors.region_overview(actor=world.user("supervisor"))
    assert [r.community for r in rows] == [world.a]  # 新源 is under another street
    counts = rows[0].counts
    assert counts["residents"] == Resident.objects.in_community(world.a).filter(status="active").count() > 0
    assert counts["households"] == Household.objects.in_community(world.a).filter(status="active").count()
    assert counts["compounds"] == Compound.objects.in_community(world.a).count()


def test_the_page_shows_one_column_per_figure_and_no_person(world):
    client = Client()
    client.force_login(world.user("supervisor"))
    page = client.get("/reports/").content.decode()
    headers = re.findall(r'<th class="text-end text-nowrap">([^<]+)</th>', page)
    assert headers == [
        "小区",
        "在住居民",
        "户数",
        "60岁以上",
        "本月走访",
        "待处理关爱提醒",
        "本月便民服务",
        "今年借阅",
        "本月场地预约小时",
    ]
    assert "在册户数" in page and "王芳" not in page
