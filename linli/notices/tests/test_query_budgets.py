"""The resident's notices list and the staff's pages take a fixed number of queries, whatever the
resident has and however many the notice reached."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from linli.notices.models import Notice, NoticeRecipient
from linli.notices.services import NoticeInput, fan_out, notice_publish
from linli.people.services import ResidentInput, resident_create

MINE_BUDGET = 8  # session, user, scope parts, the page's rows (+ a count when full), the bell, the menu


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_notices(world, n=30):
    for i in range(n):
        data = NoticeInput(
            title=f"通知{i}", body="正文", audience={"buildings": [world.building1.pk]}, pinned=i % 7 == 0
        )
        notice = notice_publish(actor=world.user("secretary"), community_id=world.a.pk, data=data)
        fan_out(notice.pk)


def _more_residents(world, n=30):
    for i in range(n):
        resident_create(actor=world.user("secretary"), community=world.a,
                        data=ResidentInput(name=f"居民{i}", dwelling_id=world.dwelling1.pk))  # fmt: skip


def test_the_residents_list_takes_the_same_queries_with_one_notice_or_thirty(world, nw):
    client = Client()
    client.force_login(world.user("resident"))
    url = reverse("notices:mine")
    client.get(url)  # warms the session and the scope
    before = _queries(client, url)
    _more_notices(world)
    after = _queries(client, url)
    assert after == before + 1 and after <= MINE_BUDGET  # a full page adds its COUNT, once


def test_the_residents_card_on_his_home_is_two_queries(world, nw, django_assert_max_num_queries):
    from linli.notices.selectors import my_unread

    _more_notices(world, 10)
    with django_assert_max_num_queries(2):
        mine = my_unread(actor=world.user("resident"))
    assert mine["unread"] == 11


def test_a_notices_page_does_not_grow_with_its_recipients(world, nw):
    client = Client()
    client.force_login(world.user("secretary"))
    url = reverse("notices:detail", args=[nw.water.pk])
    client.get(url)
    before = _queries(client, url)
    _more_residents(world)
    Notice.objects.in_community(world.a).filter(pk=nw.water.pk).update(fanned_out_at=None)
    fan_out(nw.water.pk)
    assert NoticeRecipient.objects.in_community(world.a).filter(notice=nw.water).count() == 31
    assert _queries(client, url) <= before + 1


def test_the_staff_list_does_not_grow_with_its_notices(world, nw):
    client = Client()
    client.force_login(world.user("worker"))
    url = reverse("notices:list")
    client.get(url)
    before = _queries(client, url)
    _more_notices(world)
    assert _queries(client, url) <= before + 1
