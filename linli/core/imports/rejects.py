"""The rejected rows, written as they come into a workbook on disk — original row number,
original cells, then the reasons — and how a reason names its column ("C列 身份证号")."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from linli.core.imports.importer import SourceRow
from linli.core.models import ImportJob
from linli.core.sheets.write import write_xlsx

SPOOL_ROWS = 20000


def column_letter(index: int) -> str:
    """The spreadsheet's name of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_title(job: ImportJob, key: str) -> str:
    index = job.mapping.get(key)
    if index is None or not key:
        return ""
    header = job.header[index] if index < len(job.header) else ""
    return (_("%(letter)s列") % {"letter": column_letter(index)} + f" {header}").strip()


def problems(job: ImportJob, row: SourceRow) -> list[list[str]]:
    return [[column_title(job, key), reason] for key, reason in row.problems]


def plain(value: Any) -> Any:
    """A cell as it can go back into a workbook: dates stay dates, numbers stay numbers."""
    if value is None or isinstance(value, int | float | str | dt.date):
        return value
    return str(value)  # times, durations


class Rejects:
    """The rejected rows of one run, in memory up to SPOOL_ROWS, then spooled to a temporary file."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.rows: list[list] = []
        self.spool: IO[str] | None = None
        self.count = 0

    def add(self, row: SourceRow) -> None:
        reasons = "；".join(f"{title}：{reason}" if title else reason for title, reason in problems(self.job, row))
        cells = [plain(c) for c in row.cells]
        cells += [""] * (len(self.job.header) - len(cells))
        self.rows.append([row.number, *cells, reasons])
        self.count += 1
        if len(self.rows) >= SPOOL_ROWS:
            self._flush_to_disk()

    def _flush_to_disk(self) -> None:
        if self.spool is None:
            self.spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in finish()
        for row in self.rows:
            self.spool.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.rows = []

    def _all(self) -> Iterator[list]:
        if self.spool is not None:
            self.spool.seek(0)
            for line in self.spool:
                yield json.loads(line)
        yield from self.rows

    def finish(self) -> bytes | None:
        if not self.count:
            return None
        headers = [str(_("原行号")), *self.job.header, str(_("错误原因"))]
        with tempfile.TemporaryFile() as out:
            write_xlsx(out, [(str(_("退回的行")), headers, self._all())])
            out.seek(0)
            data = out.read()
        if self.spool is not None:
            self.spool.close()
        return data
