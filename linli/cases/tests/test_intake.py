"""Filing a case: staff filing accepts at once and routes by category, on behalf of a resident,
and bad input refused with nothing saved (services/intake.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.cases.models import Case, CaseEvent, Channel, Status
from linli.cases.services import CaseInput, case_file, reveal_contact
from linli.cases.tests.helpers import file_case as _file
from linli.core.errors import DomainError


def test_staff_filing_accepts_at_once_and_routes_by_category(world):
    case = _file(world)
    assert case.status == Status.ACCEPTED and case.handler_org is None  # the staff team's pool
    repair = _file(world, category_id=world.cases.repair.pk, description="5栋电梯经常停在半层")
    assert repair.status == Status.ASSIGNED and repair.handler_org == world.cases.property_org


def test_on_behalf_of_a_resident_without_a_phone_is_recorded(world):
    case = _file(world, on_behalf=True, reporter_id=world.zhang.pk, contact_name="张三")
    assert case.on_behalf and case.reporter == world.zhang
    first = CaseEvent.objects.in_community(world.a).filter(case=case).first()
    assert "代居民登记" in first.note


def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(world):
    before = (Case.objects.unscoped().count(), CaseEvent.objects.unscoped().count())
    bad = [
        ({"category_id": 999999}, "类别"),
        ({"category_id": world.cases.env.pk, "building_id": world.dwelling_b.building_id}, "不在本社区"),
        ({"dwelling_id": world.dwelling_b.pk}, "不在本社区"),
        ({"description": "漏"}, "至少4个字"),
        ({"contact_phone": "12345"}, "电话号码"),
        ({"urgency": "very"}, "紧急程度"),
        ({"building_id": None, "address_text": ""}, "地点"),
        (
            {"files": [SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is an exe", content_type="image/jpeg")]},
            "不是照片",
        ),
        (
            {
                "files": [
                    SimpleUploadedFile(
                        "big.jpg", b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), content_type="image/jpeg"
                    )
                ]
            },
            "10 MB",
        ),
    ]
    for data, message in bad:
        with pytest.raises(DomainError, match=message):
            _file(world, **data)
    assert (Case.objects.unscoped().count(), CaseEvent.objects.unscoped().count()) == before


def _hotline(world, number, channel=Channel.HOTLINE, description="12345转来：小区北门路灯不亮"):
    data = CaseInput(category_id=world.cases.env.pk, description=description, building_id=world.building1.pk,
                     hotline_number=number)  # fmt: skip
    return case_file(actor=world.user("worker"), community=world.a, data=data, channel=channel)[0]


def test_a_hotline_case_keeps_its_work_order_number_as_typed_on_any_keyboard(world):
    case = _hotline(world, " ｆｓ2026１２０２000123 ")
    assert case.channel == Channel.HOTLINE and case.hotline_number == "FS20261202000123"


def test_a_phone_call_is_its_own_channel_and_needs_no_work_order(world):
    case = _hotline(world, "", channel=Channel.PHONE)
    assert case.get_channel_display() == "来电" and case.hotline_number == ""


@pytest.mark.parametrize(
    ("number", "channel", "message"),
    [
        ("", Channel.HOTLINE, "请填写工单号"),
        ("FS 2026/12", Channel.HOTLINE, "字母、数字和短横线"),
        ("12345", Channel.HOTLINE, "6到32位"),
        ("FS20261202000123", Channel.PHONE, "只有12345热线转办"),
    ],
)
def test_a_bad_work_order_number_is_refused_by_name_and_nothing_is_saved(world, number, channel, message):
    before = Case.objects.unscoped().count()
    with pytest.raises(DomainError) as refused:
        _hotline(world, number, channel=channel)
    assert message in refused.value.message and refused.value.field == "hotline_number"
    assert Case.objects.unscoped().count() == before


def test_the_same_work_order_is_not_filed_twice(world):
    first = _hotline(world, "FS20261202000123")
    before = Case.objects.unscoped().count()
    with pytest.raises(DomainError) as refused:
        _hotline(world, "fs20261202000123", description="同一工单又转来一次")
    assert first.number in refused.value.message and Case.objects.unscoped().count() == before


def test_a_reporter_taken_from_the_registry_brings_the_registered_phone_masked(world):
    case = _file(world, reporter_id=world.wang.pk, contact_name="王芳")
    assert case.contact_phone_masked == "138****5678"
    assert reveal_contact(actor=world.user("secretary"), case=case, reason="电话回访反映人") == "13812345678"
