import datetime as dt

import pytest

from linli.core import crypto
from linli.core.identity import check_char
from linli.core.models import AccessLog
from linli.people import errors
from linli.people.errors import PeopleError, StaleEditError
from linli.people.models import HouseholdMember, Move, Resident
from linli.people.services import (
    UNCHANGED,
    ResidentInput,
    resident_create,
    resident_move_out,
    resident_reveal,
    resident_update,
)


def _count(world):
    return Resident.objects.unscoped().count()


def test_create_derives_birth_date_and_gender_and_encrypts(world):
    first17 = "44060519800302002"
    r = resident_create(
        actor=world.user("worker"),
        community=world.a,
        data=ResidentInput(
            name="赵敏",
            id_number=first17 + check_char(first17),
            phone="+86 139-0000-2222",
            dwelling_id=world.dwelling1.pk,
        ),
    )
    assert (r.birth_date, r.gender, r.phone_last4, r.hukou_area_code) == (dt.date(1980, 3, 2), "F", "2222", "440605")
    assert "139" not in r.phone_enc and r.id_number_enc.startswith("t1:")
    assert (r.name_pinyin, r.name_abbr, r.name_shengmu) == ("zhaomin", "zm", "zhm")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id_number": "110105194912310021"}, "id_number"),
        ({"id_number": "110105194902300029"}, "id_number"),
        ({"phone": "1234"}, "phone"),
        ({"name": "   "}, "name"),
        ({"id_number": "11010519491231002X", "gender": "M"}, "gender"),
        ({"hukou_area_code": "44a605"}, "hukou_area_code"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(world, changes, field):
    before = _count(world)
    data = ResidentInput(**{"name": "李四", "dwelling_id": world.dwelling1.pk, "id_number": "", **changes})
    with pytest.raises(PeopleError) as caught:
        resident_create(actor=world.user("secretary"), community=world.a, data=data)
    assert caught.value.field == field
    assert _count(world) == before and Move.objects.unscoped().count() == 3


def test_the_same_id_number_twice_in_a_community_is_refused(world):
    with pytest.raises(PeopleError, match="身份证号相同"):
        resident_create(
            actor=world.user("secretary"),
            community=world.a,
            data=ResidentInput(name="王芳", id_number=" 11010519491231002x", dwelling_id=world.dwelling1.pk),
        )


def test_a_dwelling_of_another_community_is_refused(world):
    with pytest.raises(PeopleError) as caught:
        resident_create(
            actor=world.user("secretary"),
            community=world.a,
            data=ResidentInput(name="李四", dwelling_id=world.dwelling_b.pk),
        )
    assert caught.value.message == errors.DWELLING_OTHER_COMMUNITY


def test_grid_worker_can_register_only_into_own_grid(world):
    resident_create(
        actor=world.user("grid1"), community=world.a, data=ResidentInput(name="李四", dwelling_id=world.dwelling1.pk)
    )
    with pytest.raises(PeopleError, match="网格"):
        resident_create(
            actor=world.user("grid1"),
            community=world.a,
            data=ResidentInput(name="李五", dwelling_id=world.dwelling2.pk),
        )


@pytest.mark.parametrize("role", ["building", "property", "hoa", "resident", "supervisor", "outsider"])
def test_roles_without_edit_permission_cannot_create(world, role):
    before = _count(world)
    with pytest.raises(PeopleError):
        resident_create(
            actor=world.user(role), community=world.a, data=ResidentInput(name="李四", dwelling_id=world.dwelling1.pk)
        )
    assert _count(world) == before


def test_names_with_markup_are_stored_as_typed(world):
    r = resident_create(
        actor=world.user("secretary"),
        community=world.a,
        data=ResidentInput(name="<script>alert(1)</script>", dwelling_id=world.dwelling1.pk),
    )
    assert Resident.objects.unscoped().get(pk=r.pk).name == "<script>alert(1)</script>"


def _edit(world, resident, **changes):
    data = ResidentInput(name=resident.name, dwelling_id=resident.dwelling_id, id_number=UNCHANGED, phone=UNCHANGED)
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_a_stale_edit_is_refused_and_keeps_the_other_change(world):
    wang = world.wang
    resident_update(
        actor=world.user("worker"), resident=wang, data=_edit(world, wang, notes="first"), expected_version=1
    )
    with pytest.raises(StaleEditError):
        resident_update(
            actor=world.user("grid1"), resident=wang, data=_edit(world, wang, notes="second"), expected_version=1
        )
    assert Resident.objects.unscoped().get(pk=wang.pk).notes == "first"


def test_update_keeps_pii_unless_given_and_records_history(world):
    wang = world.wang
    updated = resident_update(
        actor=world.user("worker"), resident=wang, data=_edit(world, wang, name="王芳芳"), expected_version=1
    )
    assert updated.id_number_bidx == crypto.blind_index("11010519491231002X", purpose="id_number")
    assert updated.version == 2 and wang.history.count() == 3  # created, linked to an account, edited
    assert wang.history.first().history_user == world.user("worker")


def test_move_out_archives_and_leaves_the_household(world, today):
    resident_move_out(actor=world.user("worker"), resident=world.wang, date=today, place="广州", reason="工作调动")
    wang = Resident.objects.unscoped().get(pk=world.wang.pk)
    assert wang.status == Resident.Status.MOVED_OUT and wang.moved_out_date == today
    assert HouseholdMember.objects.unscoped().get(resident=wang).left_date == today
    with pytest.raises(PeopleError, match="已迁出"):
        resident_move_out(actor=world.user("worker"), resident=wang, date=today)


def test_move_out_in_the_future_is_refused(world, today):
    with pytest.raises(PeopleError, match="晚于今天"):
        resident_move_out(actor=world.user("worker"), resident=world.wang, date=today + dt.timedelta(days=1))
    assert Resident.objects.unscoped().get(pk=world.wang.pk).status == "active"


def test_reveal_needs_a_reason_and_logs_who_whom_which_why(world):
    secretary = world.user("secretary")
    with pytest.raises(PeopleError, match="原因"):
        resident_reveal(actor=secretary, resident=world.wang, field="phone", reason="  ")
    assert resident_reveal(actor=secretary, resident=world.wang, field="phone", reason="核对联系方式") == "13812345678"
    log = AccessLog.objects.get()
    assert (log.actor, log.subject_id, log.fields, log.reason) == (secretary, world.wang.pk, "phone", "核对联系方式")
    assert "13812345678" not in str(vars(log))


def test_building_head_cannot_reveal(world):
    with pytest.raises(PeopleError):
        resident_reveal(actor=world.user("building"), resident=world.wang, field="id_number", reason="想看看")
    assert not AccessLog.objects.exists()


def test_an_edit_that_leaves_the_id_number_keeps_what_it_derives(world):
    wang = world.wang
    updated = resident_update(
        actor=world.user("worker"), resident=wang, data=_edit(world, wang, notes="x"), expected_version=1
    )
    assert (updated.birth_date, updated.gender, updated.hukou_area_code) == (dt.date(1949, 12, 31), "F", "110105")


def test_an_edit_cannot_contradict_the_stored_id_number(world):
    with pytest.raises(PeopleError) as caught:
        resident_update(
            actor=world.user("worker"),
            resident=world.wang,
            data=_edit(world, world.wang, gender="M"),
            expected_version=1,
        )
    assert caught.value.field == "gender"


def test_moving_to_another_dwelling_is_kept_as_a_move(world):
    data = _edit(world, world.wang, dwelling_id=world.dwelling2.pk)
    resident_update(actor=world.user("worker"), resident=world.wang, data=data, expected_version=1)
    move = Move.objects.unscoped().filter(resident=world.wang).order_by("-id").first()
    assert (move.kind, move.dwelling_id) == (Move.Kind.WITHIN, world.dwelling2.pk)


def test_erasure_anonymises_the_record_and_its_history_in_one_go(world, today):
    from linli.people.models import ResidentNameKey, Talent
    from linli.people.services import resident_erase

    wang = resident_move_out(actor=world.user("worker"), resident=world.wang, date=today, place="广州")
    resident_erase(actor=world.user("secretary"), resident=wang, reason="本人依法申请删除")
    erased = Resident.objects.unscoped().get(pk=wang.pk)
    assert (erased.name, erased.id_number_enc, erased.phone_last4, erased.birth_date) == ("（已删除）", "", "", None)
    assert not erased.history.exclude(name="（已删除）").exists()
    assert not erased.history.exclude(id_number_enc="").exists()
    assert not ResidentNameKey.objects.unscoped().filter(resident=wang).exists()
    assert not Talent.objects.unscoped().filter(resident=wang).exists()
    assert AccessLog.objects.get(action="erase").reason == "本人依法申请删除"


@pytest.mark.parametrize(("role", "match"), [("worker", "书记"), ("secretary", "迁出")])
def test_erasure_is_for_the_secretary_and_for_people_who_left(world, role, match):
    from linli.people.services import resident_erase

    with pytest.raises(PeopleError, match=match):
        resident_erase(actor=world.user(role), resident=world.wang, reason="本人依法申请删除")
    assert Resident.objects.unscoped().get(pk=world.wang.pk).name == "王芳"
