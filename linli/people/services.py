"""Changes to the registry of people. Every write checks permission and scope, validates,
keeps history, and leaves nothing half-saved."""

import datetime as dt
from dataclasses import dataclass, fields

from django.db import IntegrityError, transaction
from django.utils import timezone

from linli.core import crypto
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.identity import InvalidIdentity, normalize_phone, parse_id_number
from linli.core.models import AccessLog
from linli.core.normalize import normalize_name
from linli.core.permissions import REVEAL_PII
from linli.core.scoping import Scope, scope_for
from linli.people import errors
from linli.people.errors import PeopleError, StaleEditError
from linli.people.models import (
    Household,
    HouseholdMember,
    Move,
    Relation,
    Resident,
    ResidentNameKey,
    ResidentTag,
    Tag,
    Talent,
)
from linli.people.names import name_keys, pinyin_keys
from linli.people.permissions import EDIT_PEOPLE, MANAGE_TAGS
from linli.places.models import Dwelling
from linli.places.scope import places_scope

TABLE = "people_resident"
PII_FIELDS = ("id_number", "phone")
UNCHANGED = object()


@dataclass
class ResidentInput:
    """What a form, the API or an import gives for a resident. `id_number`/`phone` left as
    UNCHANGED keep the stored value on update; an empty string clears it."""

    name: str
    gender: str = ""
    birth_date: dt.date | None = None
    ethnicity: str = "汉族"
    id_number: object = UNCHANGED
    phone: object = UNCHANGED
    residence: str = Resident.Residence.REGISTERED
    hukou_area_code: str = ""
    hukou_address: str = ""
    dwelling_id: int | None = None
    moved_in_date: dt.date | None = None
    occupation: str = ""
    free_time: str = ""
    notes: str = ""


PLAIN_FIELDS = [f.name for f in fields(ResidentInput) if f.name not in ("id_number", "phone", "dwelling_id")]
# Read from the ID number when there is one: an empty input keeps what is stored.
DERIVED_FIELDS = ("gender", "birth_date", "hukou_area_code")


def _require_edit(scope: Scope, community_id: int) -> None:
    if not scope.has(EDIT_PEOPLE, community_id):
        raise PeopleError(errors.NOT_ALLOWED, code="forbidden")


def _check_dwelling(scope: Scope, community_id: int, dwelling_id: int | None) -> Dwelling | None:
    if dwelling_id is None:
        if not scope.is_superuser and community_id not in scope.full_community_ids:
            raise PeopleError(errors.DWELLING_REQUIRED_FOR_GRID, field="dwelling")
        return None
    dwelling = Dwelling.objects.unscoped().select_related("building").filter(pk=dwelling_id).first()
    if dwelling is None or dwelling.community_id != community_id:
        raise PeopleError(errors.DWELLING_OTHER_COMMUNITY, field="dwelling")
    narrowed = not scope.is_superuser and community_id not in scope.full_community_ids
    if narrowed and dwelling.building.grid_id not in places_scope(scope).grid_ids:
        raise PeopleError(errors.DWELLING_OUTSIDE_GRID, field="dwelling")
    return dwelling


def _set_id_number(resident: Resident, raw: str, data: ResidentInput) -> None:
    if not raw.strip():
        resident.id_number_enc = resident.id_number_bidx = ""
        return
    try:
        card = parse_id_number(raw)
    except InvalidIdentity as exc:
        raise PeopleError(str(exc), field="id_number") from None
    if data.gender and data.gender != card.gender:
        raise PeopleError(errors.GENDER_MISMATCH, field="gender")
    if data.birth_date and data.birth_date != card.birth_date:
        raise PeopleError(errors.BIRTH_MISMATCH, field="birth_date")
    resident.gender, resident.birth_date = card.gender, card.birth_date
    resident.id_number_enc = crypto.encrypt(card.number, table=TABLE, column="id_number", row=str(resident.uid))
    resident.id_number_bidx = crypto.blind_index(card.number, purpose="id_number")
    if not data.hukou_area_code and not resident.hukou_area_code:
        resident.hukou_area_code = card.number[:6]


