"""National ID numbers (GB 11643-1999) and mainland mobile phone numbers: validation and masking."""

import datetime as dt
import functools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from linli.core.normalize import normalize_identifier

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# First two digits of the administrative division code (GB/T 2260). County codes change over the
# years and old cards stay valid, so only the province part is checked.
PROVINCE_CODES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    }
)
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


class InvalidIdentity(ValueError):
    """The value is not a valid ID or phone number; the message says why, in the user's language."""


@dataclass(frozen=True)
class IdCard:
    number: str
    birth_date: dt.date
    gender: str  # "M" or "F"


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdCard:
    return _parse_id_number(normalize_identifier(raw), today or dt.date.today())


@functools.lru_cache(maxsize=4096)  # an import checks each number several times within a chunk
def _parse_id_number(number: str, today: dt.date) -> IdCard:
    if not _ID_SHAPE.match(number):
        raise InvalidIdentity(_("身份证号应为18位：17位数字加1位数字或X，现为%(n)d位。") % {"n": len(number)})
    if int(number[:2]) not in PROVINCE_CODES:
        raise InvalidIdentity(_("身份证号前两位（省级行政区划代码）%(code)s 不存在。") % {"code": number[:2]})
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdentity(_("身份证号中的出生日期 %(d)s 不是有效日期。") % {"d": number[6:14]}) from None
    if birth > today or birth.year < 1880:
        raise InvalidIdentity(_("身份证号中的出生日期 %(d)s 不合理。") % {"d": number[6:14]})
    if check_char(number[:17]) != number[17]:
        raise InvalidIdentity(_("身份证号校验位不对：请核对每一位数字（常见为抄错一位或两位顺序颠倒）。"))
    return IdCard(number=number, birth_date=birth, gender="M" if int(number[16]) % 2 else "F")


def normalize_phone(raw: str) -> str:
    number = normalize_identifier(raw).replace("-", "").replace("(", "").replace(")", "")
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("0086"):
        number = number[4:]
    elif number.startswith("86") and len(number) == 13:
        number = number[2:]
    if not (_MOBILE.match(number) or _LANDLINE.match(number)):
        raise InvalidIdentity(_("电话号码格式不对：手机号为1开头的11位数字，座机请带区号。"))
    return number


def mask_id_number(number: str) -> str:
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}" if len(number) > 10 else "*" * len(number)


def mask_phone(number: str) -> str:
    return f"{number[:3]}{'*' * (len(number) - 7)}{number[-4:]}" if len(number) > 7 else "*" * len(number)


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
