"""Writing lists out as xlsx and csv that open in Excel and LibreOffice — and cannot run anything.

The xlsx writer is our own: a workbook of inline-string, number and date cells is a handful of
fixed XML parts and one sheet part per sheet, which it streams into the zip row by row (flat memory,
a few microseconds a cell; openpyxl's write-only mode took ten times as long, docs/DECISIONS.md).

Formula injection: a value that begins with = + - @ (or a tab/CR) would be taken as a formula by a
spreadsheet. In xlsx every text is written as an inline string cell, which no spreadsheet evaluates;
in csv, where there are no types, such a value is prefixed with an apostrophe (OWASP's advice).
"""

import csv
import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterable, Iterator

from linli.core.sheets.spec import ImportSpec

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def csv_safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


_ESCAPED: dict[str | int, str | None] = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPED |= {c: None for c in range(32) if c not in (9, 10, 13)}  # control characters XML forbids
_XML_ESCAPES = str.maketrans(_ESCAPED)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Cell styles: 0 plain, 1 date (yyyy-mm-dd), 2 header (bold on light blue).
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {_NS}>'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _text_cell(text: str, style: str = "") -> str:
    return f'<c t="inlineStr"{style}><is><t xml:space="preserve">{text.translate(_XML_ESCAPES)}</t></is></c>'


def _cell_xml(value) -> str:
    """One cell. Text is always an inline string: a spreadsheet never evaluates it as a formula."""
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, str):
        return _text_cell(value)
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f"<c><v>{value!r}</v></c>" if value == value and abs(value) != float("inf") else "<c/>"
    if isinstance(value, dt.datetime):
        return _text_cell(value.strftime("%Y-%m-%d %H:%M"))
    if isinstance(value, dt.date):
        return f'<c s="1"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    return _text_cell(str(value))


def write_xlsx(target, sheets: Iterable[tuple[str, list[str], Iterable[Iterable]]]) -> None:
    """Stream rows into an xlsx at `target` (a path or binary file). The sheet XML is written as
    the rows come, into the zip, so memory stays flat however many rows; a few microseconds a cell
    where openpyxl's write-only mode takes tens (docs/DECISIONS.md)."""
    sheets = list(sheets)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as book:
        names: list[str] = []
        for number, (title, headers, rows) in enumerate(sheets, start=1):
            names.append(_sheet_title(title, names))
            with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as part:
                _write_sheet(part, headers, rows)
        book.writestr("[Content_Types].xml", _content_types(len(sheets)))
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _workbook(names))
        book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        book.writestr("xl/styles.xml", _STYLES)


def _sheet_title(title: str, taken: list[str]) -> str:
    clean = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "Sheet"
    name, n = clean, 1
    while name in taken:
        n += 1
        name = f"{clean[:28]}({n})"
    return name


def _write_sheet(part, headers: list[str], rows: Iterable[Iterable]) -> None:
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{max(10, min(40, len(str(h)) * 2 + 4))}" customWidth="1"/>'
        for i, h in enumerate(headers, start=1)
    )
    head = "".join(_text_cell(str(h), ' s="2"') for h in headers)
    part.write(
        (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS} {_NS_R}>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            f'{"<cols>" + widths + "</cols>" if widths else ""}<sheetData><row r="1">{head}</row>'
        ).encode()
    )
    buffer = []
    for number, row in enumerate(rows, start=2):
        buffer.append(f'<row r="{number}">{"".join(map(_cell_xml, row))}</row>')
        if len(buffer) >= 500:
            part.write("".join(buffer).encode())
            buffer = []
    part.write(("".join(buffer) + "</sheetData></worksheet>").encode())


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def _workbook(names: list[str]) -> str:
    sheets = "".join(
        f'<sheet name="{name.translate(_XML_ESCAPES).replace(chr(34), "&quot;")}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_NS_R}>'
        f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    rels += f'<Relationship Id="rId{count + 1}" Type="{kind}/styles" Target="styles.xml"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )


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
