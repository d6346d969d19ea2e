"""Workbooks for tests: built with openpyxl, or changed part by part into what Excel writes and
openpyxl will not (formula errors, entity declarations)."""

import io
import zipfile
from pathlib import Path

import openpyxl

FILES = Path(__file__).parent / "files"


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_part(data: bytes, name: str, change) -> bytes:
    """The same xlsx with one part's XML changed by `change(bytes) -> bytes`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, change(body) if info.filename == name else body)
    return out.getvalue()
