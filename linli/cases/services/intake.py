"""Filing a case (from the console, the API, Open311 or a meeting's follow-up)."""

import hashlib
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import Case, CaseEvent, Category, Channel, Urgency
from linli.cases.permissions import FILE_CASE, HANDLE_CASES
from linli.cases.services.attachments import _check_files, _save_files
from linli.cases.services.common import TABLE, Actor, CaseError, _category, _require, as_user
from linli.cases.services.deadlines import deadline_for, notify_urgent
from linli.cases.services.routing import _accept
from linli.core import crypto
from linli.core.identity import InvalidIdentity, mask_phone, normalize_phone
from linli.core.normalize import normalize_identifier
from linli.core.scoping import scope_for
from linli.core.typing import account_of
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.people.services import resident_pii
from linli.places.models import Building, Compound, Dwelling


@dataclass
class CaseInput:
    category_id: int | None
    description: str
    title: str = ""
    urgency: str = Urgency.NORMAL
    compound_id: int | None = None
    building_id: int | None = None
    dwelling_id: int | None = None
    address_text: str = ""
    lat: float | None = None
    long: float | None = None
    reporter_id: int | None = None
    contact_name: str = ""
    contact_phone: str = ""
    anonymous: bool = False
    on_behalf: bool = False
    files: list = field(default_factory=list)
    hotline_number: str = ""  # the 12345 work order's number, for cases the hotline transferred
    intake_key: str | None = None
    category: Category | None = None  # already checked by the caller (active, this community)


def _place(community_id: int, data: CaseInput) -> tuple:
    compound = building = dwelling = None
    if data.dwelling_id:
        dwelling = Dwelling.objects.unscoped().select_related("building").filter(pk=data.dwelling_id).first()
        if dwelling is None or dwelling.community_id != community_id:
            raise CaseError(_("所选房屋不在本社区，请重新选择地点。"), field="dwelling", code="other_community")
        building = dwelling.building
    elif data.building_id:
        building = Building.objects.unscoped().filter(pk=data.building_id).first()
        if building is None or building.community_id != community_id:
            raise CaseError(_("所选楼栋不在本社区，请重新选择地点。"), field="building", code="other_community")
    if building is not None:
        compound = building.compound
    elif data.compound_id:
        compound = Compound.objects.unscoped().filter(pk=data.compound_id).first()
        if compound is None or compound.community_id != community_id:
            raise CaseError(_("所选小区不在本社区，请重新选择地点。"), field="compound", code="other_community")
    if data.compound_id and compound is not None and compound.pk != data.compound_id:
        raise CaseError(_("所选楼栋不在所选小区内。"), field="building")
    if compound is None and not data.address_text.strip() and data.lat is None:
        raise CaseError(_("请选择小区/楼栋，或写明地点。"), field="address_text", code="no_location")
    return compound, building, dwelling


# 12345 work orders are numbered by each city's platform: letters, digits and dashes
# (FS20261202000123, 2026120200123, YQ-2026-000123).
_HOTLINE_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{5,31}")


def _hotline_number(community_id: int, raw: str, channel: str) -> str:
    """The work order's number, checked: required from the hotline, refused from elsewhere, once only."""
    number = normalize_identifier(raw)
    if channel != Channel.HOTLINE:
        if number:
            raise CaseError(
                _("只有12345热线转办的诉求才填工单号：请把来源渠道选为“12345热线转办”，或清空工单号。"),
                field="hotline_number",
            )
        return ""
    if not number:
        raise CaseError(_("12345热线转办的诉求请填写工单号。"), field="hotline_number", code="no_hotline_number")
    if not _HOTLINE_NUMBER.fullmatch(number):
        raise CaseError(
            _("12345工单号只能由字母、数字和短横线组成，6到32位，如 2026120200123（照工单上的写）。"),
            field="hotline_number",
        )
    earlier = Case.objects.in_community(community_id).filter(hotline_number=number).only("number").first()
    if earlier is not None:
        message = _("12345工单号 %(order)s 已登记为诉求 %(case)s，请勿重复登记。")
        raise CaseError(
            message % {"order": number, "case": earlier.number},
            field="hotline_number",
            code="duplicate_hotline_number",
        )
    return number


def _next_number(community_id: int, year: int) -> str:
    # A range, not LIKE '2026%': under a non-C collation LIKE cannot use the (community, number)
    # index, and the largest number of the year would be a scan of the community's cases.
    last = (
        Case.objects.in_community(community_id)
        .filter(number__gte=str(year), number__lt=str(year + 1))
        .aggregate(m=Max("number"))["m"]
    )
    return f"{year}{int(last[4:]) + 1 if last else 1:06d}"


def _title_from(text: str) -> str:
    line = " ".join(text.split())
    return line[:30] + ("…" if len(line) > 30 else "")


