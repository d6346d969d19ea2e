import pytest

from linli.places.models import Dwelling, Unit
from linli.places.services import PlacesError, dwelling_add


def test_a_dwelling_is_added_with_its_unit_made_when_new(world):
    dwelling = dwelling_add(actor=world.user("worker"), building=world.building2, unit_name="2单元", room=" 1201 ")
    assert (dwelling.room, dwelling.unit.name, dwelling.community_id) == ("1201", "2单元", world.a.pk)
    assert Unit.objects.unscoped().filter(building=world.building2).count() == 1


@pytest.mark.parametrize(
    ("room", "unit", "match"), [("", "", "房号"), ("301", "1单元", "已存在"), ("502", "", "已存在")]
)
def test_empty_or_duplicate_rooms_are_refused(world, room, unit, match):
    before = Dwelling.objects.unscoped().count()
    building = world.building1 if unit else world.building2
    with pytest.raises(PlacesError, match=match):
        dwelling_add(actor=world.user("worker"), building=building, unit_name=unit, room=room)
    assert Dwelling.objects.unscoped().count() == before


def test_grid_workers_cannot_add_dwellings(world):
    with pytest.raises(PlacesError):
        dwelling_add(actor=world.user("grid1"), building=world.building1, room="999")
