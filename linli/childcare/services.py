"""childcare's state changes. Keyword-only, `actor=` first; a refusal raises a DomainError and
changes nothing (a refused pickup writes only its event, the staff's record of who tried)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import NoReturn

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.childcare import events
from linli.childcare.models import DayRecord, Enrolment, PickupPerson, Programme
from linli.childcare.permissions import may_manage, may_run
from linli.core import crypto
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.identity import InvalidIdentity, normalize_phone
from linli.core.permissions import may_reveal
from linli.core.scoping import scope_for
from linli.core.typing import account_of
from linli.participation import selectors as engine_reads
from linli.participation import services as engine

OWNER = "childcare.programme"
PHONE_TABLE = "childcare_pickupperson"
MAX_CAPACITY = 500
MAX_PERSONS = 8  # authorised pickup persons of one child at a time


class ChildcareError(DomainError):
    pass


def _event(enrolment: Enrolment, kind: str, actor, data: dict | None = None) -> None:
    events.programme_event(programme_id=enrolment.programme_id, community_id=enrolment.community_id, kind=kind,
                           actor=account_of(actor), data=data)  # fmt: skip


def _require(actor, community_id: int, check, message: str) -> None:
    if not check(scope_for(actor), community_id):
        raise PermissionDeniedError(message)


@dataclass
class ProgrammeInput:
    title: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    day_starts: dt.time | None
    day_ends: dt.time | None
    age_min: int | None
    age_max: int | None
    capacity: int | None
    venue: str = ""


def _check(data: ProgrammeInput) -> None:
    if not (data.title or "").strip():
        raise ChildcareError(_("请填写托管班的名称。"), field="title")
    if data.starts_on is None or data.ends_on is None:
        raise ChildcareError(_("请填写开班和结束日期。"), field="starts_on")
    if data.ends_on < data.starts_on:
        raise ChildcareError(_("结束日期不能早于开班日期。"), field="ends_on")
    if data.day_starts is None or data.day_ends is None:
        raise ChildcareError(_("请填写每天的开始和结束时间。"), field="day_starts")
    if data.day_ends <= data.day_starts:
        raise ChildcareError(_("每天的结束时间要晚于开始时间。"), field="day_ends")
    if data.age_min is None or data.age_max is None or not 0 <= data.age_min <= data.age_max <= 17:
        raise ChildcareError(_("年龄范围请填0到17岁，最小年龄不能大于最大年龄。"), field="age_min")
    if data.capacity is None or not 1 <= data.capacity <= MAX_CAPACITY:
        raise ChildcareError(_("名额请填1到500。"), field="capacity")


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def _offering_input(p: Programme) -> engine.OfferingInput:
    """Sign-up stays open while the class runs (a family may join late); the ages are the engine's
    audience rule, so a child outside them is refused by the engine with its message."""
    starts, ends = _at(p.starts_on, p.day_starts), _at(p.ends_on, p.day_ends)
    return engine.OfferingInput(
        title=p.title, starts_at=starts, ends_at=ends, capacity=p.capacity, closes_at=ends, cancel_until=ends,
        audience={"min_age": p.age_min, "max_age": p.age_max},
    )  # fmt: skip


def programme_save(*, actor, community_id: int, data: ProgrammeInput, programme: Programme | None = None) -> Programme:
    """Create or change a programme and its offering on the engine (see programme_update)."""
    return _save(actor=actor, community_id=community_id, data=data, programme=programme)[0]


def programme_update(*, actor, programme: Programme, data: ProgrammeInput) -> tuple[Programme, list]:
    """Change a programme's dates, ages, capacity or schedule. A capacity below the children already
    accepted is refused with both numbers; a larger one promotes the next waiting, in their order,
    also while the class runs. Returns the programme and the registrations promoted."""
    return _save(actor=actor, community_id=programme.community_id, data=data, programme=programme)


@transaction.atomic
def _save(*, actor, community_id: int, data: ProgrammeInput, programme: Programme | None) -> tuple[Programme, list]:
    _require(actor, community_id, may_manage, _("只有社区工作人员可以开设托管班。"))
    _check(data)
    offering = None
    if programme is not None and programme.offering_id:
        offering = engine_reads.offering_by_id(community_id, programme.offering_id)
    if offering is not None and data.capacity is not None and data.capacity < offering.confirmed:
        numbers = {"n": offering.confirmed, "cap": data.capacity}
        message = _("已录取%(n)d个孩子，名额不能改成%(cap)d个，至少要%(n)d个。") % numbers
        raise ChildcareError(message, field="capacity", code="below_taken")
    row = programme or Programme(community_id=community_id)
    for name in ("starts_on", "ends_on", "day_starts", "day_ends", "age_min", "age_max", "capacity"):
        setattr(row, name, getattr(data, name))
    row.title, row.venue = data.title.strip()[:120], (data.venue or "").strip()[:100]
    created = row.pk is None
    row.save()
    row.offering = engine.offering_save(
        actor=actor, community_id=community_id, owner_type=OWNER, owner_id=row.pk, data=_offering_input(row),
        offering=row.offering,
    )  # fmt: skip
    row.save(update_fields=["offering"])
    if created:
        events.programme_event(programme_id=row.pk, community_id=community_id, kind="programme_created",
                               actor=account_of(actor), data={"title": row.title})  # fmt: skip
        return row, []
    promoted = engine.promote(row=row.offering, actor=actor, until=row.offering.ends_at)  # the offering is locked
    changed = {"capacity": row.capacity, "promoted": len(promoted)}
    events.programme_event(programme_id=row.pk, community_id=community_id, kind="programme_changed",
                           actor=account_of(actor), data=changed)  # fmt: skip
    return row, promoted


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


@transaction.atomic
def apply(*, actor, programme: Programme, child, note: str = "") -> Enrolment:
    """A parent (the head of the child's household) or the staff at the desk applies for a child: a
    place if one is left, else a place on the waitlist. The engine refuses a child outside the ages,
    one already applied for, or anyone acting for a child not his own. A child withdrawn earlier may
    apply again: his enrolment takes the new sign-up (at the back of the queue) and a new pickup code;
    the persons authorised to pick him up stay."""
    if child.community_id != programme.community_id:
        raise ChildcareError(_("只有本社区的孩子可以报名。"), field="child")
    earlier = (
        Enrolment.objects.in_community(programme.community_id).filter(programme=programme, child=child)
        .select_related("registration").select_for_update().first()
    )  # fmt: skip
    if earlier is not None and earlier.registration.status != "cancelled":
        raise ConflictError(_("%(name)s已经报过名了。") % {"name": child.name}, code="duplicate")
    if programme.offering is None:  # saved by programme_save with its offering: only a broken row lacks one
        raise ChildcareError(_("这个托管班还没有开放报名。"))
    registration = engine.register(actor=actor, offering=programme.offering, resident=child, note=note)
    if earlier is not None:
        earlier.registration, earlier.pickup_code, earlier.applied_by = registration, _new_code(), account_of(actor)
        earlier.save(update_fields=["registration", "pickup_code", "applied_by"])
        enrolment = earlier
    else:
        enrolment = Enrolment.objects.create(
            community_id=programme.community_id, programme=programme, child=child, registration=registration,
            pickup_code=_new_code(), applied_by=account_of(actor),
        )  # fmt: skip
    events.programme_event(programme_id=programme.pk, community_id=programme.community_id, kind="child_applied",
                           actor=account_of(actor), data={"status": registration.status})  # fmt: skip
    return enrolment


@transaction.atomic
def withdraw(*, actor, enrolment: Enrolment) -> None:
    """Take the child out (a place freed goes to the first waiting, by the engine, while the class runs too)."""
    registration = enrolment.registration
    engine.cancel(actor=actor, registration=registration, promote_until=registration.offering.ends_at)
    _event(enrolment, "child_withdrawn", actor)


def _confirmed(enrolment: Enrolment) -> None:
    if enrolment.registration.status != "confirmed":
        raise ChildcareError(_("%(name)s还在候补名单上，没有托管名额。") % {"name": enrolment.child.name})


def is_parent_of(actor, enrolment: Enrolment) -> bool:
    """The actor heads the household of the enrolment's child (the engine's rule for acting for a child)."""
    kids = engine_reads.children_of(actor, enrolment.community_id, timezone.localdate())
    return any(kid.pk == enrolment.child_id for kid in kids)


def _staff_or_parent(actor, enrolment: Enrolment, message: str) -> bool:
    """True when the actor acts as the child's parent, False as the class's staff; anyone else is refused."""
    if may_run(scope_for(actor), enrolment.community_id):
        return False
    if is_parent_of(actor, enrolment):
        return True
    raise PermissionDeniedError(message)


def _not_withdrawn(enrolment: Enrolment) -> None:
    enrolment.registration.refresh_from_db(fields=["status"])
    if enrolment.registration.status == "cancelled":
        raise ConflictError(_("%(name)s已经退出托管班了。") % {"name": enrolment.child.name}, code="withdrawn")


@transaction.atomic
def pickup_person_add(*, actor, enrolment: Enrolment, name: str, relation: str, phone: str) -> PickupPerson:
    """Staff at the desk, or the parent on his page (the staff see it was the parent, and when)."""
    by_parent = _staff_or_parent(actor, enrolment, _("只有托管班的工作人员或孩子的家长可以登记接送人。"))
    _not_withdrawn(enrolment)
    active = PickupPerson.objects.in_community(enrolment.community_id).filter(enrolment=enrolment, active=True)
    if active.count() >= MAX_PERSONS:
        raise ChildcareError(_("每个孩子最多登记%(n)d位接送人，请先取消一位。") % {"n": MAX_PERSONS}, field="name")
    name = (name or "").strip()
    if not name or len(name) > 50:
        raise ChildcareError(_("请填写接送人的姓名（50字以内）。"), field="name")
    if relation not in PickupPerson.Relation.values:
        raise ChildcareError(_("请选择接送人与孩子的关系。"), field="relation")
    try:
        number = normalize_phone(phone or "")
    except InvalidIdentity as exc:
        raise ChildcareError(str(exc), field="phone") from None
    row = PickupPerson(community_id=enrolment.community_id, enrolment=enrolment, name=name, relation=relation,
                       added_by=account_of(actor), added_by_parent=by_parent)  # fmt: skip
    row.phone_enc = crypto.encrypt(number, table=PHONE_TABLE, column="phone", row=str(row.uid))
    row.phone_last4 = number[-4:]
    row.save()
    _event(enrolment, "pickup_person_added", actor, {"relation": relation, "by_parent": by_parent})
    return row


@transaction.atomic
def pickup_person_remove(*, actor, person: PickupPerson) -> None:
    enrolment = person.enrolment
    by_parent = _staff_or_parent(actor, enrolment, _("只有托管班的工作人员或孩子的家长可以取消接送人。"))
    rows = PickupPerson.objects.in_community(person.community_id).filter(pk=person.pk, active=True)
    changes = {"removed_at": timezone.now(), "removed_by": account_of(actor), "removed_by_parent": by_parent}
    if not rows.update(active=False, **changes):
        raise ConflictError(_("这位接送人已经取消了。"), code="inactive")
    person.active = False
    for name, value in changes.items():
        setattr(person, name, value)
    _event(enrolment, "pickup_person_removed", actor, {"by_parent": by_parent})


@transaction.atomic
def pickup_code_renew(*, actor, enrolment: Enrolment) -> str:
    """A new pickup code (the old one leaked, a helper changed): the old one is refused at the door at once."""
    by_parent = _staff_or_parent(actor, enrolment, _("只有托管班的工作人员或孩子的家长可以更换接送码。"))
    _not_withdrawn(enrolment)
    code = _new_code()
    while code == enrolment.pickup_code:
        code = _new_code()
    Enrolment.objects.in_community(enrolment.community_id).filter(pk=enrolment.pk).update(pickup_code=code)
    enrolment.pickup_code = code
    _event(enrolment, "pickup_code_renewed", actor, {"by_parent": by_parent})
    return code


def pickup_phone_reveal(*, actor, person: PickupPerson, reason: str, request=None) -> str:
    """The pickup person's full number for staff who may reveal personal data, with a reason, logged."""
    scope = scope_for(actor)
    user = account_of(actor)
    if user is None or not (may_run(scope, person.community_id) and may_reveal(scope, person.community_id)):
        raise PermissionDeniedError(_("只有有查看权限的托管班工作人员可以查看完整电话。"))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ChildcareError(_("请写明查看原因（至少%(n)d个字）。") % {"n": MIN_REASON_LENGTH}, field="reason")
    access_log_write(actor=user, action="reveal", community_id=person.community_id,
                     subject_type=PHONE_TABLE, subject_id=person.pk, fields=["phone"], reason=reason,
                     request=request)  # fmt: skip
    return crypto.decrypt(person.phone_enc, table=PHONE_TABLE, column="phone", row=str(person.uid))


