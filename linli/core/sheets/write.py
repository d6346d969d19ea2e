"""Writing lists out as xlsx and csv that open in Excel and LibreOffice — and cannot run anything.

Formula injection: a value that begins with = + - @ (or a tab/CR) would be taken as a formula by a
spreadsheet. In xlsx every text is written as a string cell, which no spreadsheet evaluates; in
csv, where there are no types, such a value is prefixed with an apostrophe (OWASP's advice).
"""

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from linli.core.sheets.spec import ImportSpec

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def csv_safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(sheet, value, *, header: bool = False):
    if isinstance(value, str) or value is None:
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = value  # sets the type from the value …
        if value is not None:
            cell.data_type = "s"  # … and this keeps “=…” a string: never a formula
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    if header:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    return cell


def write_xlsx(target, sheets: Iterable[tuple[str, list[str], Iterable[Iterable]]], widths=None) -> None:
    """Stream rows into an xlsx at `target` (a path or binary file): memory stays flat however
    many rows (openpyxl's write-only mode)."""
    book = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for index, header in enumerate(headers):
            width = (widths or {}).get(header) or max(10, min(40, len(str(header)) * 2 + 4))
            sheet.column_dimensions[_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.append([_cell(sheet, h, header=True) for h in headers])
        for row in rows:
            sheet.append([_cell(sheet, v) for v in row])
    book.save(target)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_file(sheets) -> tempfile.SpooledTemporaryFile:
    """An xlsx in a temporary file (on disk beyond 8 MB), rewound for reading."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - the caller streams and closes it
    write_xlsx(spool, sheets)
    spool.seek(0)
    return spool


def csv_lines(headers: list[str], rows: Iterable[Iterable]) -> Iterator[bytes]:
    """CSV as UTF-8 with a BOM (so Excel reads the Chinese right), one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode()
    writer.writerow([csv_safe(h) for h in headers])
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_safe(v) for v in row])
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def template_sheets(spec: ImportSpec, intro: list[str]):
    """A blank register with the spec's headers, and a sheet explaining each column."""
    headers = [c.label + ("*" if c.required else "") for c in spec.columns]
    instructions = [[line, "", "", ""] for line in intro]
    instructions.append(["", "", "", ""])
    instructions.append(["列名", "是否必填", "填写说明", "示例"])
    for column in spec.columns:
        synonyms = "；也认：" + "、".join(column.synonyms[:6]) if column.synonyms else ""
        instructions.append(
            [column.label, "必填" if column.required else "选填", column.help + synonyms, column.example]
        )
    return [
        (spec.title, headers, []),
        ("填写说明", ["说明", "", "", ""], instructions),
    ]
