"""The import engine: one path from an uploaded spreadsheet to rows in the database, for every
module that imports a list (people now; party members, volunteers, books later).

upload → the header is found and columns mapped (the user confirms or fixes the mapping) → check
(a dry run: every row gets create / update / unchanged / error, nothing is written) → commit (the
same pipeline, writing, in one transaction). All-or-nothing mode rolls the whole file back when a
row fails; good-rows mode writes the good rows. Either way the rejected rows come back as a
workbook with their original cells and the reason, and created + updated + unchanged + rejected
always equals the rows read.

An importer (see `Importer`) knows its columns and its rows; the engine knows files, mapping,
chunks, transactions, counts, progress and the rejected-rows workbook. Checks and commits run as
background tasks (`linli.core.tasks`); their arguments are ids, never personal data.
"""

import abc
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import crypto, jobs
from linli.core.bulk import BulkWriter
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.logs import current_request_id
from linli.core.models import ImportJob, ImportRow
from linli.core.permissions import IMPORT_DATA
from linli.core.scoping import scope_for
from linli.core.sheets.errors import SheetError
from linli.core.sheets.read import Workbook, open_workbook, sniff
from linli.core.sheets.spec import ImportSpec, find_header
from linli.core.sheets.write import write_xlsx

log = logging.getLogger(__name__)
CHUNK_ROWS = 1000
PROGRESS_EVERY = 2000
Outcome = ImportRow.Outcome


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
    data: object = None  # the importer's own parsed form

    def reject(self, column: str, reason) -> None:
        self.problems.append((column, str(reason)))

    @property
    def ok(self) -> bool:
        return not self.problems


class Importer(abc.ABC):
    """What a module provides to import one kind of list. Subclasses set `kind`, `spec`, `title`,
    `intro` (template instructions) and implement `begin`, `check` and `write`."""

    kind: str
    title = ""
    spec: ImportSpec
    intro: list[str] = []
    options: dict[str, object] = {}  # option name -> label shown as a checkbox

    @abc.abstractmethod
    def begin(self, job: ImportJob, *, commit: bool):
        """Load what the rows will be checked against; returns the run's context."""

    def survey(self, context, row: SourceRow) -> None:
        """First pass over every row: learn what spans rows (duplicates, households). Optional."""
        return None

    @abc.abstractmethod
    def check(self, context, rows: list[SourceRow]) -> None:
        """Parse and validate a chunk; set each row's outcome, label and problems. No writes."""

    @abc.abstractmethod
    def write(self, context, rows: list[SourceRow]) -> None:
        """Commit only: write the chunk's good rows (create / update)."""

    def finish(self, context) -> None:
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


# Files -------------------------------------------------------------------------------------------


