"""Everything that changes a case. Each step is a compare-and-set on the case's status (so two
people can never both take, close or reopen the same case, on either database) plus a timeline
entry, in one transaction."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import (
    DONE_STATUSES,
    LIVE_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    Category,
    Channel,
    JointParty,
    MediationAgreement,
    MediationParty,
    MediationSession,
    Notice,
    Status,
    Urgency,
)
from linli.cases.permissions import FILE_CASE, HANDLE_CASES, MANAGE_CASE_SETTINGS, WORK_CASES
from linli.core import crypto, uploads
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.identity import InvalidIdentity, mask_phone, normalize_phone
from linli.core.scoping import Scope, scope_for
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.places.models import Building, Compound, Dwelling
from linli.tenancy.models import Membership, PartnerOrg
from linli.tenancy.permissions import Role

TABLE = "cases_case"
MAX_FILES = 9
MAX_FILE_BYTES = uploads.MAX_FILE_BYTES


class CaseError(DomainError):
    pass


# -- who may do what ---------------------------------------------------------------------------


def can_handle(scope: Scope, case: Case) -> bool:
    """Community staff: accept, route, assign, merge, escalate, close."""
    return scope.has(HANDLE_CASES, case.community_id)


def can_work(scope: Scope, case: Case) -> bool:
    """Whoever the case is routed to: its assignee, the handling partner organisation, or staff."""
    if can_handle(scope, case) or case.assignee_id == scope.user_id:
        return True
    return (
        case.handler_org_id is not None
        and case.handler_org_id in scope.partner_org_ids
        and scope.has(WORK_CASES, case.community_id)
    )


def is_reporter(scope: Scope, case: Case) -> bool:
    return bool(
        (case.reporter_user_id and case.reporter_user_id == scope.user_id)
        or (case.reporter_id and case.reporter_id in people_scope(scope).resident_ids)
    )


def _require(ok: bool, message: str | None = None) -> None:
    if not ok:
        raise PermissionDeniedError(message or _("您没有办理这件诉求的权限。"))


# -- intake ------------------------------------------------------------------------------------


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
    intake_key: str | None = None
    category: Category | None = None  # already checked by the caller (active, this community)


def sniff_upload(upload) -> tuple[str, str]:
    """(content type, extension) of an uploaded photo or document, or a CaseError naming it."""
    try:
        return uploads.sniff_upload(upload)
    except uploads.UploadError as exc:
        raise CaseError(exc.message, field="files") from None


def _check_files(files) -> list[tuple]:
    if len(files) > MAX_FILES:
        raise CaseError(_("一次最多上传%(n)d个附件。") % {"n": MAX_FILES}, field="files")
    return [(f, *sniff_upload(f)) for f in files]


def _save_files(case: Case, event: CaseEvent | None, checked: list[tuple], actor) -> None:
    for upload, content_type, extension in checked:
        attachment = Attachment(
            community_id=case.community_id,
            case=case,
            event=event,
            name=(getattr(upload, "name", "") or "file")[:200],
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        attachment.extension = extension
        attachment.file.save("upload" + extension, upload, save=False)
        attachment.save()


def _category(community_id: int, category_id) -> Category:
    category = Category.objects.in_community(community_id).filter(pk=category_id, active=True).first()
    if category is None:
        raise CaseError(_("请选择本社区启用的诉求类别。"), field="category", code="unknown_category")
    return category


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


def case_file(*, actor, community, data: CaseInput, channel: str, open311_key=None) -> tuple[Case, bool]:
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
    reporter = None
    if data.reporter_id:
        reporter = Resident.objects.in_community(community).filter(pk=data.reporter_id).first()
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
    checked = _check_files(data.files)
    now = timezone.now()
    case = Case(
        community=community,
        category=category,
        kind=category.kind,
        title=(data.title or "").strip()[:100] or _title_from(description),
        description=description,
        channel=channel,
        urgency=data.urgency,
        compound=compound,
        building=building,
        dwelling=dwelling,
        address_text=(data.address_text or "").strip()[:200],
        lat=data.lat,
        long=data.long,
        reporter=reporter,
        reporter_user=actor if (channel == Channel.SELF and actor is not None) else None,
        contact_name=(data.contact_name or (reporter.name if reporter else "")).strip()[:50],
        contact_phone_masked=mask_phone(phone) if phone else "",
        on_behalf=data.on_behalf,
        anonymous=data.anonymous,
        created_by=actor,
        public=category.public and category.kind == Category.Kind.ORDINARY,
        intake_key=data.intake_key,
        open311_key=open311_key,
        created_at=now,
        updated_at=now,
    )
    case.set_deadline(now + dt.timedelta(hours=category.sla_hours), start=now)
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
                    actor=actor,
                    note=case.get_channel_display() + (_("（代居民登记）") if data.on_behalf else ""),
                    at=now,
                )
                _save_files(case, event, checked, actor)
                if scope is not None and scope.has(HANDLE_CASES, community.pk):
                    _accept(case, actor, note=_("工作人员登记，直接受理。"))
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


# -- the workflow ------------------------------------------------------------------------------


def _event(case: Case, kind: str, actor, note: str = "", internal: bool = False, **data) -> CaseEvent:
    return CaseEvent.objects.create(
        community_id=case.community_id, case=case, kind=kind, actor=actor, note=note, data=data, internal=internal
    )


def _move(case: Case, *, frm, to: str, conflict: str | None = None, extra=None, **fields) -> None:
    """Set the case's status from one of `frm` to `to` in one conditional UPDATE, or refuse."""
    now = timezone.now()
    query = Case.objects.in_community(case.community_id).filter(pk=case.pk, status__in=list(frm))
    if extra is not None:
        query = query.filter(extra)
    if not query.update(status=to, updated_at=now, **fields):
        current = Case.objects.in_community(case.community_id).get(pk=case.pk)
        raise ConflictError(
            conflict
            or _("这件诉求的状态已变为“%(status)s”，请刷新页面后再操作。") % {"status": current.get_status_display()}
        )
    case.refresh_from_db()


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise CaseError(_("请写明%(what)s（至少%(n)d个字）。") % {"what": what, "n": MIN_REASON_LENGTH}, field="reason")
    return reason[:2000]


