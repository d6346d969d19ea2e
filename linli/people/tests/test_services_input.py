"""What a form, the API or an import gives for a resident, set on the record by `apply_input`:
checked, normalised, numbers encrypted, gender and birth date derived — and nothing saved."""

import datetime as dt

import pytest

from linli.people.errors import PeopleError
from linli.people.models import Resident
from linli.people.services import UNCHANGED, ResidentInput, apply_input


def test_input_is_set_on_the_record_but_not_saved(world):
    resident = Resident(community=world.a)
    apply_input(resident, ResidentInput(name=" 赵六 ", id_number="11010519491231002X", phone="13800138000"))
    assert (resident.name, resident.gender, resident.birth_date) == ("赵六", "F", dt.date(1949, 12, 31))
    assert resident.phone_last4 == "8000" and "13800138000" not in resident.phone_enc
    assert resident.pk is None and not Resident.objects.unscoped().filter(name="赵六").exists()


def test_unchanged_numbers_keep_what_is_stored(world):
    wang = Resident.objects.unscoped().get(pk=world.wang.pk)
    stored = (wang.id_number_enc, wang.phone_enc)
    apply_input(wang, ResidentInput(name="王芳", id_number=UNCHANGED, phone=UNCHANGED))
    assert (wang.id_number_enc, wang.phone_enc) == stored


@pytest.mark.parametrize(
    ("given", "field"), [({"name": "x" * 51}, "name"), ({"hukou_area_code": "12345"}, "hukou_area_code")]
)
def test_bad_input_names_its_field(world, given, field):
    with pytest.raises(PeopleError) as caught:
        apply_input(Resident(community=world.a), ResidentInput(**{"name": "李四", **given}))
    assert caught.value.field == field
