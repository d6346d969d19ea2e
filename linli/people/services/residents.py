"""Changes to residents: register, edit, move out and back in, reveal a number (logged), erase
(PIPL Art. 47). Every write checks permission and scope, validates, keeps history, and leaves
nothing half-saved."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from linli.core import crypto
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.models import AccessLog
from linli.core.permissions import REVEAL_PII
from linli.core.scoping import scope_for
from linli.people import errors
from linli.people.errors import PeopleError
from linli.people.models import HouseholdMember, Move, Resident, ResidentNameKey, ResidentTag, Talent
from linli.people.names import name_keys
from linli.people.permissions import ERASE_PERSONAL_DATA
from linli.people.services.base import PII_FIELDS, TABLE, check_dwelling, leave, locked, require_edit
from linli.people.services.input import UNCHANGED, ResidentInput, apply_input

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from linli.tenancy.models import Community


def _write_name_keys(resident: Resident) -> None:
    ResidentNameKey.objects.in_community(resident.community_id).filter(resident=resident).delete()
    ResidentNameKey.objects.bulk_create(
        ResidentNameKey(community_id=resident.community_id, resident=resident, key=k) for k in name_keys(resident.name)
    )


def _save_unique(resident: Resident) -> None:
    try:
        with transaction.atomic():
            resident.save()
    except IntegrityError as exc:
        if "id_number" in str(exc) or "resident_unique_id_number" in str(exc):
            raise PeopleError(errors.DUPLICATE_ID, field="id_number", code="duplicate") from None
        raise


@transaction.atomic
def resident_create(*, actor: User, community: Community, data: ResidentInput) -> Resident:
    scope = scope_for(actor)
    require_edit(scope, community.pk)
    resident = Resident(community=community)
    if data.id_number is UNCHANGED:
        data.id_number = ""
    if data.phone is UNCHANGED:
        data.phone = ""
    apply_input(resident, data)
    resident.dwelling = check_dwelling(scope, community.pk, data.dwelling_id)
    resident.moved_in_date = data.moved_in_date
    resident._history_user = actor
    _save_unique(resident)
    _write_name_keys(resident)
    Move.objects.create(
        community=community,
        resident=resident,
        kind=Move.Kind.IN,
        date=data.moved_in_date or timezone.localdate(),
        dwelling=resident.dwelling,
        reason="登记",
        recorded_by=actor,
    )
    return resident


@transaction.atomic
def resident_update(*, actor: User, resident: Resident, data: ResidentInput, expected_version: int | None) -> Resident:
    scope = scope_for(actor)
    require_edit(scope, resident.community_id)
    current = locked(resident, expected_version)
    old_name = current.name
    apply_input(current, data)
    moved_from = current.dwelling_id
    if data.dwelling_id != moved_from:
        current.dwelling = check_dwelling(scope, current.community_id, data.dwelling_id)
    current.version += 1
    current._history_user = actor
    _save_unique(current)
    if current.dwelling_id != moved_from and current.dwelling_id is not None:
        Move.objects.create(
            community_id=current.community_id, resident=current, kind=Move.Kind.WITHIN, date=timezone.localdate(),
            dwelling=current.dwelling, recorded_by=actor,
        )  # fmt: skip
    if current.name != old_name:
        _write_name_keys(current)
    return current


@transaction.atomic
def resident_move_out(
    *,
    actor: User,
    resident: Resident,
    date: dt.date,
    place: str = "",
    reason: str = "",
    deceased: bool = False,
    expected_version: int | None = None,
) -> Resident:
    """Archive a resident who moved away (or died): never deleted, leaves the household."""
    scope = scope_for(actor)
    require_edit(scope, resident.community_id)
    current = locked(resident, expected_version)
    if current.status != Resident.Status.ACTIVE:
        raise PeopleError(errors.ALREADY_MOVED_OUT, code="already_moved_out")
    if date > timezone.localdate():
        raise PeopleError(errors.MOVE_DATE_FUTURE, field="date")
    if current.moved_in_date and date < current.moved_in_date:
        raise PeopleError(errors.MOVE_DATE_BEFORE_IN, field="date")
    current.status = Resident.Status.DECEASED if deceased else Resident.Status.MOVED_OUT
    current.moved_out_date = date
    current.version += 1
    current._history_user = actor
    current.save()
    for member in HouseholdMember.objects.in_community(current.community_id).filter(
        resident=current, left_date__isnull=True
    ):
        leave(member, date, actor)
    kind = Move.Kind.DECEASED if deceased else Move.Kind.OUT
    Move.objects.create(
        community_id=current.community_id,
        resident=current,
        kind=kind,
        date=date,
        dwelling=current.dwelling,
        place=place,
        reason=reason,
        recorded_by=actor,
    )
    return current


@transaction.atomic
def resident_move_back_in(
    *, actor: User, resident: Resident, date: dt.date, dwelling_id: int | None, place: str = ""
) -> Resident:
    scope = scope_for(actor)
    require_edit(scope, resident.community_id)
    current = locked(resident, None)
    if current.status == Resident.Status.ACTIVE:
        raise PeopleError(errors.NOT_MOVED_OUT, code="active")
    if date > timezone.localdate():
        raise PeopleError(errors.MOVE_DATE_FUTURE, field="date")
    current.dwelling = check_dwelling(scope, current.community_id, dwelling_id)
    current.status, current.moved_in_date, current.moved_out_date = Resident.Status.ACTIVE, date, None
    current.version += 1
    current._history_user = actor
    current.save()
    Move.objects.create(
        community_id=current.community_id,
        resident=current,
        kind=Move.Kind.IN,
        date=date,
        dwelling=current.dwelling,
        place=place,
        recorded_by=actor,
    )
    return current


def resident_reveal(
    *, actor: User, resident: Resident, field: str, reason: str, request: HttpRequest | None = None
) -> str:
    """The full ID or phone number, for an actor allowed to see it, with the reason logged."""
    scope = scope_for(actor)
    if field not in PII_FIELDS:
        raise PeopleError(errors.UNKNOWN_FIELD, field="field")
    if not scope.has(REVEAL_PII, resident.community_id):
        raise PeopleError(errors.NOT_ALLOWED, code="forbidden")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise PeopleError(errors.REASON_REQUIRED, field="reason")
    stored = getattr(resident, f"{field}_enc")
    if not stored:
        raise PeopleError(errors.NO_VALUE, field="field", code="empty")
    value = crypto.decrypt(stored, table=TABLE, column=field, row=str(resident.uid))
    access_log_write(
        actor=actor,
        action=AccessLog.Action.REVEAL,
        community_id=resident.community_id,
        subject_type="resident",
        subject_id=resident.pk,
        fields=[field],
        reason=reason,
        request=request,
    )
    return value


def resident_pii(resident: Resident, field: str) -> str:
    """Decrypt for masking on the server. Raises DecryptionError rather than passing ciphertext on."""
    stored = getattr(resident, f"{field}_enc")
    return crypto.decrypt(stored, table=TABLE, column=field, row=str(resident.uid)) if stored else ""


ERASED_NAME = "（已删除）"


@transaction.atomic
def resident_erase(*, actor: User, resident: Resident, reason: str, request: HttpRequest | None = None) -> Resident:
    """Anonymise a resident who has moved out (PIPL Art. 47), in one transaction: the record, its
    change history, search keys, tags and talents. The row stays, so counts and households keep
    their shape; what remains says only that someone was erased, when, by whom and why."""
    if not scope_for(actor).has(ERASE_PERSONAL_DATA, resident.community_id):
        raise PeopleError(errors.ERASE_NOT_ALLOWED, code="forbidden")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise PeopleError(errors.ERASE_REASON, field="reason")
    current = locked(resident, None)
    if current.status == Resident.Status.ACTIVE:
        raise PeopleError(errors.ERASE_ACTIVE, code="active")
    blank = {
        "name": ERASED_NAME, "name_pinyin": "", "name_abbr": "", "name_shengmu": "", "gender": "", "birth_date": None,
        "ethnicity": "", "id_number_enc": "", "id_number_bidx": "", "phone_enc": "", "phone_bidx": "",
        "phone_last4": "", "hukou_area_code": "", "hukou_address": "", "occupation": "", "free_time": "", "notes": "",
        "user": None,
    }  # fmt: skip
    for name, value in blank.items():
        setattr(current, name, value)
    current.version += 1
    current.skip_history_when_saving = True  # the history is rewritten below, not extended
    current.save()
    del current.skip_history_when_saving
    tracked = {f.name for f in current.history.model._meta.get_fields()}
    current.history.update(**{k: v for k, v in blank.items() if k in tracked})
    ResidentNameKey.objects.in_community(current.community_id).filter(resident=current).delete()
    Talent.objects.in_community(current.community_id).filter(resident=current).delete()
    ResidentTag.objects.in_community(current.community_id).filter(resident=current).delete()
    Move.objects.in_community(current.community_id).filter(resident=current).update(place="", reason="")
    access_log_write(
        actor=actor, action=AccessLog.Action.ERASE, community_id=current.community_id, subject_type="resident",
        subject_id=current.pk, fields=["all"], reason=reason, request=request,
    )  # fmt: skip
    return current