def _accept(case: Case, actor, note: str = "") -> None:
    to = Status.ASSIGNED if case.category.handler_org_id else Status.ACCEPTED
    _move(case, frm=[Status.SUBMITTED], to=to, handler_org_id=case.category.handler_org_id)
    _event(case, CaseEvent.Kind.ACCEPTED, actor, note)
    if case.handler_org_id:
        _event(case, CaseEvent.Kind.ASSIGNED, actor, str(case.handler_org))
        _notify_handlers(case, CaseEvent.Kind.ASSIGNED, _("新派给您单位的诉求：%(t)s") % {"t": case.title})


@transaction.atomic
def case_accept(*, actor, case: Case, category_id: int | None = None, note: str = "") -> Case:
    """Accept (受理), possibly correcting the category; the category's default handler takes it."""
    _require(can_handle(scope_for(actor), case))
    if category_id and category_id != case.category_id:
        category = _category(case.community_id, category_id)
        case.set_deadline(case.created_at + dt.timedelta(hours=category.sla_hours))
        Case.objects.in_community(case.community_id).filter(pk=case.pk, status=Status.SUBMITTED).update(
            category=category, kind=category.kind, due_at=case.due_at, warn_at=case.warn_at
        )
        case.refresh_from_db()
    _accept(case, actor, note.strip())
    return case


@transaction.atomic
def case_reject(*, actor, case: Case, reason: str) -> Case:
    _require(can_handle(scope_for(actor), case))
    reason = _reason(reason, _("不予受理的理由"))
    _move(case, frm=[Status.SUBMITTED, Status.ACCEPTED], to=Status.REJECTED, closed_at=timezone.now())
    _event(case, CaseEvent.Kind.REJECTED, actor, reason)
    return case


def _org_in_community(case: Case, org_id) -> PartnerOrg | None:
    if not org_id:
        return None
    org = PartnerOrg.objects.in_community(case.community_id).filter(pk=org_id).first()
    if org is None:
        raise CaseError(_("所选承办单位不是本社区的合作单位。"), field="handler_org")
    return org


def _user_for(case: Case, org: PartnerOrg | None, user_id) -> object | None:
    """The named person must belong to the handling organisation (or be community staff)."""
    if not user_id:
        return None
    memberships = Membership.objects.filter(user_id=user_id, community_id=case.community_id, is_active=True)
    if org is not None:
        memberships = memberships.filter(partner_org=org)
    else:
        memberships = memberships.filter(role__in=[Role.SECRETARY, Role.WORKER, Role.GRID_WORKER])
    if not memberships.exists():
        raise CaseError(_("所选承办人不属于承办单位。"), field="assignee")
    return get_user_model().objects.get(pk=user_id)


