"""A secretary resets passwords only of accounts that are wholly his community's (issue 11)."""

import pytest
from django.contrib.auth import get_user_model

from linli.core.tests.world import PASSWORD
from linli.party.services import ReportInInput, report_in, report_in_confirm
from linli.staff.services import StaffError, staff_set_password
from linli.tenancy.models import Membership

NEW = "Taken-over-2026"


def _reported_in(world, username: str) -> Membership:
    """`username` reports in to community A and A's secretary confirms: a party_member role in A."""
    user = world.user(username)
    row = report_in(actor=user, data=ReportInInput(
        community_code=world.a.code, name="周明", workplace="区教育局", own_org="机关党支部"))  # fmt: skip
    report_in_confirm(actor=world.user("secretary"), row=row)
    return Membership.objects.get(user=user, community=world.a)


def _hash(user) -> str:
    return get_user_model().objects.get(pk=user.pk).password


def test_another_communitys_secretary_who_reported_in_cannot_be_taken_over(client, world):
    membership = _reported_in(world, "outsider")
    before = _hash(world.user("outsider"))
    client.force_login(world.user("secretary"))
    response = client.post(f"/staff/{membership.pk}/password/", {"password": NEW}, follow=True)
    assert "本人或系统管理员" in response.content.decode()
    assert _hash(world.user("outsider")) == before


@pytest.mark.parametrize("flag", ["is_superuser", "is_staff"])
def test_an_administrators_password_is_not_a_secretarys_to_reset(world, flag):
    admin = get_user_model().objects.create_user(username="ops", password=PASSWORD, **{flag: True})
    membership = Membership.objects.create(user=admin, community=world.a, role="worker")
    with pytest.raises(StaffError, match="本人或系统管理员"):
        staff_set_password(actor=world.user("secretary"), membership=membership, password=NEW)
    assert _hash(admin) == admin.password


def test_a_supervisor_with_a_role_here_is_not_reset_either(world):
    supervisor = world.user("supervisor")
    membership = Membership.objects.create(user=supervisor, community=world.a, role="volunteer")
    with pytest.raises(StaffError):
        staff_set_password(actor=world.user("secretary"), membership=membership, password=NEW)
    assert _hash(supervisor) == supervisor.password


def test_an_account_wholly_of_this_community_is_reset(client, world):
    client.force_login(world.user("secretary"))
    client.post(f"/staff/{world.membership('grid2').pk}/password/", {"password": NEW})
    assert world.user("grid2").__class__.objects.get(username="grid2").check_password(NEW)


def test_an_inactive_role_elsewhere_does_not_block_the_reset(world):
    membership = _reported_in(world, "outsider")
    Membership.objects.filter(user=world.user("outsider"), community=world.b).update(is_active=False)
    staff_set_password(actor=world.user("secretary"), membership=membership, password=NEW)
    assert get_user_model().objects.get(username="outsider").check_password(NEW)


def test_the_roster_offers_no_reset_for_an_account_that_is_not_wholly_ours(client, world):
    membership = _reported_in(world, "outsider")
    client.force_login(world.user("secretary"))
    page = client.get("/staff/").content.decode()
    assert f"/staff/{membership.pk}/password/" not in page and "本人或管理员重设" in page
    assert f"/staff/{world.membership('grid2').pk}/password/" in page
