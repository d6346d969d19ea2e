"""Sending a list out as a spreadsheet: xlsx built in a temporary file with openpyxl's write-only
mode, or csv streamed line by line; neither holds the list in memory. Every export is written to
the access log by the module that asks for it (masked or not, how many rows, why)."""

import datetime as dt
from collections.abc import Iterable

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from linli.core.sheets.write import CSV_TYPE, XLSX_TYPE, csv_lines, xlsx_file

FORMATS = ("xlsx", "csv")


def export_format(request: HttpRequest) -> str:
    """The format an export form asked for: xlsx unless csv."""
    asked = request.POST.get("format")
    return asked if asked in FORMATS else "xlsx"


def export_file_name(title: str, fmt: str) -> str:
    return f"{title}-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"


def spreadsheet_response(*, title: str, fmt: str, headers: list[str], rows: Iterable[Iterable]):
    name = export_file_name(title, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(csv_lines(headers, rows), content_type=CSV_TYPE)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    else:
        response = FileResponse(xlsx_file([(title, headers, rows)]), as_attachment=True, filename=name)
        response["Content-Type"] = XLSX_TYPE
    response["Cache-Control"] = "no-store"
    return response


def write_file(path, *, title: str, fmt: str, headers: list[str], rows: Iterable[Iterable]) -> None:
    """The same, to a file (the export commands)."""
    if fmt == "csv":
        with open(path, "wb") as out:
            for chunk in csv_lines(headers, rows):
                out.write(chunk)
    else:
        from linli.core.sheets.write import write_xlsx

        write_xlsx(path, [(title, headers, rows)])


def age_on(birth: dt.date | None, today: dt.date) -> int | None:
    if not birth:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