@transaction.atomic
def case_assign(*, actor, case: Case, handler_org_id=None, assignee_id=None, reason: str = "") -> Case:
    """Route (派单) to the staff team or a partner organisation, optionally to a named person.
    Routing a case that is already being worked is a reassignment and needs a reason."""
    scope = scope_for(actor)
    org = _org_in_community(case, handler_org_id)
    is_partner_delegation = (
        org is not None and org.pk == case.handler_org_id and org.pk in scope.partner_org_ids and can_work(scope, case)
    )
    _require(can_handle(scope, case) or is_partner_delegation)
    assignee = _user_for(case, org, assignee_id)
    reassign = case.status == Status.IN_PROGRESS or (
        case.status == Status.ASSIGNED and (case.handler_org_id != (org.pk if org else None) or case.assignee_id)
    )
    if reassign:
        reason = _reason(reason, _("改派原因"))
    to = Status.IN_PROGRESS if assignee is not None and case.status == Status.IN_PROGRESS else Status.ASSIGNED
    _move(
        case,
        frm=[Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS],
        to=to,
        handler_org_id=org.pk if org else None,
        assignee_id=assignee.pk if assignee else None,
    )
    who = " · ".join(x for x in [str(org) if org else _("社区工作人员"), _name(assignee)] if x)
    kind = CaseEvent.Kind.REASSIGNED if reassign else CaseEvent.Kind.ASSIGNED
    _event(case, kind, actor, f"{who}{'：' + reason if reason else ''}", handler_org=case.handler_org_id)
    if assignee is not None:
        _notice([assignee], case, kind, _("派给您的诉求：%(t)s") % {"t": case.title})
    else:
        _notify_handlers(case, kind, _("新派给您单位的诉求：%(t)s") % {"t": case.title})
    return case


def bulk_assign(*, actor, cases: list[Case], handler_org_id=None, assignee_id=None) -> tuple[int, list[str]]:
    """Assign several new cases at once; each is its own step, and a refused one names itself."""
    done, refused = 0, []
    for case in cases:
        try:
            if case.status == Status.SUBMITTED:
                case_accept(actor=actor, case=case)
            case_assign(actor=actor, case=case, handler_org_id=handler_org_id, assignee_id=assignee_id)
            done += 1
        except DomainError as exc:
            refused.append(f"{case.number}：{exc.message}")
    return done, refused


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


@transaction.atomic
def case_claim(*, actor, case: Case) -> Case:
    """Take (接单) a case routed to one's organisation or team. Atomic: of two people claiming at
    once exactly one gets it; the other is told who has it."""
    scope = scope_for(actor)
    _require(can_work(scope, case))
    if case.handler_org_id is None and not can_handle(scope, case):
        raise PermissionDeniedError(_("这件诉求由社区工作人员办理。"))
    if (
        case.handler_org_id is not None
        and case.handler_org_id not in scope.partner_org_ids
        and not can_handle(scope, case)
    ):
        raise PermissionDeniedError(_("这件诉求已派给%(org)s，请由该单位接单。") % {"org": case.handler_org})
    try:
        _move(
            case,
            frm=[Status.ACCEPTED, Status.ASSIGNED],
            to=Status.IN_PROGRESS,
            extra=Q(assignee__isnull=True) | Q(assignee_id=actor.pk),
            assignee_id=actor.pk,
        )
    except ConflictError:
        current = Case.objects.in_community(case.community_id).select_related("assignee").get(pk=case.pk)
        if current.assignee_id and current.assignee_id != actor.pk:
            raise ConflictError(
                _("这件诉求已由%(name)s接单，您不用再接。") % {"name": _name(current.assignee)}, code="taken"
            ) from None
        raise
    _event(case, CaseEvent.Kind.CLAIMED, actor, _name(actor))
    return case


@transaction.atomic
def case_progress(*, actor, case: Case, note: str, files=(), internal: bool = False) -> CaseEvent:
    scope = scope_for(actor)
    _require(can_work(scope, case))
    if case.status in DONE_STATUSES:
        raise CaseError(_("这件诉求已办结，不能再填写进展；如问题仍在，请重新打开或新建诉求。"), code="closed")
    note = (note or "").strip()
    if not note:
        raise CaseError(_("请写明办理进展。"), field="note")
    checked = _check_files(list(files))
    if case.status in (Status.ACCEPTED, Status.ASSIGNED) and (case.assignee_id in (None, actor.pk)):
        _move(case, frm=[Status.ACCEPTED, Status.ASSIGNED], to=Status.IN_PROGRESS, assignee_id=actor.pk)
    else:
        Case.objects.in_community(case.community_id).filter(pk=case.pk).update(updated_at=timezone.now())
    event = _event(case, CaseEvent.Kind.PROGRESS, actor, note[:2000], internal=internal)
    _save_files(case, event, checked, actor)
    return event