def _check_against_stored_id(resident: Resident, data: ResidentInput) -> None:
    card = parse_id_number(
        crypto.decrypt(resident.id_number_enc, table=TABLE, column="id_number", row=str(resident.uid))
    )
    if data.gender and data.gender != card.gender:
        raise PeopleError(errors.GENDER_MISMATCH, field="gender")
    if data.birth_date and data.birth_date != card.birth_date:
        raise PeopleError(errors.BIRTH_MISMATCH, field="birth_date")
    resident.gender, resident.birth_date = card.gender, card.birth_date


def _set_phone(resident: Resident, raw: str) -> None:
    if not raw.strip():
        resident.phone_enc = resident.phone_bidx = resident.phone_last4 = ""
        return
    try:
        number = normalize_phone(raw)
    except InvalidIdentity as exc:
        raise PeopleError(str(exc), field="phone") from None
    resident.phone_enc = crypto.encrypt(number, table=TABLE, column="phone", row=str(resident.uid))
    resident.phone_bidx = crypto.blind_index(number, purpose="phone")
    resident.phone_last4 = number[-4:]


def apply_input(resident: Resident, data: ResidentInput) -> None:
    """Validate `data` and set it on `resident` (encrypting numbers, deriving from the ID number);
    nothing is saved. Forms, the API and imports all go through here."""
    name = normalize_name(data.name)
    if not name:
        raise PeopleError(errors.NAME_REQUIRED, field="name")
    if len(name) > 50:
        raise PeopleError(errors.NAME_TOO_LONG, field="name")
    if data.hukou_area_code and not (
        len(data.hukou_area_code) == 6 and data.hukou_area_code.isascii() and data.hukou_area_code.isdigit()
    ):
        raise PeopleError(errors.AREA_CODE_INVALID, field="hukou_area_code")
    for name_of_field in PLAIN_FIELDS:
        value = getattr(data, name_of_field)
        if name_of_field in DERIVED_FIELDS and not value and resident.pk:
            continue
        setattr(resident, name_of_field, value)
    resident.name = name
    resident.name_pinyin, resident.name_abbr, resident.name_shengmu = pinyin_keys(name)
    if data.id_number is not UNCHANGED:
        _set_id_number(resident, str(data.id_number or ""), data)
    elif resident.id_number_enc:
        _check_against_stored_id(resident, data)
    if data.phone is not UNCHANGED:
        _set_phone(resident, str(data.phone or ""))


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
def resident_create(*, actor, community, data: ResidentInput) -> Resident:
    scope = scope_for(actor)
    _require_edit(scope, community.pk)
    resident = Resident(community=community)
    if data.id_number is UNCHANGED:
        data.id_number = ""
    if data.phone is UNCHANGED:
        data.phone = ""
    apply_input(resident, data)
    resident.dwelling = _check_dwelling(scope, community.pk, data.dwelling_id)
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


def _locked(obj, expected_version: int | None):
    """The row as it is now, locked for this transaction; refused if someone changed it since the
    caller read `expected_version` (optimistic locking for residents and households)."""
    current = type(obj).objects.in_community(obj.community_id).select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEditError(errors.STALE)
    return current


@transaction.atomic
def resident_update(*, actor, resident: Resident, data: ResidentInput, expected_version: int | None) -> Resident:
    scope = scope_for(actor)
    _require_edit(scope, resident.community_id)
    current = _locked(resident, expected_version)
    old_name = current.name
    apply_input(current, data)
    moved_from = current.dwelling_id
    if data.dwelling_id != moved_from:
        current.dwelling = _check_dwelling(scope, current.community_id, data.dwelling_id)
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
    actor,
    resident: Resident,
    date: dt.date,
    place: str = "",
    reason: str = "",
    deceased: bool = False,
    expected_version: int | None = None,
) -> Resident:
    """Archive a resident who moved away (or died): never deleted, leaves the household."""
    scope = scope_for(actor)
    _require_edit(scope, resident.community_id)
    current = _locked(resident, expected_version)
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
        _leave(member, date, actor)
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
    *, actor, resident: Resident, date: dt.date, dwelling_id: int | None, place: str = ""
) -> Resident:
    scope = scope_for(actor)
    _require_edit(scope, resident.community_id)
    current = _locked(resident, None)
    if current.status == Resident.Status.ACTIVE:
        raise PeopleError(errors.NOT_MOVED_OUT, code="active")
    if date > timezone.localdate():
        raise PeopleError(errors.MOVE_DATE_FUTURE, field="date")
    current.dwelling = _check_dwelling(scope, current.community_id, dwelling_id)
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


