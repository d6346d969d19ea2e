"""The household pages: forms pick a building first, members are searched by POST and added,
a member of another household is a 404 and stays."""

from django.urls import reverse

from linli.people.models import HouseholdMember


def test_household_forms_pick_a_building_first_instead_of_listing_every_dwelling(client, world):
    client.force_login(world.user("worker"))
    page = client.get(reverse("people:household_edit", args=[world.household.pk])).content.decode()
    assert 'id="building-pick"' in page
    assert page.count('<option value="') < 10  # two buildings, the current dwelling, the blanks
    assert "301" in page  # the household's current dwelling stays selected


def test_the_member_search_finds_active_residents_of_the_community(client, world):
    client.force_login(world.user("worker"))
    url = reverse("people:household_detail", args=[world.household.pk])
    page = client.post(url, {"q": "王芳"}, HTTP_HX_REQUEST="true").content.decode()
    assert "王芳" in page and "张三" not in page


def test_removing_a_member_of_another_household_is_a_404_and_nothing_changes(client, world):
    member = HouseholdMember.objects.unscoped().get(household=world.household)
    client.force_login(world.user("outsider"))
    url = reverse("people:household_remove_member", args=[world.household.pk, member.pk])
    assert client.post(url).status_code == 404
    assert HouseholdMember.objects.unscoped().get(pk=member.pk).left_date is None