def open_commitments(case: Case) -> int:
    return JointParty.objects.in_community(case.community_id).filter(case=case, done_at__isnull=True).count()


def _require_commitments_done(case: Case) -> None:
    if case.joint and (left := open_commitments(case)):
        raise CaseError(
            _("三方联动还有%(n)d项承诺事项未完成，全部完成后才能办结。") % {"n": left}, code="commitments_open"
        )


@transaction.atomic
def case_resolve(*, actor, case: Case, note: str, files=()) -> Case:
    scope = scope_for(actor)
    _require(can_work(scope, case))
    note = (note or "").strip()
    if len(note) < MIN_REASON_LENGTH:
        raise CaseError(_("请写明办理结果（至少%(n)d个字）。") % {"n": MIN_REASON_LENGTH}, field="note")
    _require_commitments_done(case)
    checked = _check_files(list(files))
    _move(
        case,
        frm=[Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS],
        to=Status.RESOLVED,
        resolved_at=timezone.now(),
        assignee_id=case.assignee_id or actor.pk,
    )
    event = _event(case, CaseEvent.Kind.RESOLVED, actor, note[:2000])
    _save_files(case, event, checked, actor)
    if case.reporter_user_id or (case.reporter_id and case.reporter.user_id):
        user = case.reporter_user or case.reporter.user
        _notice([user], case, CaseEvent.Kind.RESOLVED, _("您反映的诉求已办理，请确认并评价：%(t)s") % {"t": case.title})
    return case


def _check_satisfaction(value) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise CaseError(_("满意度请选1到5星（5星为非常满意）。"), field="satisfaction", code="satisfaction")
    return value


@transaction.atomic
def case_confirm(*, actor, case: Case, satisfaction, comment: str = "") -> Case:
    """The reporter confirms the result (or staff record the reporter's answer by phone): closed."""
    scope = scope_for(actor)
    _require(is_reporter(scope, case) or can_handle(scope, case), _("只有反映人或社区工作人员可以确认办理结果。"))
    value = _check_satisfaction(satisfaction)
    _require_commitments_done(case)
    now = timezone.now()
    _move(
        case,
        frm=[Status.RESOLVED],
        to=Status.CLOSED,
        satisfaction=value,
        satisfaction_comment=(comment or "").strip()[:500],
        closed_at=now,
    )
    by_staff = not is_reporter(scope, case)
    note = (comment or "").strip()[:500] + (_("（工作人员电话回访记录）") if by_staff else "")
    _event(case, CaseEvent.Kind.CONFIRMED, actor, note, satisfaction=value)
    return case


@transaction.atomic
def case_reopen(*, actor, case: Case, reason: str, satisfaction=None) -> Case:
    """Not satisfied: back to whoever handled it, with the reason."""
    scope = scope_for(actor)
    _require(is_reporter(scope, case) or can_handle(scope, case), _("只有反映人或社区工作人员可以要求重新办理。"))
    reason = _reason(reason, _("不满意的原因"))
    fields = {"resolved_at": None, "closed_at": None, "reopen_count": F("reopen_count") + 1}
    if satisfaction not in (None, ""):
        fields["satisfaction"] = _check_satisfaction(satisfaction)
    _move(case, frm=[Status.RESOLVED, Status.CLOSED], to=Status.IN_PROGRESS, **fields)
    _event(case, CaseEvent.Kind.REOPENED, actor, reason)
    _notify_handlers(case, CaseEvent.Kind.REOPENED, _("居民不满意，诉求需重新办理：%(t)s") % {"t": case.title})
    return case


@transaction.atomic
def case_close(*, actor, case: Case, note: str) -> Case:
    """Staff close a resolved case whose reporter cannot be reached (anonymous, no phone)."""
    _require(can_handle(scope_for(actor), case))
    note = _reason(note, _("办结说明"))
    _require_commitments_done(case)
    _move(case, frm=[Status.RESOLVED], to=Status.CLOSED, closed_at=timezone.now())
    _event(case, CaseEvent.Kind.CLOSED, actor, note)
    return case


@transaction.atomic
def case_escalate(*, actor, case: Case, reason: str) -> Case:
    """Raise to the community secretary (and mark the case urgent)."""
    scope = scope_for(actor)
    _require(can_work(scope, case))
    reason = _reason(reason, _("上报原因"))
    _move(case, frm=LIVE_STATUSES, to=case.status, escalation=F("escalation") + 1)
    _event(case, CaseEvent.Kind.ESCALATED, actor, reason)
    _notice(_secretaries(case.community_id), case, CaseEvent.Kind.ESCALATED, _("上报：%(t)s") % {"t": case.title})
    return case


