"""The import engine's services: take in a file, confirm its columns, start the check or the
commit, take a job back to its columns, re-run an interrupted run, cancel. Every one checks the
actor's IMPORT_DATA in the job's community; the runs themselves go to the background worker
(`queue`), their arguments ids, never personal data."""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.imports import events, files, liveness, queue
from linli.core.imports.engine import run
from linli.core.imports.importer import importer_for
from linli.core.models import ImportJob
from linli.core.permissions import IMPORT_DATA
from linli.core.scoping import scope_for
from linli.core.sheets.read import sniff

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import Model

Status = ImportJob.Status
# A job can go back to its columns from these, while its upload is kept.
REMAPPABLE = (Status.CHECKED, Status.FAILED, Status.REJECTED)
MODE_HELP = {
    ImportJob.Mode.ALL_OR_NOTHING: gettext_lazy("有任何一行错误，就一行也不写入（推荐）。"),
    ImportJob.Mode.GOOD_ROWS: gettext_lazy("正确的行写入，错误的行退回给你修改后再导入。"),
}


def _require(actor: User, community_id: int, kind: str | None = None) -> None:
    scope = scope_for(actor)
    if not scope.has(IMPORT_DATA, community_id):
        raise PermissionDeniedError(_("你没有导入数据的权限。"))
    if kind is not None and not importer_for(kind).allowed(scope, community_id):
        raise PermissionDeniedError(_("你没有导入这种表格的权限。"))


def _locked(job: ImportJob) -> ImportJob:
    return ImportJob.objects.in_community(job.community_id).select_for_update().get(pk=job.pk)


def import_upload(
    *, actor: User, community: Model, kind: str, file_name: str, data: bytes, run_now: bool = False
) -> ImportJob:
    """Take in a file. What its first bytes show is checked here (empty, too large, not a
    spreadsheet, password-protected: refused before anything is kept); unpacking it and finding the
    header run in the background (`read`), so that no web process ever parses a large workbook."""
    importer_for(kind)
    _require(actor, community.pk, kind)
    file_kind = sniff(data)
    job = ImportJob.objects.create(
        community_id=community.pk,
        kind=kind,
        file_name=os.path.basename(file_name)[:255] or "upload",
        file_size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
        file_kind=file_kind,
        status=Status.READING,
        language=translation.get_language() or "",
        created_by=actor,
    )
    files.store(job, "upload", data)
    files.set_progress(job, "read", 0, None)
    if run_now:
        run(job.pk, "read")
    else:
        queue.enqueue(job.pk, "read")
    job.refresh_from_db()
    return job


def earlier_imports(job: ImportJob) -> QuerySet[ImportJob]:
    """Earlier imports of the very same file (by checksum) into this community."""
    return (
        ImportJob.objects.in_community(job.community_id)
        .filter(checksum=job.checksum, kind=job.kind, status=Status.DONE)
        .exclude(pk=job.pk)
    )


def import_set_mapping(
    *, actor: User, job: ImportJob, mapping: dict[str, int | None], mode: str, options: dict[str, Any]
) -> None:
    """The user's confirmed mapping: each of the spec's columns to one sheet column, or none."""
    importer = importer_for(job.kind)
    _require(actor, job.community_id, job.kind)
    if job.busy or job.status in (Status.DONE, Status.CANCELLED):
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
    job.status = Status.CHECKING
    job.save(update_fields=["mapping", "mode", "options", "status"])


def import_start(*, actor: User, job: ImportJob, phase: str, run_now: bool = False) -> None:
    """Queue the check (`check`) or the commit (`commit`) of a job as a background task, or run
    it in this process (`run_now`, for the command line)."""
    _require(actor, job.community_id, job.kind)
    if not files.can_rerun(job):
        raise DomainError(_("上传的文件已不在服务器上（导入完成或取消后会删除）：请重新上传。"), code="gone")
    with transaction.atomic():
        current = _locked(job)
        if phase == "commit":
            if current.status != Status.CHECKED:
                raise DomainError(_("请先检查文件，再导入。"), code="conflict")
            if current.mode == ImportJob.Mode.ALL_OR_NOTHING and current.counts.get("error"):
                raise DomainError(
                    _("文件中有 %(n)s 行错误：请改正后重新上传，或选择“只导入正确的行”。")
                    % {"n": current.counts["error"]},
                    code="has_errors",
                )
            current.status, current.committed_by = Status.COMMITTING, actor
        else:
            if current.status not in (Status.CHECKING, Status.CHECKED):
                raise DomainError(_("这次导入已经在进行或已结束。"), code="conflict")
            current.status = Status.CHECKING
        current.save(update_fields=["status", "committed_by"])
    files.set_progress(current, phase, 0, None)
    if run_now:
        run(current.pk, phase)
    else:
        queue.enqueue(current.pk, phase)
    job.refresh_from_db()


@transaction.atomic
def import_remap(*, actor: User, job: ImportJob) -> ImportJob:
    """Take a checked, failed or rejected job back to confirming its columns (its upload must still
    be kept); recorded on the job's timeline."""
    _require(actor, job.community_id)
    current = _locked(job)
    if current.status not in REMAPPABLE or not files.can_rerun(current):
        raise DomainError(_("这次导入已经结束，请重新上传文件。"), code="conflict")
    previous = current.status
    current.status = Status.MAPPING
    current.save(update_fields=["status"])
    events.import_remapped(actor=actor, job=current, previous_status=previous)
    job.status = current.status
    return current


def import_cancel(*, actor: User, job: ImportJob) -> None:
    """Cancel a job that is not running (or whose worker died): checked on the locked row, so that a
    worker picking it up at the same moment is not overtaken; its files go once that is saved."""
    _require(actor, job.community_id)
    with transaction.atomic():
        current = _locked(job)
        if (current.busy and not liveness.is_stalled(current)) or current.status == Status.DONE:
            raise DomainError(_("正在进行或已完成的导入不能取消。"), code="conflict")
        previous = current.status
        current.status = Status.CANCELLED
        current.finished_at = timezone.now()
        current.save(update_fields=["status", "finished_at"])
        events.import_cancelled(actor=actor, job=current, previous_status=previous)
    files.forget_files(current, keep_rejected=True)  # the row says cancelled: its files may go
    job.status, job.finished_at = current.status, current.finished_at


def import_rerun(*, actor: User, job: ImportJob) -> None:
    """Queue the phase that failed again, from the kept upload (the data is as it was before)."""
    _require(actor, job.community_id)
    if not liveness.can_rerun_failed(job):
        raise DomainError(_("这次导入不能重新运行：请重新上传文件。"), code="conflict")
    status = liveness.PHASE_STATUS[job.phase]
    fields: dict[str, Any] = {"status": status, "message": "", "finished_at": None, "heartbeat_at": None}
    if job.phase == "commit":
        fields["committed_by"] = actor
    if not ImportJob.objects.unscoped().filter(pk=job.pk, status=Status.FAILED).update(**fields):
        raise DomainError(_("这次导入已经在进行或已结束。"), code="conflict")
    files.set_progress(job, job.phase, 0, None)
    events.import_rerun(actor=actor, job=job, phase=job.phase)
    queue.enqueue(job.pk, job.phase)
    job.refresh_from_db()
