"""Linking a resident account to its registry record from the console (issue 11)."""

import pytest

from linli.core.models import AccessLog
from linli.core.tests.world import UserFactory
from linli.people.account_link import AccountLinkError, resident_account_link, resident_account_unlink
from linli.people.models import Resident
from linli.tenancy.models import Membership

GOOD = "Linli-2026-secure"


@pytest.fixture
def account(world):
    """A resident account of community A opened on /staff/, not yet linked."""
    user = UserFactory(username="a.zhangsan")
    Membership.objects.create(user=user, community=world.a, role="resident")
    return user


def _linked(resident):
    return Resident.objects.unscoped().get(pk=resident.pk).user_id


def test_the_secretary_links_an_account_and_its_own_page_shows_the_record(client, world, account):
    client.force_login(world.user("secretary"))
    client.post(f"/people/residents/{world.zhang.pk}/account/link/", {"user": account.pk})
    assert _linked(world.zhang) == account.pk
    assert AccessLog.objects.get(fields="account_link").subject_id == world.zhang.pk
    client.force_login(account)
    page = client.get("/me/").content.decode()
    assert "张三" in page and "还没有关联" not in page


def test_the_resident_page_offers_the_account_to_the_secretary_only(client, world, account):
    client.force_login(world.user("secretary"))
    assert "a.zhangsan" in client.get(f"/people/residents/{world.zhang.pk}/").content.decode()
    client.force_login(world.user("worker"))
    assert "a.zhangsan" not in client.get(f"/people/residents/{world.zhang.pk}/").content.decode()


@pytest.mark.parametrize("role", ["worker", "grid2", "outsider"])
def test_others_cannot_link(client, world, account, role):
    client.force_login(world.user(role))
    response = client.post(f"/people/residents/{world.zhang.pk}/account/link/", {"user": account.pk})
    assert response.status_code in (302, 403, 404) and _linked(world.zhang) is None


def test_only_a_resident_account_of_this_community_is_linked(world, account):
    staff_account, elsewhere = world.user("worker"), UserFactory(username="b.li")
    Membership.objects.create(user=elsewhere, community=world.b, role="resident")
    for user in (staff_account, elsewhere):
        with pytest.raises(AccountLinkError):
            resident_account_link(actor=world.user("secretary"), resident=world.zhang, user_id=user.pk)
    assert _linked(world.zhang) is None


def test_a_linked_account_or_record_is_not_linked_twice(world, account):
    with pytest.raises(AccountLinkError, match="已关联"):  # 王芳 is linked to the resident account
        resident_account_link(actor=world.user("secretary"), resident=world.wang, user_id=account.pk)
    with pytest.raises(AccountLinkError, match="已关联"):
        resident_account_link(actor=world.user("secretary"), resident=world.zhang, user_id=world.user("resident").pk)
    assert _linked(world.zhang) is None and _linked(world.wang) == world.user("resident").pk


def test_unlinking_is_logged_and_the_account_sees_nothing(client, world):
    resident_account_unlink(actor=world.user("secretary"), resident=world.wang)
    assert _linked(world.wang) is None and AccessLog.objects.filter(fields="account_unlink").count() == 1
    client.force_login(world.user("resident"))
    assert "还没有关联" in client.get("/me/").content.decode()


def test_an_account_opened_from_the_record_is_linked(client, world):
    client.force_login(world.user("secretary"))
    form = client.get(f"/staff/?resident={world.zhang.pk}").content.decode()
    assert 'value="张三"' in form and f'value="{world.zhang.pk}"' in form
    client.post("/staff/", {"full_name": "张三", "username": "a.zs", "role": "resident", "password": GOOD,
                            "resident": world.zhang.pk})  # fmt: skip
    assert Resident.objects.unscoped().get(pk=world.zhang.pk).user.username == "a.zs"


def test_an_account_opened_for_another_communitys_record_is_not_opened(client, world):
    client.force_login(world.user("secretary"))
    client.post("/staff/", {"full_name": "李", "username": "a.li", "role": "resident", "password": GOOD,
                            "resident": world.outsider_resident.pk})  # fmt: skip
    assert not Membership.objects.filter(user__username="a.li").exists()
    assert Resident.objects.unscoped().get(pk=world.outsider_resident.pk).user_id is None


def test_the_history_names_the_linked_account_not_its_row_number(world, account):
    from linli.people.history import history_entries

    resident_account_link(actor=world.user("secretary"), resident=world.zhang, user_id=account.pk)
    resident_account_unlink(actor=world.user("secretary"), resident=world.zhang)
    changes = [c for e in history_entries(Resident.objects.unscoped().get(pk=world.zhang.pk)) for c in e["changes"]]
    linked = [(c["old"], c["new"]) for c in changes if c["field"] == "关联账号"]
    assert linked == [("a.zhangsan", "（无）"), ("（无）", "a.zhangsan")]


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "1e3"])
def test_hostile_account_ids_are_not_a_500(world, account, value):
    """The link's `user` and the staff form's `resident` are read by id_param: a superscript digit or a
    number past bigint is refused, never a ValueError / OverflowError / DataError."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world.user("secretary"))
    assert client.get("/staff/", {"resident": value}).status_code == 404
    linked = client.post(f"/people/residents/{world.zhang.pk}/account/link/", {"user": value})
    assert linked.status_code == 302 and _linked(world.zhang) is None
    opened = client.post("/staff/", {"full_name": "张三", "username": "a.zs2", "role": "resident", "password": GOOD,
                                     "resident": value})  # fmt: skip
    assert opened.status_code == 200
    assert not Membership.objects.filter(user__username="a.zs2").exists() and _linked(world.zhang) is None