@transaction.atomic
def case_comment(*, actor, case: Case, note: str, files=()) -> CaseEvent:
    """A message on the timeline: the reporter adding detail, a handler asking a question."""
    scope = scope_for(actor)
    _require(can_work(scope, case) or is_reporter(scope, case))
    if case.status in DONE_STATUSES:
        raise CaseError(_("这件诉求已办结，不能再回复；如问题仍在，请重新打开或新建诉求。"), code="closed")
    note = (note or "").strip()
    if not note:
        raise CaseError(_("请写下要说的话。"), field="note")
    checked = _check_files(list(files))
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(updated_at=timezone.now())
    event = _event(case, CaseEvent.Kind.COMMENT, actor, note[:2000])
    _save_files(case, event, checked, actor)
    return event


@transaction.atomic
def case_merge(*, actor, case: Case, into: Case) -> Case:
    """A duplicate joins the original: closed as merged, its reporter follows the original."""
    _require(can_handle(scope_for(actor), case))
    if into.pk == case.pk or into.community_id != case.community_id:
        raise CaseError(_("只能合并到本社区的另一件诉求。"), field="into")
    if into.status not in LIVE_STATUSES:
        raise CaseError(_("诉求%(n)s已办结，不能再合并进去。") % {"n": into.number}, field="into")
    if into.merged_into_id:
        raise CaseError(_("诉求%(n)s本身已被合并。") % {"n": into.number}, field="into")
    _move(case, frm=OPEN_STATUSES, to=Status.MERGED, merged_into_id=into.pk, closed_at=timezone.now())
    _event(case, CaseEvent.Kind.MERGED, actor, _("并入%(n)s") % {"n": into.number}, into=into.pk)
    _event(into, CaseEvent.Kind.MERGED, actor, _("%(n)s（同一问题）并入本件") % {"n": case.number}, merged=case.pk)
    return case


# -- joint handling (三方联动) ----------------------------------------------------------------


PARTY_FOR_KIND = {
    PartnerOrg.Kind.PROPERTY: JointParty.Party.PROPERTY,
    PartnerOrg.Kind.HOA: JointParty.Party.HOA,
    PartnerOrg.Kind.PARTY_BRANCH: JointParty.Party.PARTY_BRANCH,
    PartnerOrg.Kind.DEPARTMENT: JointParty.Party.DEPARTMENT,
}


@transaction.atomic
def joint_start(*, actor, case: Case, org_ids: list[int], note: str = "") -> list[JointParty]:
    """Put the case to the community and the chosen partners together (三方联动)."""
    _require(can_handle(scope_for(actor), case))
    if case.status not in LIVE_STATUSES:
        raise CaseError(_("已办结的诉求不能再发起联动。"))
    orgs = [_org_in_community(case, pk) for pk in org_ids]
    if len(orgs) < 2:
        raise CaseError(_("三方联动请至少选择两家合作单位（如物业和业委会）。"), field="orgs")
    parties = [JointParty.Party.COMMUNITY] + [PARTY_FOR_KIND.get(o.kind, JointParty.Party.DEPARTMENT) for o in orgs]
    if len(set(parties)) != len(parties):
        raise CaseError(_("每一方只能选一家单位。"), field="orgs")
    rows = [JointParty(community_id=case.community_id, case=case, party=JointParty.Party.COMMUNITY)]
    rows += [
        JointParty(community_id=case.community_id, case=case, party=p, org=o)
        for p, o in zip(parties[1:], orgs, strict=True)
    ]
    existing = set(JointParty.objects.in_community(case.community_id).filter(case=case).values_list("party", flat=True))
    new = [r for r in rows if r.party not in existing]
    JointParty.objects.bulk_create(new)
    _move(case, frm=LIVE_STATUSES, to=case.status, joint=True)
    _event(case, CaseEvent.Kind.JOINT, actor, (note or "").strip()[:2000], parties=[r.party for r in rows])
    for org in orgs:
        users = get_user_model().objects.filter(memberships__partner_org=org, memberships__is_active=True)
        _notice(list(users), case, CaseEvent.Kind.JOINT, _("请参加三方联动：%(t)s") % {"t": case.title})
    return new


def _can_speak_for(scope: Scope, party: JointParty) -> bool:
    if scope.has(HANDLE_CASES, party.community_id):
        return True
    return party.org_id is not None and party.org_id in scope.partner_org_ids


