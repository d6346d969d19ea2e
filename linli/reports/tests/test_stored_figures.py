"""The street's overview reads one stored row of counts per community (reports.CommunityFigures):
its queries do not grow with the communities or their residents; a community not yet counted is
counted on the first visit; the periodic job and the supervisor's button count again."""

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from linli.people.models import Resident
from linli.reports import selectors
from linli.reports.models import CommunityFigures
from linli.tenancy.models import Community, Membership


def _active(community) -> int:
    return Resident.objects.in_community(community).filter(status="active").count()


def test_a_community_not_yet_counted_is_counted_on_the_first_visit_and_then_read_back(world):
    assert not CommunityFigures.objects.filter(community=world.a).exists()
    first = selectors.region_overview(actor=world.user("supervisor"))
    assert first[0].counts["residents"] == _active(world.a) > 0 and first[0].computed_at is not None
    stored = CommunityFigures.objects.get(community=world.a)
    stored.counts = {**stored.counts, "residents": 12345}
    stored.save()
    again = selectors.region_overview(actor=world.user("supervisor"))
    assert again[0].counts["residents"] == 12345  # read back, not counted again


def test_the_periodic_job_counts_every_community_again(world):
    selectors.region_overview(actor=world.user("supervisor"))
    CommunityFigures.objects.update(counts={})
    call_command("refresh_report_figures", verbosity=0)
    assert CommunityFigures.objects.count() == Community.objects.count()
    assert CommunityFigures.objects.get(community=world.a).counts["residents"] == _active(world.a)


def test_the_supervisors_button_counts_his_communities_again_and_others_may_not(world):
    client = Client()
    client.force_login(world.user("supervisor"))
    client.get("/reports/")
    CommunityFigures.objects.filter(community=world.a).update(counts={"residents": 1})
    response = client.post("/reports/refresh/", follow=True)
    assert response.status_code == 200 and "已重新统计 1 个社区的数字" in response.content.decode()
    assert CommunityFigures.objects.get(community=world.a).counts["residents"] == _active(world.a)
    assert "统计于" in response.content.decode()
    resident = Client()
    resident.force_login(world.user("resident"))
    CommunityFigures.objects.filter(community=world.a).update(counts={"residents": 1})
    assert resident.post("/reports/refresh/").status_code == 404
    assert CommunityFigures.objects.get(community=world.a).counts["residents"] == 1  # refused: unchanged


def test_the_overview_reads_as_many_queries_for_twenty_communities_as_for_one(world):
    def queries() -> int:
        supervisor = type(world.user("supervisor")).objects.get(pk=world.user("supervisor").pk)  # a new request's user
        selectors.region_overview(actor=supervisor)  # counts any community not yet counted
        with CaptureQueriesContext(connection) as captured:
            selectors.region_overview(actor=supervisor)
        return len(captured)

    one = queries()
    membership = Membership.objects.get(user=world.user("supervisor"), role="supervisor")
    for i in range(19):
        Community.objects.create(code=f"more{i}", name=f"另一社区{i}", street=membership.region)
    fresh = type(world.user("supervisor")).objects.get(pk=world.user("supervisor").pk)
    assert len(selectors.region_overview(actor=fresh)) == 20
    assert queries() == one
