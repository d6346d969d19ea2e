"""What a module provides to import one kind of list (`Importer`), the row it is handed
(`SourceRow`), and the register of importers the console and the command line look them up in."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from linli.core.errors import DomainError
from linli.core.models import ImportJob
from linli.core.sheets.spec import ImportSpec


@dataclass
class SourceRow:
    """One data row of the sheet as it travels through an importer."""

    number: int  # as the sheet shows it
    cells: list  # the original cells, for the rejected-rows workbook
    raw: dict  # column key -> cell, per the mapping
    outcome: str = ""
    label: str = ""
    changes: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column key or "", reason)
    data: Any = None  # the importer's own parsed form

    def reject(self, column: str, reason: object) -> None:
        self.problems.append((column, str(reason)))

    @property
    def ok(self) -> bool:
        return not self.problems


class Importer(abc.ABC):
    """What a module provides to import one kind of list. Subclasses set `kind`, `spec`, `title`,
    `intro` (template instructions) and implement `begin`, `check` and `write`."""

    kind: str
    title: Any = ""  # a lazy translation
    spec: ImportSpec
    intro: list[str] = []
    options: dict[str, Any] = {}  # option name -> label shown as a checkbox

    @abc.abstractmethod
    def begin(self, job: ImportJob, *, commit: bool) -> Any:
        """Load what the rows will be checked against; returns the run's context."""

    def survey(self, context: Any, row: SourceRow) -> None:
        """First pass over every row: learn what spans rows (duplicates, households). Optional."""
        return None

    @abc.abstractmethod
    def check(self, context: Any, rows: list[SourceRow]) -> None:
        """Parse and validate a chunk; set each row's outcome, label and problems. No writes."""

    @abc.abstractmethod
    def write(self, context: Any, rows: list[SourceRow]) -> None:
        """Commit only: write the chunk's good rows (create / update)."""

    def finish(self, context: Any) -> None:
        """Commit only, after the last chunk, inside the transaction. Optional."""
        return None


_importers: dict[str, Importer] = {}


def register_importer(importer: Importer) -> Importer:
    _importers[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    try:
        return _importers[kind]
    except KeyError:
        raise DomainError(_("没有这种导入。"), code="not_found") from None


def importers() -> list[Importer]:
    return list(_importers.values())