@transaction.atomic
def joint_position(*, actor, party: JointParty, position: str, commitment: str, commitment_due=None) -> JointParty:
    _require(_can_speak_for(scope_for(actor), party), _("只能填写本单位的意见。"))
    if party.case.status in DONE_STATUSES:
        raise CaseError(_("这件诉求已办结。"), code="closed")
    position, commitment = (position or "").strip(), (commitment or "").strip()
    if not position and not commitment:
        raise CaseError(_("请填写本方意见或承诺事项。"), field="position")
    JointParty.objects.in_community(party.community_id).filter(pk=party.pk).update(
        position=position[:2000], commitment=commitment[:300], commitment_due=commitment_due
    )
    party.refresh_from_db()
    _event(
        party.case,
        CaseEvent.Kind.POSITION,
        actor,
        f"{party.get_party_display()}：{position}" + (f"\n{_('承诺')}：{commitment}" if commitment else ""),
        party=party.party,
    )
    return party


@transaction.atomic
def joint_done(*, actor, party: JointParty, note: str) -> JointParty:
    _require(_can_speak_for(scope_for(actor), party), _("只能确认本单位的承诺事项。"))
    note = _reason(note, _("完成情况"))
    if (
        not JointParty.objects.in_community(party.community_id)
        .filter(pk=party.pk, done_at__isnull=True)
        .update(done_at=timezone.now(), done_by=actor, done_note=note[:300])
    ):
        raise ConflictError(_("这项承诺已经确认完成过了。"))
    party.refresh_from_db()
    _event(party.case, CaseEvent.Kind.COMMITMENT_DONE, actor, f"{party.get_party_display()}：{note}", party=party.party)
    return party


# -- mediation (邻里纠纷调解) -------------------------------------------------------------------


def _require_mediation(actor, case: Case) -> None:
    _require(can_handle(scope_for(actor), case), _("调解记录由社区工作人员填写。"))
    if case.kind != Category.Kind.MEDIATION:
        raise CaseError(_("这件诉求不是纠纷调解，请先把类别改为纠纷调解类。"))


@transaction.atomic
def mediation_add_party(*, actor, case: Case, side: str, name: str, resident_id=None, address="") -> MediationParty:
    _require_mediation(actor, case)
    name = (name or "").strip()
    resident = None
    if resident_id:
        resident = Resident.objects.in_community(case.community_id).filter(pk=resident_id).first()
        if resident is None:
            raise CaseError(_("所选居民不在本社区。"), field="resident")
        name = name or resident.name
    if not name:
        raise CaseError(_("请填写当事人姓名。"), field="name")
    if side not in MediationParty.Side.values:
        raise CaseError(_("请选择当事人身份。"), field="side")
    party = MediationParty.objects.create(
        community_id=case.community_id,
        case=case,
        side=side,
        name=name[:50],
        resident=resident,
        address=(address or "").strip()[:100],
    )
    return party


@transaction.atomic
def mediation_record(*, actor, case: Case, kind: str, held_on, place: str, mediators: str, notes: str):
    _require_mediation(actor, case)
    if kind not in MediationSession.Kind.values:
        raise CaseError(_("请选择调解会或回访。"), field="kind")
    if held_on is None or held_on > timezone.localdate():
        raise CaseError(_("请填写已经发生的日期。"), field="held_on")
    if kind == MediationSession.Kind.FOLLOW_UP and not hasattr(case, "agreement"):
        raise CaseError(_("达成调解协议后才有回访。"), field="kind")
    notes = (notes or "").strip()
    if len(notes) < MIN_REASON_LENGTH or not (mediators or "").strip():
        raise CaseError(_("请填写调解人和记录。"), field="notes")
    if case.status in DONE_STATUSES and kind == MediationSession.Kind.SESSION:
        raise CaseError(_("这件纠纷已办结，只能记录回访。"), field="kind", code="closed")
    session = MediationSession.objects.create(
        community_id=case.community_id,
        case=case,
        kind=kind,
        held_on=held_on,
        place=(place or "")[:100],
        mediators=mediators.strip()[:200],
        notes=notes[:4000],
        recorded_by=actor,
    )
    event_kind = CaseEvent.Kind.SESSION if kind == MediationSession.Kind.SESSION else CaseEvent.Kind.FOLLOW_UP
    _event(case, event_kind, actor, notes[:2000], internal=True, held_on=str(held_on))
    if case.status in (Status.ACCEPTED, Status.ASSIGNED):
        _move(
            case,
            frm=[Status.ACCEPTED, Status.ASSIGNED],
            to=Status.IN_PROGRESS,
            assignee_id=case.assignee_id or actor.pk,
        )
    return session


