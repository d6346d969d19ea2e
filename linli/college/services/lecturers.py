"""The lecturer pool (师资库) and the terms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from linli.college.models import Lecturer, Resource, Term
from linli.college.services.common import CollegeError, require_manage
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class LecturerInput:
    name: str
    kind: str = Lecturer.Kind.RESIDENT
    subjects: list[str] = field(default_factory=list)
    qualifications: str = ""
    availability: str = ""
    recommended_by: str = ""
    resident_id: int | None = None


@transaction.atomic
def save_lecturer(*, actor: User, community_id: int, data: LecturerInput, lecturer: Lecturer | None = None) -> Lecturer:
    require_manage(actor, community_id)
    name = (data.name or "").strip()
    if not name:
        raise CollegeError(_("请填写讲师姓名。"), field="name", code="name")
    if data.kind not in Lecturer.Kind.values:
        raise CollegeError(_("请选择讲师来源。"), field="kind", code="kind")
    subjects = [s.strip()[:20] for s in data.subjects if s and s.strip()][:10]
    if not subjects:
        raise CollegeError(_("请至少填写一个教授科目。"), field="subjects", code="subjects")
    if (
        data.resident_id is not None
        and not Resident.objects.in_community(community_id).filter(pk=data.resident_id).exists()
    ):
        raise CollegeError(_("没有找到这名居民，请从本社区的居民中选择。"), field="resident", code="resident")
    row = lecturer or Lecturer(community_id=community_id)
    if row.community_id != community_id:
        raise CollegeError(_("这名讲师不属于本社区。"), code="community")
    row.name, row.kind, row.subjects = name[:50], data.kind, subjects
    row.qualifications, row.availability = data.qualifications.strip()[:200], data.availability.strip()[:100]
    row.recommended_by, row.resident_id = data.recommended_by.strip()[:50], data.resident_id
    row.save()
    return row


@transaction.atomic
def save_term(*, actor: User, community_id: int, name: str, starts_on: dt.date | None, ends_on: dt.date | None) -> Term:
    require_manage(actor, community_id)
    if not (name or "").strip():
        raise CollegeError(_("请填写学期名称，如“2026年秋季学期”。"), field="name", code="name")
    if starts_on is None or ends_on is None:
        raise CollegeError(_("请填写学期的开始和结束日期。"), field="starts_on", code="dates")
    if ends_on < starts_on:
        raise CollegeError(_("学期的结束日期早于开始日期。"), field="ends_on", code="dates")
    return Term.objects.create(community_id=community_id, name=name.strip()[:50], starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def save_resource(
    *, actor: User, community_id: int, name: str, kind: str, quantity: int | None, provider: str = "", note: str = ""
) -> Resource:
    require_manage(actor, community_id)
    if not (name or "").strip():
        raise CollegeError(_("请填写资源名称。"), field="name", code="name")
    if kind not in Resource.Kind.values:
        raise CollegeError(_("请选择资源类别。"), field="kind", code="kind")
    if not quantity or quantity < 1:
        raise CollegeError(_("数量至少为1。"), field="quantity", code="quantity")
    return Resource.objects.create(
        community_id=community_id, name=name.strip()[:60], kind=kind, quantity=quantity,
        provider=provider.strip()[:60], note=note.strip()[:200],
    )  # fmt: skip
