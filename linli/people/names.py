"""Search keys of Chinese names: pinyin, first letters, initials, and character n-grams."""

import functools
import os
import re

# Names are read character by character (below), so pypinyin's phrase dictionary — 0.8 s of every
# process's start-up — never changes a reading: it is not loaded (same readings for U+3400–U+9FFF).
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Surnames read differently from their everyday reading.
_SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "区": "ou",
    "乐": "yue",
    "尉": "yu",
    "缪": "miao",
    "翟": "zhai",
    "盖": "ge",
    "覃": "qin",
    "召": "shao",
    "华": "hua",
    "任": "ren",
    "种": "chong",
    "秘": "bi",
    "员": "yun",
    "费": "fei",
}
_SHENGMU = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
)


def is_cjk(text: str) -> bool:
    return bool(text) and all(_CJK.match(ch) for ch in text)


def syllables(name: str) -> list[str]:
    chars = [ch for ch in name if not ch.isspace() and ch != "·"]
    if not chars:
        return []
    readings = [_reading(ch) for ch in chars]
    if chars[0] in _SURNAME_READINGS:
        readings[0] = _SURNAME_READINGS[chars[0]]
    return [r for r in readings if r]


@functools.lru_cache(maxsize=20000)
def _reading(char: str) -> str:
    """One character's everyday reading (names are read character by character, as pypinyin does
    for a list); cached, because a register repeats the same few thousand characters. pypinyin is
    imported on the first name read, not when the app starts."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin([char], style=Style.NORMAL, errors=lambda s: [c.lower() for c in s])[0]


def _shengmu(syllable: str) -> str:
    for initial in _SHENGMU:
        if syllable.startswith(initial):
            return initial
    return syllable[:1]


def pinyin_keys(name: str) -> tuple[str, str, str]:
    """(full pinyin, first letters, initials): 张三 → ("zhangsan", "zs", "zhs")."""
    parts = syllables(name)
    return "".join(parts), "".join(p[:1] for p in parts), "".join(_shengmu(p) for p in parts)


def name_keys(name: str) -> set[str]:
    chars = [ch for ch in name if not ch.isspace()]
    keys = set(chars)
    keys.update(a + b for a, b in zip(chars, chars[1:], strict=False))
    return keys
