"""What a kind of import expects: its columns, their header wordings, and finding the header row."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from linli.core.normalize import to_halfwidth
from linli.core.sheets import errors
from linli.core.sheets.errors import SheetError

HEADER_SEARCH_ROWS = 20
_DECORATION = re.compile(r"[\s*＊:：()（）\[\]【】]|必填|选填|\(必填\)")


def header_key(text) -> str:
    """A header cell as compared: no spaces, stars, colons, brackets or “必填”; case-folded."""
    if text is None:
        return ""
    return _DECORATION.sub("", to_halfwidth(str(text))).casefold()


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header written in templates and exports
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str = ""
    example: str = ""


@dataclass(frozen=True)
class ImportSpec:
    kind: str
    title: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def match(self, header_text) -> str | None:
        key = header_key(header_text)
        if not key:
            return None
        for column in self.columns:
            if key in self._keys(column):
                return column.key
        return None

    def _keys(self, column: Column) -> set[str]:
        return {header_key(column.label), header_key(column.key), *(header_key(s) for s in column.synonyms)}

    @property
    def required(self) -> list[str]:
        return [c.key for c in self.columns if c.required]


@dataclass
class Header:
    row_number: int
    cells: list[str]
    mapping: dict[str, int]  # column key -> index of the sheet column


def auto_map(spec: ImportSpec, cells: list) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, text in enumerate(cells):
        key = spec.match(text)
        if key and key not in mapping:
            mapping[key] = index
    return mapping


def find_header(spec: ImportSpec, rows: Iterable[tuple[int, list]]) -> Header:
    """The row among the first twenty that names most of the spec's columns, all required ones
    included; title rows and merged title cells above it are skipped."""
    best: Header | None = None
    for seen, (number, cells) in enumerate(rows):
        if seen >= HEADER_SEARCH_ROWS:
            break
        mapping = auto_map(spec, cells)
        usable = len(mapping) >= 2 and all(k in mapping for k in spec.required)
        if usable and (best is None or len(mapping) > len(best.mapping)):
            best = Header(number, ["" if c is None else str(c).strip() for c in cells], mapping)
    if best is None:
        names = "”“".join(spec.column(k).label for k in (spec.required + ["id_number"])[:3] if _has(spec, k))
        raise SheetError(errors.NO_HEADER % {"rows": HEADER_SEARCH_ROWS, "columns": names})
    return best


def _has(spec: ImportSpec, key: str) -> bool:
    return any(c.key == key for c in spec.columns)
