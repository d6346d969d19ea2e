"""Normalising what people type: full-width characters, spaces, phone prefixes."""

import re
import unicodedata

_SPACES = re.compile(r"[\s\u3000]+")


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation (ＡＢ１２) to their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def normalize_identifier(value: str) -> str:
    """The form an ID or phone number is compared in: trimmed, ASCII, no inner spaces, `x` → `X`."""
    return _SPACES.sub("", to_halfwidth(value or "")).upper()


def normalize_name(value: str) -> str:
    return _SPACES.sub(" ", to_halfwidth(value or "").strip()) if value else ""