@transaction.atomic
def mediation_agreement_save(
    *, actor, case: Case, dispute: str, terms: str, fulfilment: str, reached_on, mediators: str, signed: bool = False
) -> MediationAgreement:
    _require_mediation(actor, case)
    if not MediationParty.objects.in_community(case.community_id).filter(case=case).exists():
        raise CaseError(_("请先登记纠纷双方当事人。"))
    if len((terms or "").strip()) < MIN_REASON_LENGTH or len((dispute or "").strip()) < MIN_REASON_LENGTH:
        raise CaseError(_("请写明纠纷事实和协议内容。"), field="terms")
    if reached_on is None or reached_on > timezone.localdate():
        raise CaseError(_("请填写达成协议的日期（不能晚于今天）。"), field="reached_on")
    agreement, created = MediationAgreement.objects.in_community(case.community_id).update_or_create(
        case=case,
        defaults={
            "community_id": case.community_id,
            "dispute": dispute.strip()[:4000],
            "terms": terms.strip()[:4000],
            "fulfilment": (fulfilment or "").strip()[:300],
            "reached_on": reached_on,
            "mediators": (mediators or "").strip()[:200],
            "signed": bool(signed),
            "created_by": actor,
        },
    )
    _event(case, CaseEvent.Kind.AGREEMENT, actor, _("达成调解协议") if created else _("修改调解协议"), internal=True)
    return agreement


# -- contact, deadlines, notices ---------------------------------------------------------------


def reveal_contact(*, actor, case: Case, reason: str, request=None) -> str:
    """The reporter's full phone number for whoever handles the case, with a reason, logged."""
    scope = scope_for(actor)
    _require(can_work(scope, case), _("只有承办人可以查看反映人的完整电话。"))
    if not case.contact_phone_enc:
        raise CaseError(_("反映人没有留电话。"))
    reason = _reason(reason, _("查看原因"))
    access_log_write(
        actor=actor,
        action="reveal",
        community_id=case.community_id,
        subject_type="case",
        subject_id=case.pk,
        fields=["contact_phone"],
        reason=reason,
        request=request,
    )
    return crypto.decrypt(case.contact_phone_enc, table=TABLE, column="contact_phone", row=str(case.uid))


def masked_contact(case: Case) -> str:
    return case.contact_phone_masked


def _secretaries(community_id: int) -> list:
    return list(
        get_user_model().objects.filter(
            memberships__community_id=community_id, memberships__role=Role.SECRETARY, memberships__is_active=True
        )
    )


def handlers_of(case: Case) -> list:
    """Who is told about the case: its assignee, else the handling organisation's people, else
    the community's workers and secretaries."""
    users = get_user_model().objects.filter(is_active=True)
    if case.assignee_id:
        return list(users.filter(pk=case.assignee_id))
    if case.handler_org_id:
        return list(users.filter(memberships__partner_org_id=case.handler_org_id, memberships__is_active=True))
    return list(
        users.filter(
            memberships__community_id=case.community_id,
            memberships__role__in=[Role.SECRETARY, Role.WORKER],
            memberships__is_active=True,
        ).distinct()
    )


def _notice(users, case: Case, kind: str, text: str) -> None:
    Notice.objects.bulk_create(
        [Notice(community_id=case.community_id, user=u, case=case, kind=kind, text=text[:200]) for u in users if u]
    )


def _notify_handlers(case: Case, kind: str, text: str) -> None:
    _notice(handlers_of(case), case, kind, text)


def notices_read(*, actor, community_id: int) -> int:
    return (
        Notice.objects.visible_to(actor)
        .filter(community_id=community_id, read_at__isnull=True)
        .update(read_at=timezone.now())
    )


