"""Turning what people type into a cell into a value, or a reason it cannot be used.

Each parser takes a raw cell (str, float, int, date, datetime, CellError …) and returns the value,
None for an empty cell, or raises CellProblem with a message a community worker can act on.
"""

import datetime as dt
import math
import re

from django.utils.translation import gettext as _

from linli.core.identity import InvalidIdentity, normalize_phone, parse_id_number
from linli.core.normalize import normalize_identifier, normalize_name, to_halfwidth
from linli.core.sheets.read import CellError

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug included)
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?E[+-]?\d+$")
_DATE_YMD = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Text that a spreadsheet would run as a formula or DDE command (=HYPERLINK(…), @SUM(…), +cmd|…).
_FORMULA_TEXT = re.compile(r"^(=|@|[+\-].*[(|!])")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*月?$")


class CellProblem(ValueError):
    """The cell's value cannot be used; str(self) says why, in the user's language."""


class YearMonth(tuple):
    """A date given only to the month (出生年月 1985.03): good for checking, not for storing."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not isinstance(value, CellError) and not value.strip())


def _check_error(value) -> None:
    if isinstance(value, CellError):
        raise CellProblem(_("单元格是公式错误 %(error)s，请在 Excel 中改正公式或直接填写数值。") % {"error": value})


def text(value, *, max_length: int | None = None) -> str | None:
    _check_error(value)
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    result = normalize_name(str(value))
    if _FORMULA_TEXT.match(result):
        raise CellProblem(_("内容“%(v)s”是公式或命令，不能作为数据导入：请填写实际的文字。") % {"v": result[:30]})
    if max_length and len(result) > max_length:
        raise CellProblem(_("内容太长（%(n)d 个字），最多 %(max)d 个字。") % {"n": len(result), "max": max_length})
    return result


def id_number(value) -> str | None:
    """An ID number must arrive as text. One that Excel stored as a number has lost its last digits
    (a double holds 15–17 significant digits, an ID has 18): refused, never guessed back."""
    _check_error(value)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellProblem(_("身份证号不对：这一格是“是/否”值。"))
    if isinstance(value, int | float):
        raise CellProblem(
            _(
                "身份证号被 Excel 存成了数字（显示为 %(shown)s），后几位已经丢失，无法还原。"
                "请把这一列设为“文本”格式，重新填写这一行的身份证号。"
            )
            % {"shown": _excel_general(value)}
        )
    raw = normalize_identifier(str(value))
    if _SCIENTIFIC.match(raw):
        raise CellProblem(
            _(
                "身份证号是科学计数法 %(shown)s，后几位已经丢失，无法还原。"
                "请把这一列设为“文本”格式，重新填写这一行的身份证号。"
            )
            % {"shown": raw}
        )
    if raw.endswith(".0") and raw[:-2].isascii() and raw[:-2].isdigit():
        raise CellProblem(_("身份证号被当作数字导出（末尾多了 .0），后几位可能已丢失，请重新填写。"))
    try:
        return parse_id_number(raw).number
    except InvalidIdentity as exc:
        raise CellProblem(str(exc)) from None


def id_key(value) -> str | None:
    """An ID number as compared for duplicates, without the full check (the first pass of an
    import only needs to know which rows share a number)."""
    if not isinstance(value, str) or isinstance(value, CellError):
        return None
    number = normalize_identifier(value)
    return number if len(number) == 18 else None


def _excel_general(value) -> str:
    """How Excel's General format shows a long number: 1.10105E+17."""
    if isinstance(value, float) and (abs(value) >= 1e11 or not value.is_integer()):
        mantissa, exponent = f"{value:.5E}".split("E")
        return f"{mantissa.rstrip('0').rstrip('.')}E+{int(exponent):02d}"
    return str(int(value)) if isinstance(value, float) else str(value)


def phone(value) -> str | None:
    _check_error(value)
    if is_blank(value):
        return None
    if isinstance(value, float):
        if not value.is_integer() or value >= 1e15:
            raise CellProblem(_("电话号码被 Excel 存成了数字，可能已丢失位数：请设为文本后重新填写。"))
        value = str(int(value))
    raw = to_halfwidth(str(value)).strip()
    if re.search(r"[/、,，;；]|\s{2,}", raw) and len(re.sub(r"\D", "", raw)) > 13:
        raise CellProblem(_("一格里填了多个电话号码：只能填一个，其余的请写在备注里或另行登记。"))
    try:
        return normalize_phone(raw)
    except InvalidIdentity as exc:
        raise CellProblem(str(exc)) from None


