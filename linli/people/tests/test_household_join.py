"""Adding a member preselects a relation that can be saved (户主 only when the household has none),
and a resident in no household can join one from their page, or start one at their dwelling."""

import datetime as dt

import pytest
from django.urls import reverse

from linli.people.models import Household, HouseholdMember, Resident
from linli.people.relations import suggest_relation
from linli.people.services import ResidentInput, household_create, resident_create


def _person(name, born, gender):
    return Resident(name=name, birth_date=dt.date(*born) if born else None, gender=gender)


def _members(*pairs):
    return [HouseholdMember(resident=resident, relation=relation) for resident, relation in pairs]


HEAD = _person("王芳", (1975, 5, 1), "F")


@pytest.mark.parametrize(
    ("candidate", "current", "expected"),
    [
        (_person("新人", (1980, 1, 1), "M"), [], "head"),  # nobody is head yet
        (_person("丈夫", (1973, 1, 1), "M"), _members((HEAD, "head")), "spouse"),
        (_person("第二位", (1973, 1, 1), "M"), _members((HEAD, "head"), (HEAD, "spouse")), "other"),
        (_person("儿子", (2002, 3, 1), "M"), _members((HEAD, "head")), "son"),
        (_person("女儿", (2005, 3, 1), "F"), _members((HEAD, "head")), "daughter"),
        (_person("孙子", (2020, 3, 1), "M"), _members((HEAD, "head")), "grandchild"),
        (_person("母亲", (1950, 3, 1), "F"), _members((HEAD, "head")), "mother"),
        (_person("父亲", (1948, 3, 1), "M"), _members((HEAD, "head")), "father"),
        (_person("爷爷", (1930, 3, 1), "M"), _members((HEAD, "head")), "grandparent"),
        (_person("不详", None, ""), _members((HEAD, "head")), "other"),
    ],
)
def test_the_relation_preselected_is_never_a_second_head(candidate, current, expected):
    assert suggest_relation(candidate, current) == expected


def _new_resident(world, name, **extra):
    data = ResidentInput(name=name, dwelling_id=world.dwelling1.pk, **extra)
    return resident_create(actor=world.user("secretary"), community=world.a, data=data)


