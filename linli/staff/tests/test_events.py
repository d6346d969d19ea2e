"""Each roster change leaves an event row on the role (staff/events.py), shown on the staff page; a
password set by the secretary also shows on the account's own security timeline. A refused change
leaves neither a change nor a row."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from linli.core.models import Event
from linli.staff.services import StaffError, staff_add, staff_deactivate, staff_set_password
from linli.tenancy.models import Membership

GOOD = "Linli-2026-secure"


def _kinds(membership) -> list[str]:
    rows = Event.objects.filter(subject_type="membership", subject_id=membership.pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_opening_an_account_is_recorded_with_its_role(world):
    sec = world.user("secretary")
    membership = staff_add(actor=sec, community=world.a, username="a.qian", full_name="钱社工", role="worker",
                           password=GOOD)  # fmt: skip
    row = Event.objects.get(subject_type="membership", subject_id=membership.pk)
    assert (row.kind, row.actor, row.community_id) == ("staff_added", sec, world.a.pk)
    assert (row.data["role"], row.data["person"], row.data["user"]) == ("worker", ["account", membership.user_id],
                                                                       membership.user_id)  # fmt: skip
    from linli.staff.selectors import staff_timeline

    entry = staff_timeline(actor=sec, community_id=world.a.pk)[0]
    assert entry.data["note"] == "钱社工"  # the person's name, read when shown (not the login name)


def test_deactivating_is_recorded_once_and_shows_on_the_staff_page(world):
    sec, membership = world.user("secretary"), world.membership("grid1")
    staff_deactivate(actor=sec, membership=membership)
    staff_deactivate(actor=sec, membership=membership)  # already stopped: nothing new to record
    assert _kinds(membership) == ["staff_deactivated"]
    client = Client()
    client.force_login(sec)
    page = client.get("/staff/").content.decode()
    assert "停用了在本社区的角色" in page and "grid1" in page


def test_a_password_reset_shows_on_the_roster_and_on_the_accounts_security_timeline(world):
    sec, membership = world.user("secretary"), world.membership("grid2")
    staff_set_password(actor=sec, membership=membership, password=GOOD)
    assert _kinds(membership) == ["staff_password_reset"]
    own = Event.objects.get(subject_type="user", subject_id=membership.user_id)
    assert (own.module, own.kind, own.actor) == ("core", "password_reset", sec)


def test_refused_changes_change_nothing_and_record_nothing(world):
    worker, before = world.user("worker"), Event.objects.count()
    password = get_user_model().objects.get(username="grid2").password
    with pytest.raises(StaffError):
        staff_deactivate(actor=worker, membership=world.membership("grid1"))
    with pytest.raises(StaffError):
        staff_set_password(actor=worker, membership=world.membership("grid2"), password=GOOD)
    with pytest.raises(StaffError, match="最后一位书记"):
        staff_deactivate(actor=world.user("secretary"), membership=world.membership("secretary"))
    with pytest.raises(StaffError):
        staff_add(actor=worker, community=world.a, username="x.y", full_name="x", role="worker", password=GOOD)
    assert Membership.objects.get(pk=world.membership("grid1").pk).is_active
    assert Membership.objects.get(pk=world.membership("secretary").pk).is_active
    assert get_user_model().objects.get(username="grid2").password == password
    assert not get_user_model().objects.filter(username="x.y").exists()
    assert Event.objects.count() == before


def test_another_communitys_roster_events_are_not_on_this_page(world):
    staff_deactivate(actor=world.user("secretary"), membership=world.membership("grid1"))
    client = Client()
    client.force_login(world.user("outsider"))
    assert "停用了在本社区的角色" not in client.get("/staff/").content.decode()
