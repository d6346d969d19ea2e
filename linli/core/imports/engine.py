"""The run of one phase of a job, in the background task: read (find the header, propose the
mapping), check (a dry run: every row gets create / update / unchanged / error, nothing written)
or commit (the same pipeline, writing, in one transaction). All-or-nothing mode rolls the whole
file back when a row fails; good-rows mode writes the good rows. created + updated + unchanged +
rejected always equals the rows read."""

import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.core.bulk import BulkWriter
from linli.core.imports import files, liveness
from linli.core.imports.importer import Importer, ImportExtension, SourceRow, extensions_for, importer_for
from linli.core.imports.rejects import Rejects, problems
from linli.core.models import ImportJob, ImportRow
from linli.core.sheets.errors import SheetError
from linli.core.sheets.read import Workbook, open_workbook
from linli.core.sheets.spec import find_header

log = logging.getLogger("linli.core.imports")
CHUNK_ROWS = 1000
PROGRESS_EVERY = 2000
Outcome = ImportRow.Outcome
Outcomes = list[tuple[int, str, str, str, list[list[str]]]]
Extensions = list[tuple[ImportExtension, Any]]


def run(job_id: int, phase: str) -> None:
    """Body of the background task: read, check or commit one job, in the language of the person
    who uploaded it (the reasons it stores are read by them). Never raises; the job records how it
    ended, and on any failure the database is as it was."""
    if not liveness.start(job_id, phase):
        log.warning("import %s (%s) is no longer waiting for this run: skipped", job_id, phase)
        return
    job = ImportJob.objects.unscoped().select_related("community", "created_by", "committed_by").get(pk=job_id)
    with liveness.running(job) as mine, translation.override(job.language or settings.LANGUAGE_CODE):
        if not mine:
            log.warning("import %s (%s) is run by another process: skipped", job_id, phase)
            return
        _run_phase(job, phase)


def _run_phase(job: ImportJob, phase: str) -> None:
    if phase == "read":
        _read_phase(job)
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
    liveness.alive(job)
    _save_rows(job, outcomes)
    liveness.alive(job)
    _record_end(job, phase, counts, rejected, kept=kept)


def _read_phase(job: ImportJob) -> None:
    try:
        _read(job)
    except SheetError as exc:
        if _fail(job, exc.message):
            files.forget_files(job, keep_rejected=False)  # nothing can be done with it
    except Exception:
        log.exception("import %s (read) failed", job.pk)
        if _fail(job, _("读取文件时出错。请用 Excel 打开后另存为 .xlsx 再试；仍不行请告诉系统管理员。")):
            files.forget_files(job, keep_rejected=False)
    else:
        files.path(job, "progress").unlink(missing_ok=True)


def _record_end(job: ImportJob, phase: str, counts: dict, rejected: bytes | None, *, kept: bool) -> None:
    if rejected is not None:
        files.store(job, "rejected", rejected)
    job.has_rejected_file = rejected is not None
    job.counts = counts
    now = timezone.now()
    fields = ["has_rejected_file", "counts", "status", "message"]
    if phase != "commit":
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
        files.path(job, "upload").unlink(missing_ok=True)


def _read(job: ImportJob) -> None:
    """Open the stored file, find the header and propose the mapping."""
    book = open_workbook(files.load(job, "upload"), job.file_name)
    job.encoding, job.sheet_names = book.encoding, book.sheet_names
    _find_header(job, book, importer_for(job.kind))
    job.status = ImportJob.Status.MAPPING
    _finish(job, "read", ["encoding", "sheet_names", "sheet", "header_row", "header", "mapping", "status"])


def _find_header(job: ImportJob, book: Workbook, importer: Importer) -> None:
    """The first sheet whose header is recognisable (or the chosen one)."""
    order = [job.sheet] + [i for i in range(len(book.sheet_names)) if i != job.sheet]
    first_error: SheetError | None = None
    for index in order:
        try:
            header = find_header(importer.spec, book.rows(index))
        except SheetError as exc:
            first_error = first_error or exc
            continue
        job.sheet, job.header_row, job.header, job.mapping = index, header.row_number, header.cells, header.mapping
        return
    if first_error is None:  # a workbook without a sheet: the reader's bug, reported as a failed read
        raise RuntimeError(f"import {job.pk}: the workbook has no sheet")
    raise first_error


