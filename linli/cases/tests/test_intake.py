"""Filing a case: staff filing accepts at once and routes by category, on behalf of a resident,
and bad input refused with nothing saved (services/intake.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.cases.models import Case, CaseEvent, Status
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