@transaction.atomic
def arrive(*, actor, enrolment: Enrolment, at: dt.datetime | None = None) -> DayRecord:
    """The child is signed in at the door, once a day, on the days the programme runs."""
    _require(actor, enrolment.community_id, may_run, _("只有托管班的工作人员可以签到。"))
    _confirmed(enrolment)
    at = at or timezone.now()
    day, programme = timezone.localdate(at), enrolment.programme
    if not programme.runs_on(day):
        raise ChildcareError(
            _("托管班%(start)s至%(end)s开班，今天不开班。") % {"start": programme.starts_on, "end": programme.ends_on}
        )
    rows = DayRecord.objects.in_community(enrolment.community_id)
    if rows.filter(enrolment=enrolment, day=day).exists():
        raise ConflictError(_("%(name)s今天已经签到了。") % {"name": enrolment.child.name}, code="twice")
    try:
        with transaction.atomic():
            record = rows.create(community_id=enrolment.community_id, enrolment=enrolment, day=day, arrived_at=at,
                                 arrived_by=account_of(actor))  # fmt: skip
    except IntegrityError:  # another tap won
        raise ConflictError(_("%(name)s今天已经签到了。") % {"name": enrolment.child.name}, code="twice") from None
    events.programme_event(programme_id=programme.pk, community_id=enrolment.community_id, kind="child_arrived",
                           actor=account_of(actor))  # fmt: skip
    return record


