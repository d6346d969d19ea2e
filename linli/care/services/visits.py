"""Recording a household visit: one call for the whole form (who was seen, why, what was found,
needs — some filed as cases at once — registry changes seen at the door, a photo). The phone makes
the key: the same key again returns the visit recorded the first time, so a retried or queued
submit records once. Everything is checked before anything is written."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.care import events
from linli.care.errors import CareError
from linli.care.models import RegistryProposal, Visit, VisitNeed
from linli.care.models.visits import Finding, Purpose
from linli.care.permissions import RECORD_VISITS
from linli.cases import selectors as case_selectors
from linli.cases import services as cases
from linli.core import crypto
from linli.core.identity import InvalidIdentity, normalize_phone
from linli.core.scoping import scope_for
from linli.core.uploads import UploadError, sniff_upload
from linli.people.models import Household, HouseholdMember

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community

CASE_CHANNEL = "grid"  # cases' Channel.GRID, 网格员走访
PROPOSAL_TABLE = "care_registryproposal"
CLOCK_SKEW = dt.timedelta(minutes=10)  # a phone's clock may run a little ahead
OLDEST = dt.timedelta(days=31)  # a visit queued offline is sent within days, not months
NEWBORN_RELATIONS = ("son", "daughter", "grandchild", "other")


@dataclass
class NeedInput:
    text: str
    category_id: int | None = None
    file_case: bool = False


@dataclass
class ProposalInput:
    kind: str
    resident_id: int | None = None
    phone: str = ""
    name: str = ""
    gender: str = ""
    birth_date: dt.date | None = None
    relation: str = ""


@dataclass
class VisitInput:
    key: str
    household_id: int | None
    visited_at: dt.datetime | None = None
    purpose: str = Purpose.ROUTINE
    outcome: str = Visit.Outcome.MET
    seen: list[int] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    note: str = ""
    case_id: int | None = None
    needs: list[NeedInput] = field(default_factory=list)
    proposals: list[ProposalInput] = field(default_factory=list)
    photo: object = None


def _key(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(raw or ""))
    except ValueError:
        raise CareError(_("提交编号无效，请刷新页面后重新填写。"), field="key") from None


def _household(actor: User, community: Community, household_id: int | None) -> Household:
    household = (
        Household.objects.visible_to(actor)
        .filter(community=community, pk=household_id or 0, status=Household.Status.ACTIVE)
        .select_related("dwelling__building")
        .first()
    )
    if household is None:
        raise CareError(_("这一户不在您负责的网格内（或已注销），不能登记走访。"), field="household")
    return household


def _when(value: dt.datetime | None) -> dt.datetime:
    now = timezone.now()
    when = value or now
    if when > now + CLOCK_SKEW:
        raise CareError(_("走访时间不能晚于现在，请检查手机的时间。"), field="visited_at")
    if when < now - OLDEST:
        raise CareError(_("只能登记31天以内的走访。"), field="visited_at")
    return when


def _check_choices(data: VisitInput, member_ids: set[int]) -> None:
    if data.purpose not in Purpose.values:
        raise CareError(_("请选择走访目的。"), field="purpose")
    if data.outcome not in Visit.Outcome.values:
        raise CareError(_("请选择走访结果。"), field="outcome")
    if unknown := set(data.findings) - set(Finding.values):
        raise CareError(_("不认识的走访情况：%(v)s。") % {"v": "、".join(sorted(unknown))}, field="findings")
    if set(data.seen) - member_ids:
        raise CareError(_("见到的人须是这一户的在册成员。"), field="seen")
    if data.outcome == Visit.Outcome.NOBODY and data.seen:
        raise CareError(_("家中无人时不能勾选见到的人。"), field="seen")
    if len(data.note) > 2000:
        raise CareError(_("备注最多2000字。"), field="note")


def _check_needs(community: Community, needs: list[NeedInput]) -> None:
    categories = None
    for need in needs:
        text = need.text.strip()
        if len(text) < 4 or len(text) > 500:
            raise CareError(_("每条需求请写4到500个字。"), field="needs")
        if need.file_case:
            if categories is None:
                categories = set(case_selectors.categories_for(community.pk).values_list("pk", flat=True))
            if need.category_id not in categories:
                raise CareError(_("转为诉求的需求请选择诉求类别。"), field="needs")


def _check_proposals(proposals: list[ProposalInput], member_ids: set[int]) -> list[str]:
    """The normalised phone numbers, in order (empty for other kinds)."""
    phones = []
    today = timezone.localdate()
    for p in proposals:
        phone = ""
        if p.kind not in RegistryProposal.Kind.values:
            raise CareError(_("不认识的登记变更。"), field="proposals")
        if p.kind in (RegistryProposal.Kind.PHONE, RegistryProposal.Kind.MOVED_OUT) and p.resident_id not in member_ids:
            raise CareError(_("登记变更须是这一户的在册成员。"), field="proposals")
        if p.kind == RegistryProposal.Kind.PHONE:
            try:
                phone = normalize_phone(p.phone)
            except InvalidIdentity as exc:
                raise CareError(str(exc), field="proposals") from None
        if p.kind == RegistryProposal.Kind.NEWBORN:
            if not p.name.strip() or len(p.name.strip()) > 50:
                raise CareError(_("请写新生儿的姓名。"), field="proposals")
            if p.gender not in ("M", "F"):
                raise CareError(_("请选择新生儿的性别。"), field="proposals")
            if p.birth_date is None or p.birth_date > today or p.birth_date < today - dt.timedelta(days=3 * 366):
                raise CareError(_("新生儿的出生日期须在三年以内，且不晚于今天。"), field="proposals")
            if p.relation not in NEWBORN_RELATIONS:
                raise CareError(_("请选择新生儿与户主的关系。"), field="proposals")
        phones.append(phone)
    return phones


def _photo(photo) -> str:
    if not photo:
        return ""
    try:
        content_type, _ext = sniff_upload(photo)
    except UploadError as exc:
        raise CareError(exc.message, field="photo") from None
    if not content_type.startswith("image/"):
        raise CareError(_("走访照片须是JPG、PNG、GIF或WEBP照片。"), field="photo")
    return content_type


def _existing(community: Community, key: uuid.UUID, actor: User) -> Visit | None:
    visit = Visit.objects.in_community(community).filter(key=key).first()
    if visit is not None and visit.visitor_id != actor.pk:
        raise CareError(_("提交编号已被使用，请刷新页面后重新填写。"), field="key", code="key_taken")
    return visit


def visit_record(*, actor: User, community: Community, data: VisitInput) -> tuple[Visit, bool]:
    """(visit, created): a key seen before returns the visit recorded with it, nothing new."""
    scope = scope_for(actor)
    if not scope.has(RECORD_VISITS, community.pk):
        raise CareError(_("您在本社区没有登记走访的权限。"), code="forbidden")
    key = _key(data.key)
    if (earlier := _existing(community, key, actor)) is not None:
        return earlier, False
    household = _household(actor, community, data.household_id)
    when = _when(data.visited_at)
    member_ids = set(
        HouseholdMember.objects.in_community(community)
        .filter(household=household, left_date__isnull=True)
        .values_list("resident_id", flat=True)
    )
    _check_choices(data, member_ids)
    _check_needs(community, data.needs)
    phones = _check_proposals(data.proposals, member_ids)
    photo_type = _photo(data.photo)
    try:
        with transaction.atomic():
            visit = _write(actor, community, household, key, when, data, phones, photo_type)
    except IntegrityError:
        if (earlier := _existing(community, key, actor)) is not None:
            return earlier, False  # two submits of one key at once: the first one's visit
        raise
    return visit, True


def _write(actor, community, household, key, when, data: VisitInput, phones, photo_type) -> Visit:
    dwelling = household.dwelling
    grid_id = dwelling.building.grid_id if dwelling else None
    visit = Visit(
        community=community, key=key, household=household, dwelling=dwelling, grid_id=grid_id, visitor=actor,
        visited_at=when, purpose=data.purpose, outcome=data.outcome, seen=sorted(set(data.seen)),
        findings=[f for f in Finding.values if f in data.findings], note=data.note.strip(), case_id=data.case_id,
        photo_type=photo_type,
    )  # fmt: skip
    if data.photo:
        visit.photo.save(f"{uuid.uuid4().hex}", data.photo, save=False)  # type: ignore[arg-type]  # an upload, checked
    visit.save()
    for i, need in enumerate(data.needs):
        row = VisitNeed.objects.create(
            community=community, visit=visit, grid_id=grid_id, text=need.text.strip(), category_id=need.category_id
        )
        if need.file_case:
            _file(actor, community, visit, row, need.category_id, f"{key}:{i}")
    for p, phone in zip(data.proposals, phones, strict=True):
        _propose(community, visit, grid_id, p, phone)
    events.visit_recorded_event(visit=visit, actor=actor)
    return visit


def _propose(community, visit: Visit, grid_id, p: ProposalInput, phone: str) -> RegistryProposal:
    row = RegistryProposal(community=community, visit=visit, grid_id=grid_id, kind=p.kind, resident_id=p.resident_id)
    if p.kind == RegistryProposal.Kind.NEWBORN and p.birth_date is not None:
        row.data = {"name": p.name.strip(), "gender": p.gender, "birth_date": p.birth_date.isoformat(),
                    "relation": p.relation}  # fmt: skip
    if phone:
        row.phone_enc = crypto.encrypt(phone, table=PROPOSAL_TABLE, column="phone", row=str(row.uid))
        row.phone_last4 = phone[-4:]
    row.save()
    return row


def _file(actor, community, visit: Visit, need: VisitNeed, category_id, intake: str) -> VisitNeed:
    household = visit.household
    case, _created = cases.case_file(
        actor=actor,
        community=community,
        channel=CASE_CHANNEL,
        data=cases.CaseInput(
            category_id=category_id,
            description=need.text,
            dwelling_id=household.dwelling_id,
            address_text="" if household.dwelling_id else household.number,
            on_behalf=True,
            intake_key=cases.intake_key_for("care-visit", intake),
        ),
    )
    need.case_id, need.case_number, need.category_id = case.pk, case.number, category_id
    need.save(update_fields=["case_id", "case_number", "category_id"])
    return need


@transaction.atomic
def need_file_case(*, actor: User, need: VisitNeed, category_id: int | None) -> VisitNeed:
    """The one tap that turns a need found on a visit into a case (once: a second tap is refused)."""
    scope = scope_for(actor)
    if not scope.has(RECORD_VISITS, need.community_id):
        raise CareError(_("您在本社区没有登记走访的权限。"), code="forbidden")
    current = VisitNeed.objects.in_community(need.community_id).select_for_update().get(pk=need.pk)
    if current.case_id:
        raise CareError(_("这条需求已转为诉求 %(n)s。") % {"n": current.case_number}, code="already_filed")
    categories = set(case_selectors.categories_for(need.community_id).values_list("pk", flat=True))
    if category_id not in categories:
        raise CareError(_("请选择诉求类别。"), field="category")
    visit = Visit.objects.in_community(need.community_id).select_related("household", "community").get(pk=need.visit_id)
    return _file(actor, visit.community, visit, current, category_id, f"{visit.key}:need{current.pk}")
