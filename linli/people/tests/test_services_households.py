"""Households: one current household per person and one head per household, renumbered or moved
with optimistic versions, dissolved only when empty."""

import pytest

from linli.people.errors import PeopleError, StaleEditError
from linli.people.models import HouseholdMember
from linli.people.services import (
    household_add_member,
    household_create,
    household_dissolve,
    household_remove_member,
    household_update,
)


def test_a_second_current_household_is_refused(world):
    other = household_create(actor=world.user("secretary"), community=world.a, number="A002", dwelling_id=None)
    with pytest.raises(PeopleError, match="A001"):
        household_add_member(actor=world.user("secretary"), household=other, resident=world.wang, relation="head")
    assert HouseholdMember.objects.unscoped().filter(resident=world.wang).count() == 1


def test_a_household_is_renumbered_moved_and_dissolved_only_when_empty(world, today):
    household = household_update(actor=world.user("worker"), household=world.household, number="A001-1",
                                 dwelling_id=world.dwelling2.pk, expected_version=1)  # fmt: skip
    assert (household.number, household.dwelling_id, household.version) == ("A001-1", world.dwelling2.pk, 2)
    with pytest.raises(PeopleError, match="1 位成员"):
        household_dissolve(actor=world.user("worker"), household=household)
    household_remove_member(actor=world.user("worker"), member=household.members.get())
    assert household_dissolve(actor=world.user("worker"), household=household).status == "dissolved"


def test_a_household_number_already_taken_is_refused(world):
    household_create(actor=world.user("worker"), community=world.a, number="A002", dwelling_id=None)
    with pytest.raises(PeopleError, match="A002"):
        household_update(
            actor=world.user("worker"), household=world.household, number="A002", dwelling_id=None, expected_version=1
        )


def test_a_stale_household_edit_is_refused(world):
    household_update(
        actor=world.user("worker"), household=world.household, number="A1", dwelling_id=None, expected_version=1
    )
    with pytest.raises(StaleEditError):
        household_update(
            actor=world.user("grid1"), household=world.household, number="A9", dwelling_id=None, expected_version=1
        )


def test_an_unknown_relation_is_refused_saying_what_to_choose(world):
    before = HouseholdMember.objects.unscoped().count()
    with pytest.raises(PeopleError, match="与户主的关系") as exc:
        household_add_member(actor=world.user("secretary"), household=world.household, resident=world.zhang,
                             relation="cousin-in-law")  # fmt: skip
    assert exc.value.field == "relation"
    assert HouseholdMember.objects.unscoped().count() == before
