"""The buttons on a resident's record: reveal with a reason (logged), move out and back in, tags,
talents, erasure — each refused without a change where the role may not."""

import pytest
from django.urls import reverse

from linli.core.models import AccessLog
from linli.people.models import Resident, ResidentTag, Talent
from linli.people.services import talent_add


def test_reveal_shows_the_value_only_with_a_reason_and_logs_it(client, world):
    client.force_login(world.user("worker"))
    url = reverse("people:resident_reveal", args=[world.wang.pk])
    refused = client.post(url, {"field": "id_number", "reason": ""}).content.decode()
    assert "11010519491231002X" not in refused and not AccessLog.objects.exists()
    shown = client.post(url, {"field": "id_number", "reason": "办理高龄津贴"}).content.decode()
    assert "11010519491231002X" in shown
    assert AccessLog.objects.get().reason == "办理高龄津贴"


def test_move_out_through_the_page(client, world, today):
    client.force_login(world.user("grid1"))
    client.post(reverse("people:resident_move_out", args=[world.wang.pk]), {"date": today.isoformat(), "place": "广州"})
    assert Resident.objects.unscoped().get(pk=world.wang.pk).status == "moved_out"


def test_a_building_head_cannot_move_a_resident_out_and_nothing_changes(client, world, today):
    client.force_login(world.user("building"))
    response = client.post(reverse("people:resident_move_out", args=[world.wang.pk]), {"date": today.isoformat()})
    assert response.status_code in (403, 404)
    assert Resident.objects.unscoped().get(pk=world.wang.pk).status == "active"


def test_a_talent_of_another_resident_is_a_404_and_stays(client, world):
    talent = talent_add(actor=world.user("worker"), resident=world.wang, skill="书法")
    other = Resident.objects.unscoped().filter(community=world.a).exclude(pk=world.wang.pk).first()
    client.force_login(world.user("worker"))
    url = reverse("people:resident_talent_remove", args=[other.pk, talent.pk])
    assert client.post(url).status_code == 404
    assert Talent.objects.unscoped().filter(pk=talent.pk).exists()


@pytest.mark.parametrize("value", ["99999999999999999999", "x"])
def test_a_hostile_talent_id_is_a_404(client, world, value):
    client.force_login(world.user("worker"))
    url = f"/people/residents/{world.wang.pk}/talents/{value}/remove/"
    assert client.post(url).status_code == 404


def test_tags_are_set_from_the_record(client, world):
    client.force_login(world.user("worker"))
    client.post(reverse("people:resident_tags", args=[world.wang.pk]), {"tags": [world.plain_tag.pk]})
    assert list(ResidentTag.objects.unscoped().filter(resident=world.wang).values_list("tag_id", flat=True)) == [
        world.plain_tag.pk
    ]