def _refuse_pickup(actor, enrolment: Enrolment, reason: str, who: str) -> NoReturn:
    """Write the refusal's event (this function is not atomic: the event stays) and raise."""
    events.programme_event(
        programme_id=enrolment.programme_id, community_id=enrolment.community_id, kind="pickup_refused",
        actor=account_of(actor), data={"enrolment": enrolment.pk, "child": enrolment.child.name[:1] + "*",
                                       "who": who[:20], "reason": reason},
    )  # fmt: skip
    raise PermissionDeniedError(reason)


def pickup(*, actor, enrolment: Enrolment, person_id: int | None, code: str, name: str = "",
           at: dt.datetime | None = None) -> DayRecord:  # fmt: skip
    """The child leaves with an authorised pickup person who gives the child's pickup code. Anyone
    else (not on the list, removed, a wrong code) is refused and the refusal logged for the staff."""
    _require(actor, enrolment.community_id, may_run, _("只有托管班的工作人员可以办理接送。"))
    at = at or timezone.now()
    day = timezone.localdate(at)
    record = DayRecord.objects.in_community(enrolment.community_id).filter(enrolment=enrolment, day=day).first()
    if record is None:
        raise ChildcareError(_("%(name)s今天还没有签到。") % {"name": enrolment.child.name})
    if record.left_at is not None:
        raise ConflictError(_("%(name)s今天已经被接走了。") % {"name": enrolment.child.name}, code="left")
    persons = PickupPerson.objects.in_community(enrolment.community_id).filter(enrolment=enrolment, active=True)
    person = persons.filter(pk=person_id).first() if person_id else None
    if person is None:
        who = (name or "").strip() or _("未登记的人")
        _refuse_pickup(actor, enrolment, _("%(who)s不是登记的接送人，不能接走孩子。") % {"who": who}, who)
    if (code or "").strip() != enrolment.pickup_code:
        _refuse_pickup(actor, enrolment, _("接送码不对，不能接走孩子。"), person.name)
    with transaction.atomic():
        updated = (
            DayRecord.objects.in_community(enrolment.community_id)
            .filter(pk=record.pk, left_at__isnull=True)
            .update(left_at=at, picked_up_by=person, left_by=account_of(actor))
        )
        if not updated:
            raise ConflictError(_("%(name)s今天已经被接走了。") % {"name": enrolment.child.name}, code="left")
        _event(enrolment, "child_picked_up", actor, {"relation": person.relation})
    record.refresh_from_db()
    return record
