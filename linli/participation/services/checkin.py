"""At the door: the organiser scans a resident's code or ticks his name on the roll, adds walk-ins,
and (where hours matter) checks people out. A person is at an offering once: a double tap, or two
organisers scanning the same code, counts one attendance (the database's unique constraint)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.typing import Actor, account_of
from linli.participation import events, owners, tokens
from linli.participation.models import Attendance, Offering, Registration
from linli.participation.services.common import ParticipationError, fmt, refuse_if_cancelled

Status = Registration.Status


def _require_runner(actor: Actor, offering: Offering) -> None:
    if not owners.may_run(actor, offering):
        raise PermissionDeniedError(_("只有组织者可以签到。"))


def _check_doors(offering: Offering) -> None:
    refuse_if_cancelled(offering)
    now = timezone.now()
    if now < offering.checkin_opens_at:
        raise ParticipationError(
            _("还没到签到时间（%(at)s开始签到）。") % {"at": fmt(offering.checkin_opens_at)}, code="too_early"
        )
    if now > offering.ends_at:
        raise ParticipationError(
            _("活动已经结束（%(at)s），不能再签到。") % {"at": fmt(offering.ends_at)}, code="ended"
        )


def _compound_of(resident) -> int | None:
    from linli.places.models import Dwelling

    if not resident.dwelling_id:
        return None
    dwelling = Dwelling.objects.in_community(resident.community_id).filter(pk=resident.dwelling_id)
    return dwelling.values_list("building__compound_id", flat=True).first()


def _attend(*, actor: Actor, offering: Offering, resident, registration=None, name: str = "", walk_in=False):
    """(attendance, created): the row once, whoever taps first."""
    if resident is not None:
        existing = Attendance.objects.in_community(offering.community_id).filter(offering=offering, resident=resident)
        if (found := existing.first()) is not None:
            return found, False
    row = Attendance(
        community_id=offering.community_id, offering=offering, registration=registration, resident=resident,
        name=(name or (resident.name if resident else ""))[:50], checked_in_by=account_of(actor), walk_in=walk_in,
        compound_id=_compound_of(resident) if resident else None,
        month=timezone.localdate(offering.starts_at).replace(day=1),
    )  # fmt: skip
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # the other tap won
        return Attendance.objects.in_community(offering.community_id).get(offering=offering, resident=resident), False
    if registration is not None and registration.offering_id == offering.pk and registration.status != Status.ATTENDED:
        Registration.objects.in_community(offering.community_id).filter(pk=registration.pk).update(
            status=Status.ATTENDED
        )
        registration.status = Status.ATTENDED
    events.checked_in_event(attendance=row, actor=actor)
    return row, True


@transaction.atomic
def check_in(*, actor: Actor, offering: Offering, registration: Registration) -> tuple[Attendance, bool]:
    """Tick a registered person on the roll (for a course, on the roll of one of its sessions)."""
    _require_runner(actor, offering)
    if registration.community_id != offering.community_id or registration.offering_id != offering.enrolment.pk:
        raise ParticipationError(_("这个人没有报名这场活动。"), code="wrong_offering")
    _check_doors(offering)
    if registration.status == Status.WAITLISTED:
        raise ParticipationError(
            _("%(name)s还在候补名单上，没有名额；可以按现场报名签到。") % {"name": registration.resident.name},
            code="waitlisted",
        )
    if registration.status == Status.CANCELLED:
        raise ParticipationError(_("%(name)s的报名已经取消。") % {"name": registration.resident.name}, code="cancelled")
    return _attend(actor=actor, offering=offering, resident=registration.resident, registration=registration)


@transaction.atomic
def check_in_code(*, actor: Actor, offering: Offering, code: str) -> tuple[Attendance, bool]:
    """Check in the holder of a scanned code. A code of another community or another offering is
    refused by name, before anything is written."""
    _require_runner(actor, offering)
    read = tokens.read_code(code)
    if read is None:
        raise ParticipationError(_("这不是邻里的签到码，或者签到码不完整。"), code="bad_code")
    if read.community_id != offering.community_id:
        raise ParticipationError(_("这是其他社区的签到码，不能在这里签到。"), code="other_community")
    if read.offering_id != offering.enrolment.pk:
        other = Offering.objects.in_community(offering.community_id).filter(pk=read.offering_id).first()
        title = other.title if other else _("另一场活动")
        raise ParticipationError(
            _("这是“%(other)s”的签到码，不是“%(title)s”的。") % {"other": title, "title": offering.title},
            code="other_offering",
        )
    registration = (
        Registration.objects.in_community(offering.community_id)
        .select_related("resident", "offering")
        .filter(pk=read.registration_id, offering_id=read.offering_id)
        .first()
    )
    if registration is None:
        raise ParticipationError(_("签到码对应的报名不存在。"), code="bad_code")
    return check_in(actor=actor, offering=offering, registration=registration)


@transaction.atomic
def walk_in(*, actor: Actor, offering: Offering, resident=None, name: str = "") -> tuple[Attendance, bool]:
    """Someone who came without a place: a resident on the register, or a name."""
    _require_runner(actor, offering)
    _check_doors(offering)
    if resident is None and not (name or "").strip():
        raise ParticipationError(_("请填写现场参加人的姓名。"), field="name")
    if resident is not None and resident.community_id != offering.community_id:
        raise ParticipationError(_("只能登记本社区的居民。"), code="not_resident")
    registration = None
    if resident is not None:
        registration = (
            Registration.objects.in_community(offering.community_id)
            .filter(offering=offering.enrolment, resident=resident, status__in=Registration.PLACED)
            .first()
        )
    return _attend(actor=actor, offering=offering, resident=resident, registration=registration,
                   name=name.strip(), walk_in=registration is None)  # fmt: skip


@transaction.atomic
def check_out(*, actor: Actor, attendance: Attendance) -> Attendance:
    offering = attendance.offering
    _require_runner(actor, offering)
    if not offering.hours_matter:
        raise ParticipationError(_("这项活动不用签退。"), code="no_hours")
    changed = (
        Attendance.objects.in_community(attendance.community_id)
        .filter(pk=attendance.pk, checked_out_at__isnull=True)
        .update(checked_out_at=timezone.now())
    )
    if not changed:
        raise ConflictError(_("已经签退过了。"), code="duplicate")
    attendance.refresh_from_db(fields=["checked_out_at"])
    return attendance


@transaction.atomic
def mark_no_shows(*, actor: Actor, offering: Offering) -> int:
    """After the end: those who held a place and never came are recorded as no-shows."""
    _require_runner(actor, offering)
    if timezone.now() < offering.ends_at:
        raise ParticipationError(_("活动结束后才能登记未到。"), code="not_ended")
    return (
        Registration.objects.in_community(offering.community_id)
        .filter(offering=offering, status=Status.CONFIRMED)
        .update(status=Status.NO_SHOW)
    )


@transaction.atomic
def roll_mark(*, actor: Actor, offering: Offering, resident, present: bool, walk_in: bool = False) -> bool:
    """The roll taken by ticking names, as a lecturer does on the phone during or after a class (from
    the paper list, the same evening or days later): from the offering's day on, not before; not at a
    cancelled one. Marking twice is marking once; unticking removes the attendance. Returns whether
    the resident is now present. A resident without a place must come as a walk-in (`walk_in`)."""
    _require_runner(actor, offering)
    refuse_if_cancelled(offering)
    day = timezone.localdate(offering.starts_at)
    if day > timezone.localdate():
        raise ParticipationError(
            _("这次在%(date)s，还没到日子，不能点名。") % {"date": day.isoformat()}, code="not_yet"
        )
    if resident.community_id != offering.community_id:
        raise ParticipationError(_("只能登记本社区的居民。"), code="not_resident")
    registration = (
        Registration.objects.in_community(offering.community_id)
        .filter(offering=offering.enrolment, resident=resident, status__in=Registration.PLACED)
        .first()
    )
    if registration is None and not walk_in:
        raise ParticipationError(
            _("%(name)s没有报名；如是现场来的，请用“现场加入”。") % {"name": resident.name}, code="not_registered"
        )
    if not present:
        Attendance.objects.in_community(offering.community_id).filter(offering=offering, resident=resident).delete()
        return False
    _attend(actor=actor, offering=offering, resident=resident, registration=registration,
            walk_in=registration is None)  # fmt: skip
    return True
