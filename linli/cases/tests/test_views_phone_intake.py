"""A phone call at the desk (views/intake.py): the caller found in one box by name, pinyin,
initials or phone, taken with one click (reporter and place filled from the record), the compound
narrowing the buildings; every picker scoped to what the user may see and working without
JavaScript too (a round trip that files nothing)."""

import re

import pytest
from django.test import Client

from linli.cases.models import Case, Channel
from linli.people.services import ResidentInput, resident_create
from linli.places.models import Building, Compound


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


@pytest.fixture
def lv(world):
    data = ResidentInput(name="吕俊", phone="13912341075", dwelling_id=world.dwelling1.pk)
    return resident_create(actor=world.user("secretary"), community=world.a, data=data)


def _found(client, query) -> str:
    response = client.post("/cases/new/callers/", {"caller_q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_caller_is_found_by_initials_pinyin_name_or_the_last_four_of_a_phone(world, lv):
    client = _client(world, "worker")
    for query in ("lj", "lvjun", "吕俊", "1075", "13912341075"):
        body = _found(client, query)
        assert "吕俊" in body and f'value="{lv.pk}"' in body, query
        assert "139****1075" in body and "13912341075" not in body  # masked on the server


def test_the_caller_box_finds_only_whom_the_user_may_see(world, lv):
    assert "吕俊" not in _found(_client(world, "grid2"), "lj")  # 吕俊 lives in grid 1
    assert "没有找到" in _found(_client(world, "outsider"), "王芳")  # another community's resident
    assert _client(world, "property").post("/cases/new/callers/", {"caller_q": "lj"}).status_code == 404
    assert _client(world, "worker").get("/cases/new/callers/?caller_q=1075").status_code == 405  # never in a URL


def test_nobody_found_says_so_and_offers_to_type_the_contact(world):
    assert "没有找到“zzzz”" in _found(_client(world, "worker"), "zzzz")


def _selected(body: str, select_id: str) -> str | None:
    select = re.search(rf'<select id="{select_id}".*?</select>', body, re.S).group(0)
    chosen = re.search(r'<option value="(\d+)" selected', select)
    return chosen.group(1) if chosen else None


def test_taking_the_caller_fills_reporter_and_place_and_files_nothing(world, lv):
    before = Case.objects.unscoped().count()
    response = _client(world, "worker").post(
        "/cases/new/", {"description": "楼道灯坏了", "channel": Channel.PHONE, "pick_caller": lv.pk}
    )
    body = response.content.decode()
    assert response.status_code == 200 and Case.objects.unscoped().count() == before
    assert _selected(body, "pick-reporter") == str(lv.pk) and _selected(body, "pick-dwelling") == str(lv.dwelling_id)
    assert _selected(body, "pick-building") == str(world.building1.pk)
    assert _selected(body, "pick-compound") == str(world.compound.pk)
    assert 'value="吕俊"' in body and "楼道灯坏了" in body  # the contact's name; what was typed stays


def test_a_caller_of_another_community_cannot_be_taken(world):
    body = _client(world, "worker").post("/cases/new/", {"pick_caller": world.outsider_resident.pk}).content.decode()
    assert world.outsider_resident.name not in body and _selected(body, "pick-reporter") is None


def test_without_javascript_the_box_finds_on_a_round_trip_that_files_nothing(world, lv):
    before = Case.objects.unscoped().count()
    body = (
        _client(world, "worker")
        .post("/cases/new/", {"find_caller": "1", "caller_q": "1075", "description": "电梯困人"})
        .content.decode()
    )
    assert f'name="pick_caller" value="{lv.pk}"' in body and "电梯困人" in body
    assert Case.objects.unscoped().count() == before


def test_a_phone_call_picked_from_the_box_is_filed_with_the_registered_phone(world, lv):
    response = _client(world, "worker").post(
        "/cases/new/",
        {"category": world.cases.env.pk, "description": "楼道灯坏了一个星期", "urgency": "normal",
         "channel": Channel.PHONE, "reporter": lv.pk, "contact_name": "吕俊", "compound": world.compound.pk,
         "building": world.building1.pk, "dwelling": lv.dwelling_id},
    )  # fmt: skip
    case = Case.objects.unscoped().get(description="楼道灯坏了一个星期")
    assert response.status_code == 302 and case.channel == Channel.PHONE and case.reporter == lv
    assert case.dwelling_id == lv.dwelling_id and case.contact_phone_masked == "139****1075"


def test_a_hotline_case_without_its_work_order_number_is_refused_on_the_form(world):
    response = _client(world, "worker").post(
        "/cases/new/",
        {"category": world.cases.env.pk, "description": "12345转来：路灯不亮", "urgency": "normal",
         "channel": Channel.HOTLINE, "building": world.building1.pk},
    )  # fmt: skip
    assert response.status_code == 200 and "请填写工单号" in response.content.decode()
    assert not Case.objects.unscoped().filter(description="12345转来：路灯不亮").exists()


def test_the_inbox_finds_a_case_by_its_work_order_number(world):
    _client(world, "worker").post(
        "/cases/new/",
        {"category": world.cases.env.pk, "description": "12345转来：北门积水", "urgency": "normal",
         "channel": Channel.HOTLINE, "hotline_number": "FS20261202000123", "building": world.building1.pk},
    )  # fmt: skip
    body = _client(world, "secretary").get("/cases/?box=all&q=fs20261202000123").content.decode()
    assert "北门积水" in body
    case = Case.objects.unscoped().get(hotline_number="FS20261202000123")
    assert "FS20261202000123" in _client(world, "secretary").get(f"/cases/{case.pk}/").content.decode()


@pytest.fixture
def other_compound(world):
    compound = Compound.objects.create(community=world.a, name="湖景苑")
    Building.objects.create(community=world.a, compound=compound, name="1栋")
    return compound


def test_choosing_a_compound_lists_its_buildings_only(world, other_compound):
    body = _client(world, "resident").get(f"/cases/new/buildings/?compound={other_compound.pk}").content.decode()
    assert body.count("1栋") == 1 and "2栋" not in body and "optgroup" not in body
    grouped = _client(world, "resident").get("/cases/new/buildings/").content.decode()
    assert 'optgroup label="湖景苑"' in grouped and 'optgroup label="仙湖花园"' in grouped


def test_another_communitys_compound_lists_no_buildings(world):
    other = Compound.objects.unscoped().filter(community=world.b).first()
    body = _client(world, "worker").get(f"/cases/new/buildings/?compound={other.pk}").content.decode()
    assert "1栋" not in body and "2栋" not in body


def test_a_form_redrawn_for_a_compound_shows_its_buildings_only(world, other_compound):
    body = (
        _client(world, "worker")
        .post("/cases/new/", {"description": "x", "compound": other_compound.pk, "urgency": "normal"})
        .content.decode()
    )
    building_select = re.search(r'<select id="pick-building".*?</select>', body, re.S).group(0)
    assert building_select.count("1栋") == 1 and "2栋" not in building_select


def test_more_words_narrow_the_callers_by_building_or_phone(world, lv):
    client = _client(world, "worker")
    data = ResidentInput(name="李杰", phone="13700009999", dwelling_id=world.dwelling2.pk)
    resident_create(actor=world.user("secretary"), community=world.a, data=data)
    assert "李杰" in _found(client, "lj") and "吕俊" in _found(client, "lj")
    for query in ("lj 1栋", "lj 1", "lj 1075", "lj 301", "lj 仙湖花园 1单元"):
        body = _found(client, query)
        assert "吕俊" in body and "李杰" not in body, query


def test_a_long_list_shows_twenty_and_all_of_them_when_asked(world):
    for i in range(22):
        resident_create(
            actor=world.user("secretary"), community=world.a, data=ResidentInput(name=f"李{'家佳杰军'[i % 4]}{i}")
        )
    client = _client(world, "worker")
    assert _found(client, "lj").count('name="pick_caller"') == 20 and "找到 22 位" in _found(client, "lj")
    everyone = client.post("/cases/new/callers/", {"caller_q": "lj", "caller_all": "1"}).content.decode()
    assert everyone.count('name="pick_caller"') == 22 and "显示全部" not in everyone
