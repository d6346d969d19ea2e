"""Opening an uploaded spreadsheet safely, whatever its name says.

The kind is decided by the bytes: an xlsx is a zip with a workbook part, an xls is an OLE2
compound file, anything else must decode as text to be a CSV. An xlsx is unpacked once in a
streaming pass before the parser sees it: that pass bounds its unpacked size (zip bombs), refuses
DTDs and entity declarations (XML bombs), counts the rows of each sheet (so a 1,048,576-row sheet is
refused before it is loaded) and notes the cells that hold a formula error, which the fast parser
would otherwise read as empty.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import python_calamine
from defusedxml import ElementTree
from django.conf import settings

from linli.core.sheets import errors
from linli.core.sheets.errors import SheetError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"Rar!": "RAR 压缩包",
    b"7z\xbc\xaf": "7z 压缩包",
    b"\x1f\x8b": "gzip 压缩包",
    b"MZ": "程序文件",
    b"\x7fELF": "程序文件",
}
MAX_ZIP_MEMBERS = 5000
CHUNK = 1 << 20

_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\bt=\"e\"[^>]*>")
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]{1,20})</(?:\w+:)?v>")


class CellError(str):
    """A cell whose formula failed in Excel (#DIV/0!, #N/A, #REF! …): its text is the error."""


@dataclass
class Workbook:
    kind: str  # "xlsx", "xls" or "csv"
    sheet_names: list[str]
    encoding: str = ""
    _book: python_calamine.CalamineWorkbook | None = None  # xlsx and xls
    _text: str = ""
    _delimiter: str = ","
    _error_cells: dict[int, dict[tuple[int, int], str]] = field(default_factory=dict)
    _row_counts: dict[int, int] = field(default_factory=dict)
    _loaded: dict[int, python_calamine.CalamineSheet] = field(default_factory=dict)

    def rows(self, sheet: int = 0) -> Iterator[tuple[int, list]]:
        """(row number as the sheet shows it, cells) for every row that is not entirely empty."""
        if self.kind == "csv":
            yield from self._csv_rows()
            return
        data = self._sheet(sheet)
        # python-calamine yields rows from the sheet's first row (empty ones included) but columns
        # only from the first used one: pad them back so that column B stays B.
        pad = [""] * (data.start[1] if data.start else 0)
        errors_by_row: dict[int, list[tuple[int, str]]] = {}
        for (row, col), text in self._error_cells.get(sheet, {}).items():
            errors_by_row.setdefault(row, []).append((col, text))
        for number, values in enumerate(data.iter_rows(), start=1):
            cells: list[Any] = pad + values if pad else values  # CellError marks go in below
            for col, text in errors_by_row.get(number, ()):
                if col < len(cells):
                    cells[col] = CellError(text)
            if cells.count("") + cells.count(None) < len(cells):  # not an empty row
                yield number, cells

    def _sheet(self, index: int) -> python_calamine.CalamineSheet:
        """The sheet, loaded once: an import reads it twice (survey, then check), and loading is
        most of the cost of reading."""
        if self._book is None:  # a CSV has no sheets to load
            raise SheetError(errors.DAMAGED)
        if index not in self._loaded:
            try:
                self._loaded = {index: self._book.get_sheet_by_index(index)}  # one sheet held at a time
            except python_calamine.CalamineError:
                raise SheetError(errors.DAMAGED) from None
        return self._loaded[index]

    def _csv_rows(self):
        reader = csv.reader(io.StringIO(self._text, newline=""), delimiter=self._delimiter)
        limit = settings.IMPORT_MAX_ROWS
        for number, cells in enumerate(reader, start=1):
            if number > limit + 50:
                raise SheetError(errors.TOO_MANY_ROWS % {"rows": f"{number - 1}+", "limit": limit})
            if any(c.strip() for c in cells):
                yield number, cells


def sniff(data: bytes) -> str:
    """What the file is, from its first bytes and its directory only ("xlsx", "xls" or "csv"), or a
    SheetError: cheap enough for the upload request. Unpacking and parsing (`open_workbook`) is
    left to the background task."""
    if not data or not data.strip(b"\x00\t\r\n \xef\xbb\xbf"):
        raise SheetError(errors.EMPTY)
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise SheetError(errors.TOO_BIG % {"size": len(data) // (1 << 20), "limit": limit // (1 << 20)})
    if data.startswith(ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError):
            raise SheetError(errors.DAMAGED) from None
        if "xl/workbook.xml" not in names:
            raise SheetError(errors.NOT_SPREADSHEET % {"what": _zip_kind(names)})
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise SheetError(errors.PASSWORD)
        if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
            raise SheetError(errors.NOT_SPREADSHEET % {"what": "Word 或其他 Office 文档"})
        return "xls"
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise SheetError(errors.NOT_SPREADSHEET % {"what": what})
    head = data[:4096].lstrip()
    if head[:1] == b"<" and re.match(rb"<(!doctype html|html|table|\?xml)", head.lower()):
        raise SheetError(errors.HTML_AS_XLS)
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SheetError(errors.NOT_SPREADSHEET % {"what": "二进制文件"})
    return "csv"


def _zip_kind(names: set[str]) -> str:
    if "word/document.xml" in names:
        return "Word 文档"
    return "PPT 文档" if "ppt/presentation.xml" in names else "压缩包"


def open_workbook(data: bytes, file_name: str = "") -> Workbook:
    kind = sniff(data)
    if kind == "xlsx":
        return _open_xlsx(data)
    if kind == "xls":
        return _open_ole(data)
    return _open_csv(data)


def _open_xlsx(data: bytes) -> Workbook:
    archive = zipfile.ZipFile(io.BytesIO(data))  # sniff() has opened it once already
    if len(archive.namelist()) > MAX_ZIP_MEMBERS:
        raise SheetError(errors.ZIP_BOMB)
    sheet_paths = _sheet_paths(archive)
    row_counts, error_cells = _scan_parts(archive, sheet_paths)
    limit = settings.IMPORT_MAX_ROWS
    for rows in row_counts.values():
        if rows > limit + 50:
            raise SheetError(errors.TOO_MANY_ROWS % {"rows": rows, "limit": limit})
    book = _calamine(data)
    return Workbook(
        kind="xlsx", sheet_names=book.sheet_names, _book=book, _error_cells=error_cells, _row_counts=row_counts
    )


def _sheet_paths(archive: zipfile.ZipFile) -> list[str]:
    """The part of each sheet, in workbook order (sheet index → xl/worksheets/sheetN.xml)."""
    try:
        workbook = _small_xml(archive, "xl/workbook.xml")
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return []
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    paths = []
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
            target = targets.get(rid, "").lstrip("/")
            paths.append(target if target.startswith("xl/") else f"xl/{target}")
    return paths


def _small_xml(archive: zipfile.ZipFile, name: str):
    info = archive.getinfo(name)
    if info.file_size > 10 * CHUNK:
        raise SheetError(errors.ZIP_BOMB)
    try:
        return ElementTree.fromstring(archive.read(name), forbid_dtd=True)
    except ElementTree.ParseError:
        raise SheetError(errors.DAMAGED) from None
    except Exception as exc:  # defusedxml's DTDForbidden, EntitiesForbidden …
        if type(exc).__module__.startswith("defusedxml"):
            raise SheetError(errors.XML_ENTITIES) from None
        raise


def _scan_parts(archive: zipfile.ZipFile, sheet_paths: list[str]):
    """Unpack every part once, streaming, with a budget; count rows and find formula errors."""
    budget = settings.IMPORT_MAX_UNPACKED_BYTES
    row_counts: dict[int, int] = {}
    error_cells: dict[int, dict[tuple[int, int], str]] = {}
    index_of = {path: i for i, path in enumerate(sheet_paths)}
    for info in archive.infolist():
        if info.file_size > budget or (info.compress_size and info.file_size / info.compress_size > 400):
            raise SheetError(errors.ZIP_BOMB)
        is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
        sheet = index_of.get(info.filename)
        tail = b""
        rows = 0
        try:
            with archive.open(info) as part:
                while chunk := part.read(CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise SheetError(errors.ZIP_BOMB)
                    if not is_xml:
                        continue
                    text = tail + chunk
                    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
                        raise SheetError(errors.XML_ENTITIES)
                    if sheet is not None:
                        # Count and scan only up to the last complete tag; the rest waits for the next chunk.
                        cut = text.rfind(b"</c>") + 4 if b"</c>" in text else text.rfind(b">") + 1
                        body, tail = text[:cut], text[cut:]
                        rows += len(_ROW_TAG.findall(body))
                        if b't="e"' in body:
                            _note_errors(body, error_cells.setdefault(sheet, {}))
                    else:
                        tail = text[-16:]
        except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError):
            # RuntimeError: an encrypted zip member (zipfile asks for a password).
            raise SheetError(errors.DAMAGED) from None
        if sheet is not None:
            row_counts[sheet] = rows
    return row_counts, error_cells


def _note_errors(body: bytes, found: dict) -> None:
    for match in _ERROR_CELL.finditer(body):
        ref = _CELL_REF.search(match.group(0))
        value = _ERROR_VALUE.search(body, match.end(), match.end() + 400)
        if ref:
            found[(int(ref.group(2)), _column_index(ref.group(1).decode()))] = (
                value.group(1).decode(errors="replace") if value else "#ERROR"
            )


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _open_ole(data: bytes) -> Workbook:
    book = _calamine(data)
    return Workbook(kind="xls", sheet_names=book.sheet_names, _book=book)


def _calamine(data: bytes):
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise SheetError(errors.PASSWORD) from None
    except (python_calamine.CalamineError, ValueError, OSError):
        raise SheetError(errors.DAMAGED) from None
    if not book.sheet_names:
        raise SheetError(errors.NO_SHEETS)
    return book


def _open_csv(data: bytes) -> Workbook:
    text, encoding = _decode(data)
    if "\x00" in text[:65536]:
        raise SheetError(errors.NOT_SPREADSHEET % {"what": "二进制文件"})
    sample = "\n".join(text[:65536].splitlines()[:30])
    counts = {d: sample.count(d) for d in (",", "\t", ";", "，")}
    delimiter = max(counts, key=counts.__getitem__) if any(counts.values()) else ","
    if not text.strip():
        raise SheetError(errors.EMPTY)
    lines = text.count("\n")
    if lines > settings.IMPORT_MAX_ROWS + 50:
        raise SheetError(errors.TOO_MANY_ROWS % {"rows": lines, "limit": settings.IMPORT_MAX_ROWS})
    return Workbook(kind="csv", sheet_names=["CSV"], encoding=encoding, _text=text, _delimiter=delimiter)


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's “Unicode text”), else GB18030 (GBK's
    superset, what Chinese Excel writes by default)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SheetError(errors.ENCODING)