def _path(job: ImportJob, suffix: str) -> Path:
    root = Path(settings.IMPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root / f"{job.uid}.{suffix}"


def _store(job: ImportJob, suffix: str, data: bytes) -> None:
    target = _path(job, suffix)
    sealed = crypto.encrypt_bytes(data, purpose=f"import:{job.uid}:{suffix}")
    partial = target.with_name(target.name + ".tmp")
    partial.write_bytes(sealed)
    os.replace(partial, target)


def _load(job: ImportJob, suffix: str) -> bytes:
    return crypto.decrypt_bytes(_path(job, suffix).read_bytes(), purpose=f"import:{job.uid}:{suffix}")


def rejected_workbook(job: ImportJob) -> bytes:
    if not job.has_rejected_file or not _path(job, "rejected").exists():
        raise DomainError(_("这次导入没有退回的行。"), code="not_found")
    return _load(job, "rejected")


def progress(job: ImportJob) -> dict:
    try:
        return json.loads(_path(job, "progress").read_text())
    except (OSError, ValueError):
        return {}


def _set_progress(job: ImportJob, phase: str, done: int, total: int | None) -> None:
    target = _path(job, "progress")
    partial = target.with_name(target.name + ".tmp")
    partial.write_text(json.dumps({"phase": phase, "done": done, "total": total}))
    os.replace(partial, target)


# Services ----------------------------------------------------------------------------------------


def _require(actor, community_id: int) -> None:
    if not scope_for(actor).has(IMPORT_DATA, community_id):
        raise PermissionDeniedError(_("你没有导入数据的权限。"))


def import_upload(*, actor, community, kind: str, file_name: str, data: bytes, run_now: bool = False) -> ImportJob:
    """Take in a file. What its first bytes show is checked here (empty, too large, not a
    spreadsheet, password-protected: refused before anything is kept); unpacking it and finding the
    header run in the background (`read`), so that no web process ever parses a large workbook."""
    importer_for(kind)
    _require(actor, community.pk)
    file_kind = sniff(data)
    job = ImportJob.objects.create(
        community=community,
        kind=kind,
        file_name=os.path.basename(file_name)[:255] or "upload",
        file_size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
        file_kind=file_kind,
        status=ImportJob.Status.READING,
        language=translation.get_language() or "",
        created_by=actor,
    )
    _store(job, "upload", data)
    _set_progress(job, "read", 0, None)
    if run_now:
        run(job.pk, "read")
    else:
        from linli.core import tasks

        tasks.run_import.enqueue(job.pk, "read", request_id=current_request_id())
    job.refresh_from_db()
    return job


def _read(job: ImportJob) -> None:
    """Open the stored file, find the header and propose the mapping."""
    book = open_workbook(_load(job, "upload"), job.file_name)
    job.encoding, job.sheet_names = book.encoding, book.sheet_names
    _find_header(job, book, importer_for(job.kind))
    job.status = ImportJob.Status.MAPPING
    _finish(job, "read", ["encoding", "sheet_names", "sheet", "header_row", "header", "mapping", "status"])


def _find_header(job: ImportJob, book: Workbook, importer: Importer) -> None:
    """The first sheet whose header is recognisable (or the chosen one)."""
    order = [job.sheet] + [i for i in range(len(book.sheet_names)) if i != job.sheet]
    first_error = None
    for index in order:
        try:
            header = find_header(importer.spec, book.rows(index))
        except SheetError as exc:
            first_error = first_error or exc
            continue
        job.sheet, job.header_row, job.header, job.mapping = index, header.row_number, header.cells, header.mapping
        return
    raise first_error


def earlier_imports(job: ImportJob):
    """Earlier imports of the very same file (by checksum) into this community."""
    return (
        ImportJob.objects.in_community(job.community_id)
        .filter(checksum=job.checksum, kind=job.kind, status=ImportJob.Status.DONE)
        .exclude(pk=job.pk)
    )


def import_set_mapping(*, actor, job: ImportJob, mapping: dict[str, int | None], mode: str, options: dict) -> None:
    """The user's confirmed mapping: each of the spec's columns to one sheet column, or none."""
    importer = importer_for(job.kind)
    _require(actor, job.community_id)
    if job.busy or job.status in (ImportJob.Status.DONE, ImportJob.Status.CANCELLED):
        raise DomainError(_("这次导入已经在进行或已结束，不能再改列。"), code="conflict")
    chosen: dict[str, int] = {}
    used: dict[int, str] = {}
    for key, index in mapping.items():
        if index is None:
            continue
        if not 0 <= index < len(job.header):
            raise DomainError(_("选择的列不存在。"), field="mapping")
        if index in used:
            raise DomainError(
                _("同一列“%(col)s”不能同时对应“%(a)s”和“%(b)s”。")
                % {
                    "col": job.header[index] or index + 1,
                    "a": importer.spec.column(used[index]).label,
                    "b": importer.spec.column(key).label,
                },
                field="mapping",
            )
        used[index] = key
        chosen[key] = index
    missing = [importer.spec.column(k).label for k in importer.spec.required if k not in chosen]
    if missing:
        raise DomainError(_("必须指定这些列：%(cols)s。") % {"cols": "、".join(missing)}, field="mapping")
    job.mapping = chosen
    job.mode = mode if mode in ImportJob.Mode.values else ImportJob.Mode.ALL_OR_NOTHING
    job.options = {name: bool(options.get(name)) for name in importer.options}
    job.status = ImportJob.Status.CHECKING
    job.save(update_fields=["mapping", "mode", "options", "status"])


def import_start(*, actor, job: ImportJob, phase: str, run_now: bool = False) -> None:
    """Queue the check (`check`) or the commit (`commit`) of a job as a background task, or run
    it in this process (`run_now`, for the command line)."""
    from linli.core import tasks

    _require(actor, job.community_id)
    if not can_rerun(job):
        raise DomainError(_("上传的文件已不在服务器上（导入完成或取消后会删除）：请重新上传。"), code="gone")
    with transaction.atomic():
        current = ImportJob.objects.in_community(job.community_id).select_for_update().get(pk=job.pk)
        if phase == "commit":
            if current.status != ImportJob.Status.CHECKED:
                raise DomainError(_("请先检查文件，再导入。"), code="conflict")
            if current.mode == ImportJob.Mode.ALL_OR_NOTHING and current.counts.get("error"):
                raise DomainError(
                    _("文件中有 %(n)s 行错误：请改正后重新上传，或选择“只导入正确的行”。")
                    % {"n": current.counts["error"]},
                    code="has_errors",
                )
            current.status, current.committed_by = ImportJob.Status.COMMITTING, actor
        else:
            if current.status not in (ImportJob.Status.CHECKING, ImportJob.Status.CHECKED):
                raise DomainError(_("这次导入已经在进行或已结束。"), code="conflict")
            current.status = ImportJob.Status.CHECKING
        current.save(update_fields=["status", "committed_by"])
    _set_progress(current, phase, 0, None)
    if run_now:
        run(current.pk, phase)
    else:
        tasks.run_import.enqueue(current.pk, phase, request_id=current_request_id())
    job.refresh_from_db()


def can_rerun(job: ImportJob) -> bool:
    """The upload is still kept, so the job can be checked again."""
    return _path(job, "upload").exists()


def forget_files(job: ImportJob, *, keep_rejected: bool) -> None:
    """Delete the job's files from IMPORT_ROOT (the upload; the rejected rows unless kept)."""
    _path(job, "upload").unlink(missing_ok=True)
    _path(job, "progress").unlink(missing_ok=True)
    if not keep_rejected:
        _path(job, "rejected").unlink(missing_ok=True)


STALL_SECONDS = 600


def is_stalled(job: ImportJob) -> bool:
    """A running job that has shown no sign of life (heartbeat, progress) for ten minutes and whose
    run lock nobody holds: its worker has died (the transaction rolled back with it, so nothing is
    half-written) and it may be cancelled."""
    if not job.busy or jobs.held(job):
        return False
    last = jobs.last_sign(job)
    return last is None or time.time() - last.timestamp() > STALL_SECONDS


def import_cancel(*, actor, job: ImportJob) -> None:
    _require(actor, job.community_id)
    if (job.busy and not is_stalled(job)) or job.status == ImportJob.Status.DONE:
        raise DomainError(_("正在进行或已完成的导入不能取消。"), code="conflict")
    job.status = ImportJob.Status.CANCELLED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    forget_files(job, keep_rejected=True)


# The run -----------------------------------------------------------------------------------------


def run(job_id: int, phase: str) -> None:
    """Body of the background task: read, check or commit one job, in the language of the person
    who uploaded it (the reasons it stores are read by them). Never raises; the job records how it
    ended, and on any failure the database is as it was."""
    if not jobs.start(job_id, phase):
        log.warning("import %s (%s) is no longer waiting for this run: skipped", job_id, phase)
        return
    job = ImportJob.objects.unscoped().select_related("community", "created_by", "committed_by").get(pk=job_id)
    with jobs.running(job) as mine, translation.override(job.language or settings.LANGUAGE_CODE):
        if not mine:
            log.warning("import %s (%s) is run by another process: skipped", job_id, phase)
            return
        _run_phase(job, phase)


def _run_phase(job: ImportJob, phase: str) -> None:
    if phase == "read":
        try:
            _read(job)
        except SheetError as exc:
            if _fail(job, exc.message):
                forget_files(job, keep_rejected=False)  # nothing can be done with it
        except Exception:
            log.exception("import %s (read) failed", job.pk)
            if _fail(job, _("读取文件时出错。请用 Excel 打开后另存为 .xlsx 再试；仍不行请告诉系统管理员。")):
                forget_files(job, keep_rejected=False)
        else:
            _path(job, "progress").unlink(missing_ok=True)
        return
    commit = phase == "commit"
    try:
        counts, outcomes, rejected, kept = _run(job, commit=commit)
    except SheetError as exc:
        _fail(job, exc.message)
        return
    except Exception:
        log.exception("import %s (%s) failed", job.pk, phase)
        _fail(job, _("导入时出错，数据没有任何改动。请稍后重试；仍不行请把文件和时间告诉系统管理员。"))
        return
    jobs.alive(job)
    _save_rows(job, outcomes)
    jobs.alive(job)
    if rejected is not None:
        _store(job, "rejected", rejected)
    job.has_rejected_file = rejected is not None
    job.counts = counts
    now = timezone.now()
    fields = ["has_rejected_file", "counts", "status", "message"]
    if not commit:
        job.status, job.checked_at, job.message = ImportJob.Status.CHECKED, now, ""
        fields.append("checked_at")
    elif kept:
        job.status, job.finished_at = ImportJob.Status.DONE, now
        fields.append("finished_at")
    else:
        job.status, job.finished_at = ImportJob.Status.REJECTED, now
        job.message = _("文件中有错误行，按“全部正确才导入”的选择，一行也没有写入。")
        fields.append("finished_at")
    if _finish(job, phase, fields) and job.status == ImportJob.Status.DONE:
        _path(job, "upload").unlink(missing_ok=True)


def _finish(job: ImportJob, phase: str, fields: list[str]) -> bool:
    """Record how the run ended — compare-and-set on the status the run started from, so that a
    sweep, a re-run or a cancel that came meanwhile is not overwritten. False: it was (logged)."""
    running = jobs.PHASE_STATUS[phase]
    done = ImportJob.objects.unscoped().filter(pk=job.pk, status=running).update(**{f: getattr(job, f) for f in fields})
    if not done:
        log.warning("import %s (%s) ended but its job had moved on: its end is not recorded", job.pk, phase)
        return False
    _path(job, "progress").unlink(missing_ok=True)
    return True


def _fail(job: ImportJob, message) -> bool:
    phase = next((p for p, status in jobs.PHASE_STATUS.items() if status == job.status), "")
    job.status = ImportJob.Status.FAILED
    job.message = str(message)[:500]
    job.finished_at = timezone.now()
    return bool(phase) and _finish(job, phase, ["status", "message", "finished_at"])


def _source_rows(job: ImportJob, book: Workbook) -> Iterator[SourceRow]:
    for number, cells in book.rows(job.sheet):
        if number <= (job.header_row or 0):
            continue
        raw = {key: (cells[index] if index < len(cells) else None) for key, index in job.mapping.items()}
        yield SourceRow(number=number, cells=cells, raw=raw)


def _chunks(rows: Iterator[SourceRow]) -> Iterator[list[SourceRow]]:
    chunk: list[SourceRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run(job: ImportJob, *, commit: bool):
    importer = importer_for(job.kind)
    book = open_workbook(_load(job, "upload"), job.file_name)
    context = importer.begin(job, commit=commit)
    total = 0
    for row in _source_rows(job, book):
        importer.survey(context, row)
        total += 1
        if total % (10 * PROGRESS_EVERY) == 0:
            jobs.beat(job)
    jobs.beat(job)
    phase = "commit" if commit else "check"
    _set_progress(job, phase, 0, total)
    counts = {"read": 0, "create": 0, "update": 0, "unchanged": 0, "error": 0}
    outcomes: list[tuple] = []
    rejects = _Rejects(job)
    with transaction.atomic():
        for chunk in _chunks(_source_rows(job, book)):
            importer.check(context, chunk)
            for row in chunk:
                if row.problems:
                    row.outcome = Outcome.ERROR
                elif not row.outcome:
                    raise RuntimeError(f"{importer.kind} left row {row.number} without an outcome")
            if commit:
                importer.write(context, [r for r in chunk if r.ok])
            for row in chunk:
                counts["read"] += 1
                counts[row.outcome] += 1
                if row.problems:
                    rejects.add(row)
                outcomes.append((row.number, row.outcome, row.label[:200], row.changes[:300], _problems(job, row)))
            if counts["read"] % PROGRESS_EVERY < CHUNK_ROWS:
                _set_progress(job, phase, counts["read"], total)
        if commit:
            jobs.touch(job)
            importer.finish(context)
            jobs.touch(job)
        keep = commit and (job.mode == ImportJob.Mode.GOOD_ROWS or not counts["error"])
        if commit and not keep:
            transaction.set_rollback(True)
    jobs.alive(job)  # the COMMIT is done
    if not commit or not keep:
        counts["written"] = 0
    else:
        counts["written"] = counts["create"] + counts["update"]
    assert counts["read"] == sum(counts[k] for k in ("create", "update", "unchanged", "error"))
    rejected = rejects.finish()
    jobs.alive(job)
    return counts, outcomes, rejected, commit and keep


def _problems(job: ImportJob, row: SourceRow) -> list[list[str]]:
    return [[_column_title(job, key), reason] for key, reason in row.problems]


def _column_title(job: ImportJob, key: str) -> str:
    index = job.mapping.get(key)
    if index is None or not key:
        return ""
    header = job.header[index] if index < len(job.header) else ""
    return (_("%(letter)s列") % {"letter": _letter(index)} + f" {header}").strip()


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _save_rows(job: ImportJob, outcomes: list[tuple]) -> None:
    with transaction.atomic():
        ImportRow.objects.in_community(job.community_id).filter(job=job).delete()
        writer = BulkWriter(ImportRow, concurrent=True)
        for start in range(0, len(outcomes), 10000):
            jobs.touch(job)  # inside the transaction: the progress file's time
            writer.write_values(
                {
                    "community_id": job.community_id, "job_id": job.pk, "row_number": number, "outcome": outcome,
                    "label": label, "changes": changes, "problems": problems,
                }
                for number, outcome, label, changes, problems in outcomes[start : start + 10000]
            )  # fmt: skip


class _Rejects:
    """The rejected rows, written as they come into a workbook on disk: original row number,
    original cells, then the reasons."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.rows: list[list] = []
        self.spool = None
        self.count = 0

    def add(self, row: SourceRow) -> None:
        reasons = "；".join(f"{title}：{reason}" if title else reason for title, reason in _problems(self.job, row))
        cells = [_plain(c) for c in row.cells]
        cells += [""] * (len(self.job.header) - len(cells))
        self.rows.append([row.number, *cells, reasons])
        self.count += 1
        if len(self.rows) >= 20000:
            self._flush_to_disk()

    def _flush_to_disk(self) -> None:
        if self.spool is None:
            self.spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 - closed in finish()
        for row in self.rows:
            self.spool.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.rows = []

    def _all(self):
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


def _plain(value):
    """A cell as it can go back into a workbook: dates stay dates, numbers stay numbers."""
    if value is None or isinstance(value, int | float | str | dt.date):
        return value
    return str(value)  # times, durations


MODE_HELP = {
    ImportJob.Mode.ALL_OR_NOTHING: gettext_lazy("有任何一行错误，就一行也不写入（推荐）。"),
    ImportJob.Mode.GOOD_ROWS: gettext_lazy("正确的行写入，错误的行退回给你修改后再导入。"),
}
