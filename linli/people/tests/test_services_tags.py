"""Tags of key groups: made by those who manage them, names unique in the community; setting a
resident's tags leaves alone the sensitive ones the actor cannot see."""

import pytest

from linli.people.errors import PeopleError
from linli.people.models import ResidentTag, Tag
from linli.people.services import resident_set_tags, tag_create


def _tag_ids(resident) -> set[int]:
    return set(ResidentTag.objects.unscoped().filter(resident=resident).values_list("tag_id", flat=True))


def test_the_secretary_makes_a_tag_and_a_worker_may_not(world):
    tag = tag_create(actor=world.user("secretary"), community=world.a, name=" 高龄 ")
    assert (tag.name, tag.community_id) == ("高龄", world.a.pk)
    with pytest.raises(PeopleError):
        tag_create(actor=world.user("worker"), community=world.a, name="残疾")
    assert not Tag.objects.unscoped().filter(name="残疾").exists()


def test_a_tag_name_taken_in_the_community_is_refused(world):
    with pytest.raises(PeopleError, match="独居老人"):
        tag_create(actor=world.user("secretary"), community=world.a, name="独居老人")
    assert Tag.objects.unscoped().filter(community=world.a, name="独居老人").count() == 1


def test_setting_tags_keeps_the_sensitive_ones_the_actor_cannot_see(world):
    resident_set_tags(
        actor=world.user("secretary"), resident=world.wang, tag_ids=[world.sensitive_tag.pk, world.plain_tag.pk]
    )
    resident_set_tags(actor=world.user("worker"), resident=world.wang, tag_ids=[])
    assert _tag_ids(world.wang) == {world.sensitive_tag.pk}


def test_a_tag_the_actor_cannot_see_is_refused_and_nothing_changes(world):
    before = _tag_ids(world.wang)
    with pytest.raises(PeopleError):
        resident_set_tags(actor=world.user("worker"), resident=world.wang, tag_ids=[world.sensitive_tag.pk])
    assert _tag_ids(world.wang) == before