def _finish(job: ImportJob, phase: str, fields: list[str]) -> bool:
    """Record how the run ended — compare-and-set on the status the run started from, so that a
    sweep, a re-run or a cancel that came meanwhile is not overwritten. False: it was (logged)."""
    running = liveness.PHASE_STATUS[phase]
    done = ImportJob.objects.unscoped().filter(pk=job.pk, status=running).update(**{f: getattr(job, f) for f in fields})
    if not done:
        log.warning("import %s (%s) ended but its job had moved on: its end is not recorded", job.pk, phase)
        return False
    files.path(job, "progress").unlink(missing_ok=True)
    return True


def _fail(job: ImportJob, message: object) -> bool:
    phase = next((p for p, status in liveness.PHASE_STATUS.items() if status == job.status), "")
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


def _survey(job: ImportJob, book: Workbook, importer: Importer, context: Any) -> int:
    """The first pass: the importer sees every row once; returns how many there are."""
    total = 0
    for row in _source_rows(job, book):
        importer.survey(context, row)
        total += 1
        if total % (10 * PROGRESS_EVERY) == 0:
            liveness.beat(job)
    liveness.beat(job)
    return total


def _run(job: ImportJob, *, commit: bool) -> tuple[dict[str, int], Outcomes, bytes | None, bool]:
    importer = importer_for(job.kind)
    book = open_workbook(files.load(job, "upload"), job.file_name)
    context = importer.begin(job, commit=commit)
    extensions = [(e, e.begin(job, commit)) for e in extensions_for(job.kind)]
    total = _survey(job, book, importer, context)
    phase = "commit" if commit else "check"
    files.set_progress(job, phase, 0, total)
    counts = {"read": 0, "create": 0, "update": 0, "unchanged": 0, "error": 0}
    outcomes: Outcomes = []
    rejects = Rejects(job)
    with transaction.atomic():
        for chunk in _chunks(_source_rows(job, book)):
            _check_chunk(importer, context, chunk, commit=commit, extensions=extensions)
            for row in chunk:
                counts["read"] += 1
                counts[row.outcome] += 1
                if row.problems:
                    rejects.add(row)
                outcomes.append((row.number, row.outcome, row.label[:200], row.changes[:300], problems(job, row)))
            if counts["read"] % PROGRESS_EVERY < CHUNK_ROWS:
                files.set_progress(job, phase, counts["read"], total)
        if commit:
            liveness.touch(job)
            importer.finish(context)
            liveness.touch(job)
        keep = commit and (job.mode == ImportJob.Mode.GOOD_ROWS or not counts["error"])
        if commit and not keep:
            transaction.set_rollback(True)
    liveness.alive(job)  # the COMMIT is done
    counts["written"] = counts["create"] + counts["update"] if keep else 0
    assert counts["read"] == sum(counts[k] for k in ("create", "update", "unchanged", "error"))
    rejected = rejects.finish()
    liveness.alive(job)
    return counts, outcomes, rejected, keep


def _check_chunk(
    importer: Importer, context: Any, chunk: list[SourceRow], *, commit: bool, extensions: Extensions
) -> None:
    importer.check(context, chunk)
    for extension, extension_context in extensions:
        extension.check(extension_context, chunk)
    for row in chunk:
        if row.problems:
            row.outcome = Outcome.ERROR
        elif not row.outcome:
            raise RuntimeError(f"{importer.kind} left row {row.number} without an outcome")
    if commit:
        good = [r for r in chunk if r.ok]
        importer.write(context, good)
        for extension, extension_context in extensions:
            extension.write(extension_context, good)


def _save_rows(job: ImportJob, outcomes: Outcomes) -> None:
    with transaction.atomic():
        ImportRow.objects.in_community(job.community_id).filter(job=job).delete()
        writer = BulkWriter(ImportRow, concurrent=True)
        for start in range(0, len(outcomes), 10000):
            liveness.touch(job)  # inside the transaction: the progress file's time
            writer.write_values(
                {
                    "community_id": job.community_id, "job_id": job.pk, "row_number": number, "outcome": outcome,
                    "label": label, "changes": changes, "problems": reasons,
                }
                for number, outcome, label, changes, reasons in outcomes[start : start + 10000]
            )  # fmt: skip
