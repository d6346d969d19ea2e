"""The dashboards: a street, its communities and their compounds for a month, compared with the last
month and the year before; places outside the user's region are 404; a future month is refused with
a message; sensitive figures are withheld from supervisors; every table exports to Excel."""

import io
import re

import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from linli.core import figures as f
from linli.core.tests.world import CommunityFactory
from linli.people.models import Resident
from linli.reports import dashboards as d
from linli.reports.tests.handmade import resident


def _client(world, role="supervisor") -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_supervisor_starts_at_his_street_and_drills_down_to_a_compound(world):
    client = _client(world)
    assert client.get("/reports/dashboard/").url == f"/reports/dashboard/regions/{world.a.street_id}/"
    street = _page(client, f"/reports/dashboard/regions/{world.a.street_id}/")
    assert f'href="/reports/dashboard/communities/{world.a.pk}/' in street and "在住居民" in street
    community = _page(client, f"/reports/dashboard/communities/{world.a.pk}/")
    assert f'href="/reports/dashboard/communities/{world.a.pk}/compounds/{world.compound.pk}/' in community
    assert f'href="/reports/dashboard/regions/{world.a.street_id}/' in community  # and back up
    compound = _page(client, f"/reports/dashboard/communities/{world.a.pk}/compounds/{world.compound.pk}/")
    assert world.compound.name in compound and f'href="/reports/dashboard/communities/{world.a.pk}/' in compound


@pytest.mark.parametrize(
    "url",
    [
        "/reports/dashboard/communities/{b}/",
        "/reports/dashboard/regions/{b_street}/",
        "/reports/dashboard/communities/{a}/compounds/{b_compound}/",
        "/reports/dashboard/communities/{b}/compounds/{b_compound}/",
        "/reports/dashboard/community/{b}/export/",
    ],
)
def test_a_place_outside_the_supervisors_region_is_404(world, url):
    from linli.places.models import Compound

    b_compound = Compound.objects.in_community(world.b).first()
    url = url.format(a=world.a.pk, b=world.b.pk, b_street=world.b.street_id, b_compound=b_compound.pk)
    assert _client(world).get(url).status_code == 404


def test_a_resident_sees_no_dashboard(world):
    client = _client(world, "resident")
    assert client.get("/reports/dashboard/").status_code == 404
    assert client.get(f"/reports/dashboard/communities/{world.a.pk}/").status_code == 404


@pytest.mark.parametrize(("month", "message"), [("2999-01", "不能查看未来的月份"), ("13-2026", "月份的格式应为")])
def test_a_future_or_malformed_month_is_refused_with_a_message_and_this_month_shown(world, today, month, message):
    page = _page(_client(world), f"/reports/dashboard/communities/{world.a.pk}/?month={month}")
    assert message in page and f'value="{today:%Y-%m}"' in page


def test_the_comparison_columns_hold_last_month_and_the_same_month_last_year(world, today):
    month = f.month_start(today)
    last = f.shift_month(month, -1)
    resident(world.a, "上月迁出", moved_in=f.shift_month(month, -24), status="moved_out", moved_out=month)
    page = _page(_client(world), f"/reports/dashboard/communities/{world.a.pk}/")
    row = re.search(r'<tr data-figure="residents">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r'<td class="text-end[^"]*">([^<]*)</td>', row)
    living = Resident.objects.in_community(world.a).filter(status="active").count()
    assert cells[0] == str(living) and cells[1] == str(living + 1)  # he lived here last month
    assert f"?month={last:%Y-%m}" in page


def test_sensitive_figures_are_withheld_from_the_supervisor_and_shown_to_the_secretary(world):
    from linli.people.models import ResidentTag

    ResidentTag.objects.create(community=world.a, resident=world.wang, tag=world.sensitive_tag)
    place = d.community_place(actor=world.user("supervisor"), pk=world.a.pk)
    assert not place.sensitive_ok
    page = _page(_client(world), f"/reports/dashboard/communities/{world.a.pk}/")
    row = re.search(r'<tr data-figure="key_groups_sensitive">(.*?)</tr>', page, re.S).group(1)
    assert "社区矫正" not in row and "—" in row
    secretary_page = _page(_client(world, "secretary"), f"/reports/dashboard/communities/{world.a.pk}/")
    row = re.search(r'<tr data-figure="key_groups_sensitive">(.*?)</tr>', secretary_page, re.S).group(1)
    assert "社区矫正" in row and "&lt;5" in row  # one person: suppressed even where granted


def test_a_street_sums_its_communities_and_ranks_them(world):
    second = CommunityFactory(code="gamma", name="第二社区", street=world.a.street)
    for i in range(7):
        resident(second, f"居民{i}")
    place = d.region_place(actor=world.user("supervisor"), pk=world.a.street_id)
    month = f.month_start(d.timezone.localdate())
    vals = d.figure_values(place, month)
    a_alone = vals.whole("residents", month, {world.a.pk})[0]
    assert vals.whole("residents", month, place.community_ids)[0] == a_alone + 7
    page = _page(_client(world), f"/reports/dashboard/regions/{world.a.street_id}/?rank=residents")
    ranking = re.search(r'data-table="ranking">(.*?)</table>', page, re.S).group(1)
    names = re.findall(r'<a href="/reports/dashboard/communities/\d+/[^"]*">([^<]+)</a>', ranking)
    assert names == (["第二社区", world.a.name] if a_alone < 7 else [world.a.name, "第二社区"])


def test_every_table_of_the_page_exports_to_excel(world):
    client = _client(world)
    base = f"/reports/dashboard/community/{world.a.pk}/export/"
    for table in ("figures", "ranking", "trend", "parts-age_pyramid"):
        response = client.get(f"{base}?table={table}")
        assert response.status_code == 200, table
        book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        rows = book.get_sheet_by_index(0).to_python()
        assert len(rows) >= 2, table
    figures = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(client.get(f"{base}?table=figures").streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert figures[0][:3] == ["指标", "单位", "本月"] and any(r[0] == "在住居民" for r in figures)
    assert client.get(f"{base}?table=nothing").status_code == 404


def test_the_big_screen_is_a_page_of_its_own_without_the_menu(world):
    page = _page(_client(world), f"/reports/dashboard/regions/{world.a.street_id}/?screen=wall")
    assert "data-wall" in page and 'id="sidebar"' not in page and 'data-chart="trend"' in page
    assert 'data-refresh-seconds="300"' in page


def test_the_catalogue_page_lists_every_figure_with_its_definition(world):
    from linli.core import modules

    page = _page(_client(world), "/reports/figures/")
    for fig in modules.figure_catalogue().values():
        assert f'id="{fig.key}"' in page


def test_a_community_secretary_sees_his_street_only_while_it_is_his_community_alone(world):
    """The street of the test world has one community, so its secretary's street page shows nothing
    but his own figures (the role walk lets him in); once a second community joins the street, the
    street page would show another community's figures, and it is a 404."""
    from linli.core.tests.world import CommunityFactory

    client = _client(world, "secretary")
    url = f"/reports/dashboard/regions/{world.a.street_id}/"
    assert client.get(url).status_code == 200
    CommunityFactory(code="gamma", name="罗行社区", street=world.a.street)
    assert client.get(url).status_code == 404
    assert _client(world).get(url).status_code == 200  # the street's supervisor sees both
