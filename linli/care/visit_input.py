"""What the visit form (posted without its script) and the API's JSON give, as a VisitInput."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from linli.care.errors import CareError
from linli.care.services import NeedInput, ProposalInput, VisitInput
from linli.core.ui import datetime_param, id_param

MAX_PHOTO_BYTES = 4 * 1024 * 1024  # the phone shrinks it before sending


def _ids(values) -> list[int]:
    return [i for i in (id_param(v) for v in values) if i is not None]


def visit_input_from_form(post, files, household_id: int) -> VisitInput:
    needs = []
    for i, text in enumerate(post.getlist("need_text")):
        if text.strip():
            categories = post.getlist("need_category")
            category = id_param(categories[i]) if i < len(categories) else None
            needs.append(NeedInput(text=text, category_id=category, file_case=str(i) in post.getlist("need_case")))
    proposals = []
    for resident_id in _ids(post.getlist("moved_out")):
        proposals.append(ProposalInput(kind="moved_out", resident_id=resident_id))
    for key, value in post.items():
        if key.startswith("phone_") and value.strip():
            proposals.append(ProposalInput(kind="phone", resident_id=id_param(key[6:]), phone=value))
    if post.get("newborn_name", "").strip():
        proposals.append(ProposalInput(kind="newborn", name=post["newborn_name"], gender=post.get("newborn_gender", ""),
                                       birth_date=_date(post.get("newborn_birth")),
                                       relation=post.get("newborn_relation", "")))  # fmt: skip
    return VisitInput(
        key=post.get("key", ""), household_id=household_id, visited_at=datetime_param(post.get("visited_at")),
        purpose=post.get("purpose", ""), outcome=post.get("outcome", "met"), seen=_ids(post.getlist("seen")),
        findings=post.getlist("findings"), note=post.get("note", ""), needs=needs, proposals=proposals,
        photo=files.get("photo"),
    )  # fmt: skip


def _date(value) -> dt.date | None:
    try:
        return parse_date(str(value or ""))
    except ValueError:
        return None


def photo_from_data_url(value: str | None):
    """A photo the script sent inside the JSON (a data: URL, so that a queued visit is one request)."""
    if not value:
        return None
    head, _sep, body = value.partition(",")
    if not head.startswith("data:") or ";base64" not in head:
        raise CareError(_("照片格式不对，请重新拍照。"), field="photo")
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise CareError(_("照片格式不对，请重新拍照。"), field="photo") from None
    if len(raw) > MAX_PHOTO_BYTES:
        raise CareError(_("照片超过4 MB，请重新拍照。"), field="photo")
    return SimpleUploadedFile("visit-photo", raw)
