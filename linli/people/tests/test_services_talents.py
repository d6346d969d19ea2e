"""Talents (居民人才库): added by the registry's editors only, removed by them."""

import pytest

from linli.people.errors import PeopleError
from linli.people.models import Talent
from linli.people.services import talent_add, talent_remove


def test_talents_are_added_by_editors_only(world):
    talent = talent_add(actor=world.user("grid1"), resident=world.wang, skill=" 书法 ", note="可教老人")
    assert (talent.skill, talent.community_id) == ("书法", world.a.pk)
    with pytest.raises(PeopleError, match="特长"):
        talent_add(actor=world.user("grid1"), resident=world.wang, skill="  ")
    with pytest.raises(PeopleError):
        talent_add(actor=world.user("building"), resident=world.wang, skill="书法")


def test_a_talent_is_removed_by_an_editor_and_kept_from_others(world):
    talent = talent_add(actor=world.user("grid1"), resident=world.wang, skill="书法")
    with pytest.raises(PeopleError):
        talent_remove(actor=world.user("building"), talent=talent)
    assert Talent.objects.unscoped().filter(pk=talent.pk).exists()
    talent_remove(actor=world.user("worker"), talent=talent)
    assert not Talent.objects.unscoped().filter(pk=talent.pk).exists()