def resident_reveal(*, actor, resident: Resident, field: str, reason: str, request=None) -> str:
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


@transaction.atomic
def resident_set_tags(*, actor, resident: Resident, tag_ids: list[int]) -> None:
    """Set the tags the actor can see; sensitive tags the actor cannot see are left as they are."""
    scope = scope_for(actor)
    _require_edit(scope, resident.community_id)
    visible = Tag.objects.visible_to(scope).filter(community_id=resident.community_id)
    wanted = set(visible.filter(pk__in=tag_ids).values_list("pk", flat=True))
    if len(wanted) != len(set(tag_ids)):
        raise PeopleError(errors.TAG_UNKNOWN, field="tags")
    current = ResidentTag.objects.in_community(resident.community_id).filter(resident=resident, tag__in=visible)
    have = set(current.values_list("tag_id", flat=True))
    current.filter(tag_id__in=have - wanted).delete()
    ResidentTag.objects.bulk_create(
        ResidentTag(community_id=resident.community_id, resident=resident, tag_id=t) for t in wanted - have
    )


def tag_create(*, actor, community, name: str, sensitive: bool = False, description: str = "") -> Tag:
    if not scope_for(actor).has(MANAGE_TAGS, community.pk):
        raise PeopleError(errors.NOT_ALLOWED, code="forbidden")
    name = normalize_name(name)
    if not name:
        raise PeopleError(errors.NAME_REQUIRED, field="name")
    try:
        with transaction.atomic():
            return Tag.objects.create(community=community, name=name, sensitive=sensitive, description=description)
    except IntegrityError:
        raise PeopleError(errors.TAG_NAME_TAKEN % {"name": name}, field="name") from None


# Households ---------------------------------------------------------------------------------


@transaction.atomic
def household_create(*, actor, community, number: str, dwelling_id: int | None, notes: str = "") -> Household:
    scope = scope_for(actor)
    _require_edit(scope, community.pk)
    number = (number or "").strip()
    if not number:
        raise PeopleError(errors.NAME_REQUIRED, field="number")
    dwelling = _check_dwelling(scope, community.pk, dwelling_id)
    try:
        with transaction.atomic():
            household = Household(community=community, number=number, dwelling=dwelling, notes=notes)
            household._history_user = actor
            household.save()
    except IntegrityError:
        raise PeopleError(errors.HOUSEHOLD_NUMBER_TAKEN % {"number": number}, field="number") from None
    return household


@transaction.atomic
def household_add_member(
    *, actor, household: Household, resident: Resident, relation: str, joined_date: dt.date | None = None
) -> HouseholdMember:
    scope = scope_for(actor)
    _require_edit(scope, household.community_id)
    if resident.community_id != household.community_id:
        raise PeopleError(errors.HOUSEHOLD_OTHER_COMMUNITY, field="resident")
    members = HouseholdMember.objects.in_community(household.community_id).select_for_update()
    existing = members.filter(resident=resident, left_date__isnull=True).select_related("household").first()
    if existing:
        raise PeopleError(errors.SECOND_HOUSEHOLD % {"number": existing.household.number}, field="resident")
    if (
        relation == Relation.HEAD
        and members.filter(household=household, relation=Relation.HEAD, left_date__isnull=True).exists()
    ):
        raise PeopleError(errors.SECOND_HEAD, field="relation")
    if relation not in Relation.values:
        raise PeopleError(errors.UNKNOWN_FIELD, field="relation")
    try:
        with transaction.atomic():
            member = HouseholdMember(
                community_id=household.community_id,
                household=household,
                resident=resident,
                relation=relation,
                joined_date=joined_date or timezone.localdate(),
            )
            member._history_user = actor
            member.save()
    except IntegrityError:
        # Someone else added this resident or a head at the same moment.
        raise PeopleError(errors.SECOND_HOUSEHOLD % {"number": "?"}, field="resident") from None
    return member


