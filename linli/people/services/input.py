"""What a form, the API or an import gives for a resident (`ResidentInput`), and how it is checked
and set on the record (`apply_input`): names normalised, numbers encrypted with their blind
indexes, gender and birth date derived from the ID number. Nothing here saves."""

import datetime as dt
from dataclasses import dataclass, fields

from linli.core import crypto
from linli.core.identity import InvalidIdentity, normalize_phone, parse_id_number
from linli.core.normalize import normalize_name
from linli.people import errors
from linli.people.errors import PeopleError
from linli.people.models import Resident
from linli.people.names import pinyin_keys
from linli.people.services.base import TABLE

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
