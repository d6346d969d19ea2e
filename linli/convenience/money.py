"""Money as integer fen. Forms take yuan as people write it ("35.5", "35.50", "￥35.50元", full-width
digits); it is parsed as a Decimal string, never through a float, and stored as 3550."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from linli.convenience.errors import ServiceError

MAX_FEN = 1_000_000  # 10,000 yuan: more than any errand's money; a typo of extra zeros is caught
_YUAN = re.compile(r"^\d{1,7}(\.\d{1,2})?$")


def parse_yuan(value, *, field: str = "amount") -> int:
    """Fen from a yuan amount a person typed, or an error naming what is wrong with it."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
    text = text.removeprefix("¥").removeprefix("￥").removesuffix("元").strip().replace(",", "")
    if not text:
        raise ServiceError(_("请填写金额（元），如 35.50。"), field=field)
    if text.startswith("-"):
        raise ServiceError(_("金额不能是负数：记错了请记一笔冲正。"), field=field, code="negative")
    if not _YUAN.match(text):
        raise ServiceError(_("金额“%(v)s”看不懂：请写数字，最多两位小数，如 35.50。") % {"v": text[:20]}, field=field)
    try:
        fen = int(Decimal(text) * 100)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
        raise ServiceError(_("请填写金额（元），如 35.50。"), field=field) from None
    return check_fen(fen, field=field)


def check_fen(fen, *, field: str = "amount") -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise ServiceError(_("金额须是整数（分）。"), field=field)
    if fen < 0:
        raise ServiceError(_("金额不能是负数：记错了请记一笔冲正。"), field=field, code="negative")
    if fen == 0:
        raise ServiceError(_("金额不能为零。"), field=field)
    if fen > MAX_FEN:
        raise ServiceError(_("一笔金额不能超过一万元，请核对。"), field=field)
    return fen


def yuan(fen) -> str:
    """3550 → "35.50"; -200 → "-2.00"."""
    value = int(fen or 0)
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value) // 100}.{abs(value) % 100:02d}"