def sweep_deadlines(*, now: dt.datetime | None = None, batch: int = 5000) -> dict:
    """Mark live cases due soon and overdue, tell their handlers, and escalate the overdue ones to
    the community secretaries. Set-based: a run touches only cases whose state changes, so running
    it every few minutes over a million open cases is cheap. Idempotent (each case once per state)."""
    now = now or timezone.now()
    counts = {"due_soon": 0, "overdue": 0}
    live = Case.objects.unscoped().filter(status__in=LIVE_STATUSES, due_at__isnull=False)
    overdue = list(
        live.filter(due_at__lt=now, overdue_at__isnull=True)
        .select_related("category")
        .only("pk", "community_id", "title", "number", "assignee_id", "handler_org_id", "category__sla_hours")[:batch]
    )
    due_soon = list(
        live.filter(warn_at__lte=now, due_at__gte=now, due_soon_at__isnull=True, overdue_at__isnull=True).only(
            "pk", "community_id", "title", "number", "assignee_id", "handler_org_id"
        )[:batch]
    )
    handlers = _handler_map([*overdue, *due_soon])
    secretaries: dict[int, list] = {}
    with transaction.atomic():
        events, notices = [], []
        for case in due_soon:
            events.append(
                CaseEvent(
                    community_id=case.community_id,
                    case=case,
                    kind=CaseEvent.Kind.DUE_SOON,
                    note=_("即将到期"),
                    internal=True,
                    at=now,
                )
            )
            text = _("即将到期：%(n)s %(t)s") % {"n": case.number, "t": case.title}
            notices += [
                Notice(community_id=case.community_id, user_id=u, case=case, kind="due_soon", text=text[:200])
                for u in handlers(case)
            ]
        for case in overdue:
            events.append(
                CaseEvent(
                    community_id=case.community_id,
                    case=case,
                    kind=CaseEvent.Kind.OVERDUE,
                    note=_("已超过办理期限，已上报社区书记"),
                    internal=True,
                    at=now,
                )
            )
            if case.community_id not in secretaries:
                secretaries[case.community_id] = [u.pk for u in _secretaries(case.community_id)]
            text = _("已超期：%(n)s %(t)s") % {"n": case.number, "t": case.title}
            users = set(handlers(case)) | set(secretaries[case.community_id])
            notices += [
                Notice(community_id=case.community_id, user_id=u, case=case, kind="overdue", text=text[:200])
                for u in users
            ]
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        Notice.objects.bulk_create(notices, batch_size=2000)
        if due_soon:
            counts["due_soon"] = Case.objects.unscoped().filter(pk__in=[c.pk for c in due_soon]).update(due_soon_at=now)
        if overdue:
            counts["overdue"] = (
                Case.objects.unscoped()
                .filter(pk__in=[c.pk for c in overdue])
                .update(overdue_at=now, escalation=F("escalation") + 1)
            )
    if len(overdue) == batch or len(due_soon) == batch:
        more = sweep_deadlines(now=now, batch=batch)
        counts = {k: counts[k] + more[k] for k in counts}
    return counts


def _handler_map(cases: list[Case]):
    """user ids to notify per case, with one query per kind of handler rather than per case."""
    org_ids = {c.handler_org_id for c in cases if c.handler_org_id and not c.assignee_id}
    team_ids = {c.community_id for c in cases if not c.handler_org_id and not c.assignee_id}
    by_org: dict[int, list[int]] = {}
    for org_id, user_id in Membership.objects.filter(partner_org_id__in=org_ids, is_active=True).values_list(
        "partner_org_id", "user_id"
    ):
        by_org.setdefault(org_id, []).append(user_id)
    by_team: dict[int, list[int]] = {}
    for community_id, user_id in Membership.objects.filter(
        community_id__in=team_ids, role__in=[Role.SECRETARY, Role.WORKER], is_active=True
    ).values_list("community_id", "user_id"):
        by_team.setdefault(community_id, []).append(user_id)

    def handlers(case: Case) -> list[int]:
        if case.assignee_id:
            return [case.assignee_id]
        if case.handler_org_id:
            return by_org.get(case.handler_org_id, [])
        return by_team.get(case.community_id, [])

    return handlers


# -- settings ----------------------------------------------------------------------------------


def category_save(*, actor, community, category: Category | None, data: dict) -> Category:
    _require(scope_for(actor).has(MANAGE_CASE_SETTINGS, community.pk), _("只有社区书记可以设置诉求类别。"))
    category = category or Category(community=community)
    org = data.get("handler_org")
    if org is not None and org.community_id != community.pk:
        raise CaseError(_("所选承办单位不是本社区的合作单位。"), field="handler_org")
    if data.get("handler") == Category.Handler.PARTNER and org is None:
        raise CaseError(_("由合作单位承办时，请选择承办单位。"), field="handler_org")
    for key, value in data.items():
        setattr(category, key, value)
    if category.handler == Category.Handler.STAFF:
        category.handler_org = None
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise CaseError(_("本社区已有同名或同代码的类别。"), field="name") from None
    return category


@transaction.atomic
def case_set_due(*, actor, case: Case, due_at: dt.datetime) -> Case:
    """A deadline other than the category's (a follow-up task of a meeting, an agreed date)."""
    _require(can_handle(scope_for(actor), case))
    if due_at <= case.created_at:
        raise CaseError(_("办理期限要晚于登记时间。"), field="due")
    case.set_deadline(due_at)
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(
        due_at=case.due_at, warn_at=case.warn_at, due_soon_at=None, overdue_at=None
    )
    case.refresh_from_db()
    return case
