import datetime as dt

from linli.people.models import Resident
from linli.people.selectors import home_figures, is_newcomer, newcomer_q
from linli.people.services import ResidentInput, resident_create


def _resident(world, name, area, moved_in):
    return resident_create(actor=world.user("secretary"), community=world.a, data=ResidentInput(
        name=name, hukou_area_code=area, moved_in_date=moved_in, dwelling_id=world.dwelling1.pk))  # fmt: skip


def test_newcomers_are_registered_elsewhere_and_arrived_within_the_communitys_years(world, today):
    recent, long_ago = today - dt.timedelta(days=400), today - dt.timedelta(days=365 * 7)
    arrived = _resident(world, "新来的", "450802", recent)
    local = _resident(world, "本地人", "440605", recent)  # Foshan: the community's home area 4406
    settled = _resident(world, "老住户", "450802", long_ago)
    found = set(
        Resident.objects.in_community(world.a).filter(newcomer_q(world.a, today)).values_list("name", flat=True)
    )
    assert found == {"新来的"}
    assert [is_newcomer(r, world.a, today) for r in (arrived, local, settled)] == [True, False, False]


def test_the_home_page_counts_newcomers(client, world, today):
    _resident(world, "新来的", "450802", today - dt.timedelta(days=30))
    assert home_figures(actor=world.user("secretary"), community=world.a)["newcomers"] == 1
    client.force_login(world.user("secretary"))
    assert "新市民" in client.get("/").content.decode()


def test_home_counts_current_households_and_joins_memberships_on_the_tenant_key(world):
    """The households figure counts households with a current member, and the join to memberships
    carries community_id (issue 14: without it PostgreSQL reads the whole city's memberships)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        figures = home_figures(actor=world.user("secretary"), community=world.a)
    assert figures["households"] == 1
    (sql,) = [q["sql"] for q in queries.captured_queries]
    join = sql.split("JOIN", 1)[1].split("WHERE", 1)[0]
    assert "people_householdmember" in join and "community_id" in join


def test_a_newcomers_page_shows_the_badge_the_list_filter_knows_them_by(client, world, today):
    arrived = _resident(world, "新来的", "450802", today - dt.timedelta(days=30))
    local = _resident(world, "本地人", "440605", today - dt.timedelta(days=30))
    client.force_login(world.user("worker"))
    listed = client.get("/people/residents/", {"newcomer": "on"}).content.decode()
    assert "新来的" in listed and "本地人" not in listed

    def badge(resident, role="worker"):
        client.force_login(world.user(role))
        page = client.get(f"/people/residents/{resident.pk}/").content.decode()
        return 'badge text-bg-info" title="户籍不在本地、迁入未满规定年限">新市民' in page

    assert badge(arrived) and not badge(local)
    assert not badge(arrived, role="building")  # names and rooms only: not where one is registered
