"""Free time, the value type that residents, party members and volunteers share (the registry's
空闲时间, an in-service member's report-in, a volunteer's registration): 21 bits, seven weekdays ×
three parts of the day (上午, 下午, 晚上). One integer per person, so "who is free on Saturday
morning" is a bit test, in SQL or in Python."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DAYS = [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")]
PARTS = [_("上午"), _("下午"), _("晚上")]
ALL = (1 << 21) - 1
WEEKDAYS = sum(1 << (d * 3 + p) for d in range(5) for p in range(3))
WEEKEND = ALL & ~WEEKDAYS


def bit(day: int, part: int) -> int:
    return 1 << (day * 3 + part)


def part_of(hour: int) -> int:
    return 0 if hour < 12 else 1 if hour < 18 else 2


def slot_of(moment: dt.datetime) -> int:
    """The bit of the weekday and part of day `moment` (local time) falls in."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return bit(local.weekday(), part_of(local.hour))


def from_form(values) -> int:
    """Checked boxes named `d-p` (weekday 0–6, part 0–2); anything else is ignored."""
    mask = 0
    for value in values:
        match = re.fullmatch(r"([0-6])-([0-2])", str(value))
        if match:
            mask |= bit(int(match[1]), int(match[2]))
    return mask


_DAY_WORDS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def from_text(text: str) -> int:
    """A best guess from the registry's free-text 空闲时间 (周末上午, 工作日晚上, 每天下午, 周三全天)."""
    text = text or ""
    days = 0
    if "每天" in text or "随时" in text:
        days = 0b1111111
    if "工作日" in text:
        days |= 0b0011111
    if "周末" in text or "双休" in text:
        days |= 0b1100000
    for match in re.finditer(r"(?:周|星期)([一二三四五六日天])", text):
        days |= 1 << _DAY_WORDS[match[1]]
    parts = 0
    for i, word in enumerate(("上午", "下午", "晚上")):
        if word in text:
            parts |= 1 << i
    if "全天" in text or "白天" in text:
        parts |= 0b011 if "白天" in text else 0b111
    if days and not parts:
        parts = 0b111
    if parts and not days:
        days = 0b1111111
    return sum(bit(d, p) for d in range(7) for p in range(3) if days >> d & 1 and parts >> p & 1)


def describe(mask: int) -> str:
    """Short Chinese wording: 工作日晚上、周六上午."""
    if not mask:
        return ""
    if mask == ALL:
        return str(_("每天"))
    words = []
    for group, name in ((WEEKDAYS, _("工作日")), (WEEKEND, _("周末"))):
        for p, part in enumerate(PARTS):
            days = [d for d in range(7) if group >> (d * 3 + p) & 1]
            if all(mask & bit(d, p) for d in days):
                words.append(f"{name}{part}")
                mask &= ~sum(bit(d, p) for d in days)
    full_day = _("全天")
    for d, day in enumerate(DAYS):
        parts = [p for p in range(3) if mask & bit(d, p)]
        if len(parts) == 3:
            words.append(f"{day}{full_day}")
        else:
            words += [f"{day}{PARTS[p]}" for p in parts]
    return "、".join(words)


def grid(mask: int) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Rows for the 7 × 3 checkbox grid of a form."""
    return [(DAYS[d], [(f"{d}-{p}", bool(mask & bit(d, p))) for p in range(3)]) for d in range(7)]
