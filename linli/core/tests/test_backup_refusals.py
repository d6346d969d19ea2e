"""What restore refuses, changing nothing: archive members that are not plain files (a symlink that
passes tarfile's "data" filter points outside MEDIA_ROOT once moved in), members the filter rejects
(no traceback), and a live system (a running task, a periodic round a moment ago) unless --force-live.
And the archive is written for its owner only, whatever the umask."""

import datetime as dt
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from linli.core.models import PeriodicJob
from linli.core.tests.test_backup import back_up, change_everything, site, state  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db(transaction=True)


def rewritten(archive: Path, target: Path, *, extra=(), rename=None) -> Path:
    """A copy of archive with extra members (TarInfo, bytes | None) added before the manifest, and the
    parts named in rename (old → new) renamed in the archive and in its manifest alike."""
    rename = rename or {}
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                for info, payload in extra:
                    copy.addfile(info, io.BytesIO(payload) if payload is not None else None)
                manifest = json.loads(data)
                for part in manifest["parts"]:
                    part["path"] = rename.get(part["path"], part["path"])
                data = json.dumps(manifest).encode()
                member.size = len(data)
            member.name = rename.get(member.name, member.name)
            copy.addfile(member, io.BytesIO(data))
    return target


def special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return info


@pytest.mark.parametrize(
    ("member", "said"),
    [
        (special("media/x", tarfile.SYMTYPE, "../y"), "symbolic link"),
        (special("media/cases/2026/copy.png", tarfile.LNKTYPE, "media/cases/2026/photo.png"), "hard link"),
        (special("media/pipe", tarfile.FIFOTYPE), "FIFO"),
        (special("imports/tty", tarfile.CHRTYPE), "device"),
    ],
    ids=["symlink", "hardlink", "fifo", "device"],
)
def test_restore_refuses_members_that_are_not_plain_files(site, tmp_path, member, said):  # noqa: F811
    archive, _ = back_up(tmp_path)
    crafted = rewritten(archive, tmp_path / "crafted.tar", extra=[(member, None)])
    change_everything(site)
    changed = state()
    with pytest.raises(CommandError, match=f"nothing restored: .*{member.name}.* {said}"):
        call_command("restore", str(crafted), "--yes")
    assert state() == changed
    assert not (Path(tmp_path).parent / "y").exists()


def test_restore_refuses_a_member_that_would_land_outside_as_a_message_not_a_traceback(site, tmp_path):  # noqa: F811
    """The manifest lists it, so the names agree; tarfile's data filter raises OutsideDestinationError."""
    archive, _ = back_up(tmp_path)
    crafted = rewritten(archive, tmp_path / "crafted.tar", rename={"imports/job-1.enc": "imports/../../escape"})
    change_everything(site)
    changed = state()
    with pytest.raises(CommandError, match="nothing restored: .*imports/../../escape"):
        call_command("restore", str(crafted), "--yes")
    assert state() == changed
    assert not any(p.name == "escape" for p in tmp_path.parent.rglob("escape"))


def running_task() -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="linli.core.tasks.ping",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(status="RUNNING", started_at=timezone.now())
    return task


def test_restore_refuses_while_the_worker_runs_a_task_unless_forced(site, tmp_path):  # noqa: F811
    archive, _ = back_up(tmp_path)
    change_everything(site)
    running_task()
    changed = state()
    with pytest.raises(CommandError, match="nothing restored: .*1 task.* running.*--force-live"):
        call_command("restore", str(archive), "--yes")
    assert state() == changed
    call_command("restore", str(archive), "--yes", "--force-live", stdout=io.StringIO())
    assert state() != changed


def test_restore_refuses_while_the_periodic_runner_is_at_work_unless_forced(site, tmp_path):  # noqa: F811
    archive, _ = back_up(tmp_path)
    change_everything(site)
    PeriodicJob.objects.create(name="sweep_case_deadlines", last_started_at=timezone.now() - dt.timedelta(seconds=20))
    changed = state()
    with pytest.raises(CommandError, match="nothing restored: .*periodic.*--force-live"):
        call_command("restore", str(archive), "--yes")
    assert state() == changed
    # A round longer ago than a minute is not a live runner.
    PeriodicJob.objects.filter(pk="sweep_case_deadlines").update(
        last_started_at=timezone.now() - dt.timedelta(minutes=5)
    )
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert state() != changed


def test_the_archive_is_written_for_its_owner_only_whatever_the_umask(site, tmp_path):  # noqa: F811
    previous = os.umask(0)
    try:
        archive, _ = back_up(tmp_path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) & 0o077 == 0  # the folder made for it too


def test_a_full_lock_table_says_which_setting_to_raise(monkeypatch):
    """pg_restore's "out of shared memory" (PostgreSQL's lock table is full, session 28's CI) names the
    setting and where the step is written, instead of only PostgreSQL's words."""
    import subprocess

    from linli.core.backup import database

    failed = subprocess.CompletedProcess(["pg_restore"], 1, "", "pg_restore: error: ERROR:  out of shared memory")
    monkeypatch.setattr(database.subprocess, "run", lambda *args, **kwargs: failed)
    with pytest.raises(database.DatabaseToolError, match="max_locks_per_transaction = 256.*BACKUP.md"):
        database._run(["/usr/lib/postgresql/15/bin/pg_restore"])