def test_the_first_try_to_add_a_member_succeeds_with_the_preselected_relation(client, world):
    son = _new_resident(world, "王小明", gender="M", birth_date=dt.date(2010, 6, 1))
    HouseholdMember.objects.unscoped().filter(resident=world.wang).update(relation="head")
    Resident.objects.unscoped().filter(pk=world.wang.pk).update(birth_date=dt.date(1980, 1, 1), gender="F")
    client.force_login(world.user("worker"))
    url = reverse("people:household_detail", args=[world.household.pk])
    page = client.post(url, {"q": "王小明"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<option value="son" selected>' in page
    assert '<option value="head" selected>' not in page
    response = client.post(
        reverse("people:household_add_member", args=[world.household.pk]), {"resident": son.pk, "relation": "son"}
    )
    assert response.status_code == 302
    assert HouseholdMember.objects.unscoped().get(resident=son, left_date__isnull=True).relation == "son"


def test_a_household_without_head_preselects_head(client, world):
    empty = household_create(actor=world.user("secretary"), community=world.a, number="E1", dwelling_id=None)
    _new_resident(world, "李四")
    client.force_login(world.user("worker"))
    url = reverse("people:household_detail", args=[empty.pk])
    assert '<option value="head" selected>' in client.post(url, {"q": "李四"}, HTTP_HX_REQUEST="true").content.decode()


def test_a_new_residents_page_offers_the_households_of_their_dwelling_and_a_new_one(client, world):
    newcomer = _new_resident(world, "赵新")
    client.force_login(world.user("grid1"))
    page = client.get(reverse("people:resident_detail", args=[newcomer.pk])).content.decode()
    assert "未加入任何户" in page
    assert "加入已有户" in page and f"?resident={newcomer.pk}" in page  # join one, or start one
    assert reverse("people:household_add_member", args=[world.household.pk]) in page  # A001 lives in 301 too
    # A member of a household is offered neither.
    page = client.get(reverse("people:resident_detail", args=[world.wang.pk])).content.decode()
    assert "加入已有户" not in page


def test_a_resident_joins_a_household_found_from_their_page_and_stays_there(client, world):
    other = household_create(actor=world.user("secretary"), community=world.a, number="B7", dwelling_id=None)
    newcomer = _new_resident(world, "赵新")
    client.force_login(world.user("worker"))
    pick = reverse("people:resident_household_pick", args=[newcomer.pk])
    found = client.post(pick, {"q": "B7"}, HTTP_HX_REQUEST="true").content.decode()
    assert reverse("people:household_add_member", args=[other.pk]) in found
    assert '<option value="head" selected>' in found  # B7 has no head yet
    response = client.post(
        reverse("people:household_add_member", args=[other.pk]),
        {"resident": newcomer.pk, "relation": "head", "back": "resident"},
    )
    assert response.url == reverse("people:resident_detail", args=[newcomer.pk])
    assert HouseholdMember.objects.unscoped().get(resident=newcomer, left_date__isnull=True).household == other


def test_the_picker_is_refused_to_those_who_may_not_edit_the_resident(client, world):
    newcomer = _new_resident(world, "赵新")
    client.force_login(world.user("grid2"))  # 301 is in grid 1
    assert client.post(reverse("people:resident_household_pick", args=[newcomer.pk]), {"q": "A001"}).status_code == 404


def test_starting_a_household_from_the_residents_page_makes_them_its_head(client, world):
    newcomer = _new_resident(world, "赵新")
    client.force_login(world.user("worker"))
    url = reverse("people:household_create") + f"?resident={newcomer.pk}"
    form = client.get(url).content.decode()
    assert "赵新" in form and f'value="{world.dwelling1.pk}" selected' in form  # their dwelling preselected
    response = client.post(url, {"number": "N100", "dwelling": world.dwelling1.pk, "resident": newcomer.pk})
    household = Household.objects.unscoped().get(number="N100")
    assert response.url == reverse("people:household_detail", args=[household.pk])
    assert HouseholdMember.objects.unscoped().get(household=household).relation == "head"


def test_a_resident_already_in_a_household_cannot_start_another_and_nothing_is_created(client, world):
    client.force_login(world.user("worker"))
    url = reverse("people:household_create") + f"?resident={world.wang.pk}"
    page = client.post(url, {"number": "N200", "dwelling": world.dwelling1.pk}).content.decode()
    assert "A001" in page  # 已是户号 A001 的成员
    assert not Household.objects.unscoped().filter(number="N200").exists()


def test_resident_in_another_household_is_refused_by_the_service_and_nothing_is_created(world):
    from linli.core.errors import DomainError

    with pytest.raises(DomainError):
        household_create(
            actor=world.user("secretary"), community=world.a, number="N300", dwelling_id=None, head=world.wang
        )
    assert not Household.objects.unscoped().filter(number="N300").exists()


def test_starting_a_household_for_a_resident_one_may_not_edit_is_refused_and_nothing_is_created(client, world):
    newcomer = _new_resident(world, "赵新")  # 301 is in grid 1
    client.force_login(world.user("grid2"))
    url = reverse("people:household_create") + f"?resident={newcomer.pk}"
    assert client.post(url, {"number": "N400", "resident": newcomer.pk}).status_code == 404
    assert not Household.objects.unscoped().filter(number="N400").exists()


def test_a_candidate_already_in_another_household_is_marked_and_cannot_be_added_by_mistake(client, world):
    other = household_create(actor=world.user("secretary"), community=world.a, number="B8", dwelling_id=None)
    client.force_login(world.user("worker"))
    page = client.post(
        reverse("people:household_detail", args=[other.pk]), {"q": "王芳"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "已是户号 A001 的成员" in page
    assert "disabled>" in page