def intake_key_for(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def case_file(*, actor: Actor | None, community, data: CaseInput, channel: str, open311_key=None) -> tuple[Case, bool]:
    """File a case. Returns (case, created): with an `intake_key` seen before, the case filed then
    (a client's retry creates nothing). Staff filing are taken as accepting it at once."""
    scope = scope_for(actor) if actor is not None else None
    if scope is not None:
        _require(scope.has(FILE_CASE, community.pk), _("您在本社区没有登记诉求的权限。"))
    # A repeated intake_key (a client retrying) is caught by the unique constraint at INSERT below,
    # which also settles two identical requests arriving at once; the first request's case is returned.
    description = (data.description or "").strip()
    if len(description) < 4:
        raise CaseError(_("请写清楚情况（至少4个字）。"), field="description")
    if len(description) > 4000:
        raise CaseError(_("情况描述最多4000字。"), field="description")
    if data.urgency not in Urgency.values:
        raise CaseError(_("紧急程度只能是一般、紧急或特急。"), field="urgency")
    category = data.category if data.category is not None else _category(community.pk, data.category_id)
    if category.community_id != community.pk or not category.active:
        raise CaseError(_("请选择本社区启用的诉求类别。"), field="category", code="unknown_category")
    compound, building, dwelling = _place(community.pk, data)
    hotline_number = _hotline_number(community.pk, data.hotline_number, channel)
    reporter = None
    if data.reporter_id:
        # Only a resident the filer may see: a grid worker names callers of his own grids, or the
        # case (his to see) would carry another grid's resident and registered phone.
        residents = (
            Resident.objects.visible_to(scope) if scope is not None else Resident.objects.in_community(community)
        )
        reporter = residents.filter(community=community, pk=data.reporter_id).first()
        if reporter is None:
            raise CaseError(_("反映人不是本社区登记的居民。"), field="reporter")
    elif scope is not None and not data.on_behalf and people_scope(scope).resident_ids and channel == Channel.SELF:
        reporter = Resident.objects.in_community(community).filter(pk__in=people_scope(scope).resident_ids).first()
    phone = ""
    if data.contact_phone.strip():
        try:
            phone = normalize_phone(data.contact_phone)
        except InvalidIdentity as exc:
            raise CaseError(str(exc), field="contact_phone") from None
    elif reporter is not None and reporter.phone_enc and not data.anonymous:
        # The registered phone goes with the case (encrypted, shown masked), so whoever handles it
        # can call back without anyone having typed or seen the number.
        phone = resident_pii(reporter, "phone")
    checked = _check_files(data.files)
    now = timezone.now()
    case = Case(
        community=community,
        category=category,
        kind=category.kind,
        title=(data.title or "").strip()[:100] or _title_from(description),
        description=description,
        channel=channel,
        hotline_number=hotline_number,
        urgency=data.urgency,
        compound=compound,
        building=building,
        dwelling=dwelling,
        address_text=(data.address_text or "").strip()[:200],
        lat=data.lat,
        long=data.long,
        reporter=reporter,
        reporter_user=as_user(actor) if channel == Channel.SELF else None,
        contact_name=(data.contact_name or (reporter.name if reporter else "")).strip()[:50],
        contact_phone_masked=mask_phone(phone) if phone else "",
        on_behalf=data.on_behalf,
        anonymous=data.anonymous,
        created_by=as_user(actor),
        public=category.public and category.kind == Category.Kind.ORDINARY,
        intake_key=data.intake_key,
        open311_key=open311_key,
        created_at=now,
        updated_at=now,
    )
    case.set_deadline(deadline_for(category, data.urgency, now), start=now)
    if phone:
        case.contact_phone_enc = crypto.encrypt(phone, table=TABLE, column="contact_phone", row=str(case.uid))
    for attempt in range(5):
        case.number = _next_number(community.pk, timezone.localdate(now).year)
        try:
            with transaction.atomic():
                case.save()
                event = CaseEvent.objects.create(
                    community=community,
                    case=case,
                    kind=CaseEvent.Kind.SUBMITTED,
                    actor=account_of(actor),
                    note=case.get_channel_display() + (_("（代居民登记）") if data.on_behalf else ""),
                    at=now,
                )
                _save_files(case, event, checked, actor)
                if actor is not None and scope is not None and scope.has(HANDLE_CASES, community.pk):
                    _accept(case, actor, note=_("工作人员登记，直接受理。"))
                notify_urgent(case, actor)
        except IntegrityError:
            if data.intake_key:
                existing = Case.objects.in_community(community).filter(intake_key=data.intake_key).first()
                if existing is not None:
                    for upload, _type, _ext in checked:
                        upload.seek(0)
                    return existing, False
            if attempt == 4:
                raise
            case.pk = None
            case._state.adding = True
            continue
        return case, True
    raise AssertionError("unreachable")
