"""What a module provides to import one kind of list (`Importer`), the row it is handed
(`SourceRow`), the columns a module higher up adds to another module's list (`ImportExtension`:
party reads the register's 政治面貌 without people knowing party), and the register of both the
console and the command line look them up in."""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.errors import DomainError
from linli.core.models import ImportJob
from linli.core.sheets.spec import Column, ImportSpec


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
    subject_id: int | None = None  # the record the row is about, once known (extensions write against it)
    extra: dict[str, Any] = field(default_factory=dict)  # what each extension parsed, by its name

    def reject(self, column: str, reason: object) -> None:
        self.problems.append((column, str(reason)))

    @property
    def ok(self) -> bool:
        return not self.problems

    def add_change(self, change: object) -> None:
        """A change an extension makes to a row the importer found unchanged or updated."""
        if self.outcome == "unchanged":
            self.outcome = "update"
        self.changes = "、".join(c for c in (self.changes, str(change)) if c)


class Importer(abc.ABC):
    """What a module provides to import one kind of list. Subclasses set `kind`, `spec`, `title`,
    `intro` (template instructions) and implement `begin`, `check` and `write`."""

    kind: str
    title: Any = ""  # a lazy translation
    spec: ImportSpec
    intro: list[str] = []
    options: dict[str, Any] = {}  # option name -> label shown as a checkbox
    order: int = 50  # place on the import page
    blurb: Any = ""  # one line under the title on the import page
    subject: Any = gettext_lazy("居民")  # what a row is, as the preview's column says
    counts_people: bool = True  # the preview counts people (人), else rows (行)

    def allowed(self, scope: Any, community_id: int) -> bool:
        """Beyond IMPORT_DATA: may this scope import this kind here (party's roll: MANAGE_PARTY)."""
        return True

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


@dataclass(frozen=True)
class ImportExtension:
    """Columns a module adds to another module's import, and what it does with them: `begin(job,
    commit)` loads its context; `check(context, rows)` parses its cells into `row.extra[name]`,
    rejects bad ones (`row.reject`) and names its changes (`row.add_change`), after the importer's
    own check (so `row.subject_id` is set for rows about records already stored); `write(context,
    rows)` runs on commit after the importer wrote the good rows, every `subject_id` set."""

    kind: str  # the importer it extends
    name: str
    columns: tuple[Column, ...]
    begin: Callable[[ImportJob, bool], Any]
    check: Callable[[Any, list[SourceRow]], None]
    write: Callable[[Any, list[SourceRow]], None]
    intro: tuple[str, ...] = ()  # lines added to the template's instructions


_importers: dict[str, Importer] = {}
_base_specs: dict[str, ImportSpec] = {}
_extensions: dict[str, list[ImportExtension]] = {}


def register_importer(importer: Importer) -> Importer:
    _importers[importer.kind] = importer
    _base_specs[importer.kind] = importer.spec
    _extend_spec(importer.kind)
    return importer


def register_extension(extension: ImportExtension) -> ImportExtension:
    """Add columns to the importer of `extension.kind` (registered before or after)."""
    mine = _extensions.setdefault(extension.kind, [])
    mine[:] = [e for e in mine if e.name != extension.name] + [extension]
    _extend_spec(extension.kind)
    return extension


def extensions_for(kind: str) -> list[ImportExtension]:
    return list(_extensions.get(kind, ()))


def intro_for(importer: Importer) -> list[str]:
    """The template's instructions: the importer's, then each extension's."""
    return [*importer.intro, *(line for e in _extensions.get(importer.kind, ()) for line in e.intro)]


def _extend_spec(kind: str) -> None:
    importer, base = _importers.get(kind), _base_specs.get(kind)
    if importer is None or base is None:
        return
    added = tuple(c for e in _extensions.get(kind, ()) for c in e.columns)
    importer.spec = replace(base, columns=base.columns + added)


def importer_for(kind: str) -> Importer:
    try:
        return _importers[kind]
    except KeyError:
        raise DomainError(_("没有这种导入。"), code="not_found") from None


def importers() -> list[Importer]:
    return sorted(_importers.values(), key=lambda i: i.order)