def date(value, *, allow_year_month: bool = False):
    """`1985年3月2日`, `1985.3.2`, `1985/03/02`, `1985-3-2`, `19850302`, an Excel date or serial."""
    _check_error(value)
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            value = math.floor(value)  # a date with a time of day
        number = int(value)
        if 19000101 <= number <= 21001231:
            return _ymd(str(number)[:4], str(number)[4:6], str(number)[6:])
        if 1 <= number <= 80000:
            return EXCEL_EPOCH + dt.timedelta(days=number)
        raise CellProblem(_("日期 %(v)s 看不懂：请写成 1985-03-02 这样的格式。") % {"v": value})
    raw = to_halfwidth(str(value)).strip()
    if match := _DATE_YMD.match(raw):
        return _ymd(*match.group(1, 2, 3))
    if match := _DATE_COMPACT.match(raw):
        return _ymd(*match.groups())
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 80000 and len(raw) <= 5:
        return EXCEL_EPOCH + dt.timedelta(days=int(raw))
    if match := _YEAR_MONTH.match(raw):
        year, month = int(match.group(1)), int(match.group(2))
        if allow_year_month and 1 <= month <= 12:
            return YearMonth((year, month))
        raise CellProblem(_("日期“%(v)s”缺少日：请写完整的年月日，如 1985-03-02。") % {"v": raw})
    raise CellProblem(_("日期“%(v)s”看不懂：请写成 1985-03-02、1985年3月2日 或 19850302。") % {"v": raw[:30]})


def _ymd(year, month, day) -> dt.date:
    try:
        result = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise CellProblem(_("日期 %(y)s-%(m)s-%(d)s 不存在。") % {"y": year, "m": month, "d": day}) from None
    if result.year < 1880:
        raise CellProblem(_("日期 %(d)s 太早，请核对。") % {"d": result.isoformat()})
    return result


GENDERS = {
    "男": "M",
    "女": "F",
    "M": "M",
    "F": "F",
    "MALE": "M",
    "FEMALE": "F",
    "1": "M",
    "2": "F",
    "男性": "M",
    "女性": "F",
}


def gender(value) -> str | None:
    _check_error(value)
    if is_blank(value):
        return None
    key = normalize_identifier(str(int(value) if isinstance(value, float) else value))
    if key not in GENDERS:
        raise CellProblem(_("性别“%(v)s”看不懂：请填“男”或“女”。") % {"v": str(value)[:10]})
    return GENDERS[key]


def choice(value, table: dict[str, str], what: str) -> str | None:
    """A value from a table of wordings (与户主关系, 人口类型 …) to its code."""
    _check_error(value)
    if is_blank(value):
        return None
    key = normalize_identifier(str(value)).replace("之", "")
    if key in table:
        return table[key]
    allowed = "、".join(sorted({k for k in table if not k.isascii()}, key=len)[:12])
    raise CellProblem(
        _("%(what)s“%(v)s”看不懂，可填：%(allowed)s。") % {"what": what, "v": str(value)[:20], "allowed": allowed}
    )


YES_WORDS = frozenset({"是", "√", "✓", "✔", "☑", "1", "有", "Y", "YES", "TRUE", "对", "是的"})
NO_WORDS = frozenset({"否", "×", "✗", "✘", "0", "无", "N", "NO", "FALSE", "不是", "没有", "非", "-", "/"})


def yes_no(value, *, what: str = "") -> bool | None:
    """是 / 否 columns (是否残疾 …): 是 √ 1 有 Y → True, 否 × 0 无 N → False, blank → None."""
    _check_error(value)
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = normalize_identifier(str(value))
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    raise CellProblem(
        _("%(what)s“%(v)s”看不懂：请填“是”或“否”（也可填 √、1、有，或 ×、0、无）。")
        % {"what": what, "v": str(value)[:20]}
    )
