"""Photos and documents of a case (services/attachments.py): checked before anything is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.cases import services
from linli.cases.models import Attachment, CaseEvent
from linli.core.errors import DomainError
from linli.core.tests.world import PNG


def _png(name="现场.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_a_photo_is_kept_with_its_step(world):
    leak = world.cases.leak
    event = services.case_comment(actor=world.user("property"), case=leak, note="现场照片", files=[_png()])
    assert list(Attachment.objects.unscoped().filter(event=event).values_list("content_type", flat=True)) == [
        "image/png"
    ]


def test_too_many_files_or_a_disguised_one_saves_nothing(world):
    leak = world.cases.leak
    events = CaseEvent.objects.unscoped().filter(case=leak).count()
    with pytest.raises(DomainError, match="最多上传"):
        services.case_comment(actor=world.user("property"), case=leak, note="照片", files=[_png()] * 10)
    fake = SimpleUploadedFile("x.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    with pytest.raises(DomainError):
        services.case_comment(actor=world.user("property"), case=leak, note="照片", files=[fake])
    assert CaseEvent.objects.unscoped().filter(case=leak).count() == events