def _leave(member: HouseholdMember, date: dt.date, actor) -> None:
    member.left_date = date
    member._history_user = actor
    member.save(update_fields=["left_date"])


@transaction.atomic
def household_remove_member(*, actor, member: HouseholdMember, left_date: dt.date | None = None) -> HouseholdMember:
    _require_edit(scope_for(actor), member.community_id)
    member = HouseholdMember.objects.in_community(member.community_id).select_for_update().get(pk=member.pk)
    if member.left_date is not None:
        raise PeopleError(errors.MEMBER_HAS_LEFT)
    _leave(member, left_date or timezone.localdate(), actor)
    return member


def talent_add(*, actor, resident: Resident, skill: str, note: str = "", willing_to_serve: bool = True) -> Talent:
    _require_edit(scope_for(actor), resident.community_id)
    skill = normalize_name(skill)
    if not skill:
        raise PeopleError(errors.SKILL_REQUIRED, field="skill")
    talent = Talent(community_id=resident.community_id, resident=resident, skill=skill[:50], note=note[:200],
                    willing_to_serve=willing_to_serve)  # fmt: skip
    talent._history_user = actor
    talent.save()
    return talent


def talent_remove(*, actor, talent: Talent) -> None:
    _require_edit(scope_for(actor), talent.community_id)
    Talent.objects.in_community(talent.community_id).filter(pk=talent.pk).delete()


ERASED_NAME = "（已删除）"


@transaction.atomic
def resident_erase(*, actor, resident: Resident, reason: str, request=None) -> Resident:
    """Anonymise a resident who has moved out (PIPL Art. 47), in one transaction: the record, its
    change history, search keys, tags and talents. The row stays, so counts and households keep
    their shape; what remains says only that someone was erased, when, by whom and why."""
    from linli.people.permissions import ERASE_PERSONAL_DATA

    if not scope_for(actor).has(ERASE_PERSONAL_DATA, resident.community_id):
        raise PeopleError(errors.ERASE_NOT_ALLOWED, code="forbidden")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise PeopleError(errors.ERASE_REASON, field="reason")
    current = _locked(resident, None)
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


@transaction.atomic
def household_update(
    *, actor, household: Household, number: str, dwelling_id: int | None, notes: str = "", expected_version: int | None
) -> Household:
    scope = scope_for(actor)
    _require_edit(scope, household.community_id)
    current = _locked(household, expected_version)
    if current.status != Household.Status.ACTIVE:
        raise PeopleError(errors.HOUSEHOLD_DISSOLVED)
    number = (number or "").strip()
    if not number:
        raise PeopleError(errors.NAME_REQUIRED, field="number")
    if dwelling_id != current.dwelling_id:
        current.dwelling = _check_dwelling(scope, current.community_id, dwelling_id)
    current.number, current.notes = number, notes
    current.version += 1
    current._history_user = actor
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise PeopleError(errors.HOUSEHOLD_NUMBER_TAKEN % {"number": number}, field="number") from None
    return current


@transaction.atomic
def household_dissolve(*, actor, household: Household) -> Household:
    """Close a household whose members have all left (kept, never deleted)."""
    _require_edit(scope_for(actor), household.community_id)
    current = _locked(household, None)
    if current.status != Household.Status.ACTIVE:
        raise PeopleError(errors.HOUSEHOLD_DISSOLVED)
    members = HouseholdMember.objects.in_community(current.community_id).filter(
        household=current, left_date__isnull=True
    )
    if (n := members.count()) > 0:
        raise PeopleError(errors.HOUSEHOLD_NOT_EMPTY % {"n": n})
    current.status = Household.Status.DISSOLVED
    current.version += 1
    current._history_user = actor
    current.save(update_fields=["status", "version"])
    return current
