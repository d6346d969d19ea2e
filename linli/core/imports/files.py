"""The files of an import job under IMPORT_ROOT, named by the job's uid: the upload (encrypted,
kept until the import is finished or cancelled), the rejected rows (encrypted), the progress of
the run (plain JSON of counts, no personal data) and the run's lock (see `liveness`)."""

import json
import os
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from linli.core import crypto
from linli.core.errors import DomainError
from linli.core.models import ImportJob


def path(job: ImportJob, suffix: str) -> Path:
    root = Path(settings.IMPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root / f"{job.uid}.{suffix}"


def store(job: ImportJob, suffix: str, data: bytes) -> None:
    target = path(job, suffix)
    sealed = crypto.encrypt_bytes(data, purpose=f"import:{job.uid}:{suffix}")
    partial = target.with_name(target.name + ".tmp")
    partial.write_bytes(sealed)
    os.replace(partial, target)


def load(job: ImportJob, suffix: str) -> bytes:
    return crypto.decrypt_bytes(path(job, suffix).read_bytes(), purpose=f"import:{job.uid}:{suffix}")


def rejected_workbook(job: ImportJob) -> bytes:
    if not job.has_rejected_file or not path(job, "rejected").exists():
        raise DomainError(_("这次导入没有退回的行。"), code="not_found")
    return load(job, "rejected")


def progress(job: ImportJob) -> dict:
    try:
        return json.loads(path(job, "progress").read_text())
    except (OSError, ValueError):
        return {}


def set_progress(job: ImportJob, phase: str, done: int, total: int | None) -> None:
    target = path(job, "progress")
    partial = target.with_name(target.name + ".tmp")
    partial.write_text(json.dumps({"phase": phase, "done": done, "total": total}))
    os.replace(partial, target)


def can_rerun(job: ImportJob) -> bool:
    """The upload is still kept, so the job can be checked again."""
    return path(job, "upload").exists()


def forget_files(job: ImportJob, *, keep_rejected: bool) -> None:
    """Delete the job's files from IMPORT_ROOT (the upload; the rejected rows unless kept)."""
    path(job, "upload").unlink(missing_ok=True)
    path(job, "progress").unlink(missing_ok=True)
    if not keep_rejected:
        path(job, "rejected").unlink(missing_ok=True)
