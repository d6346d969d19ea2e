"""Backups and restores (docs/BACKUP.md): one tar archive holding the database, MEDIA_ROOT, IMPORT_ROOT
and a manifest (time, linli version, applied migrations, the sha256 of every part, the ids and
fingerprints of the keys it needs). The keys themselves are never in it.

    linli-backup-20261201T020000Z.tar
        manifest.json
        database.pgdump | database.sqlite3
        media/...       (MEDIA_ROOT)
        imports/...     (IMPORT_ROOT: encrypted uploads of unfinished imports, rejected-rows files)
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from linli.core.backup import database
from linli.core.crypto_keys import build_keyring

FORMAT = 1
PREFIX = "linli-backup-"
TREES = {"media": "MEDIA_ROOT", "imports": "IMPORT_ROOT"}


class BackupError(Exception):
    """The archive is unreadable, damaged, or cannot be restored here; nothing was changed."""


@dataclass(frozen=True)
class Written:
    path: Path
    manifest: dict


def linli_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def fingerprint(secret: bytes) -> str:
    """Names a key without revealing it: enough to tell whether the same key is configured."""
    return hashlib.sha256(b"linli key fingerprint\x00" + secret).hexdigest()[:16]


def configured_keys() -> dict:
    """The configured keys by id and fingerprint (read from the settings, not the process's cache)."""
    ring = build_keyring(
        field_keys=settings.FIELD_KEYS,
        blind_index_key=settings.BLIND_INDEX_KEY,
        debug=settings.DEBUG,
        key_file=settings.FIELD_KEYS_FILE,
    )
    return {
        "field_keys": {key_id: fingerprint(key.secret) for key_id, key in ring.by_id.items()},
        "active_field_key": ring.active.key_id,
        "blind_index_key": fingerprint(ring.blind_index_secret),
    }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


class _Hashing:
    """A file reader that hashes what tarfile reads from it: the manifest then describes exactly the
    bytes in the archive, even when a file changes while the backup runs."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, path: Path, arcname: str) -> dict | None:
    """Add one file; None when it went away meanwhile (an import finished, a prune ran)."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        info = archive.gettarinfo(fileobj=handle, arcname=arcname)
        reader = _Hashing(handle)
        archive.addfile(info, reader)
    return {"path": arcname, "size": info.size, "sha256": reader.digest.hexdigest()}


def create(*, to: Path) -> Written:
    """Write one archive into the folder `to` and return it with its manifest. The database is dumped
    first (one consistent snapshot), the files after it."""
    to.mkdir(mode=0o700, parents=True, exist_ok=True)
    now = timezone.now()
    name = f"{PREFIX}{now.strftime('%Y%m%dT%H%M%SZ')}.tar"
    with tempfile.TemporaryDirectory(dir=to, prefix=".backup-") as work:
        work_dir = Path(work)
        db_file = work_dir / database.file_name()
        database.dump(db_file)
        partial = work_dir / (name + ".partial")
        # Personal data, even encrypted: the owner's only from the first byte, whatever the umask.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as archive:
            parts = [_add(archive, db_file, db_file.name)]
            for folder, setting in TREES.items():
                root = Path(getattr(settings, setting))
                for path in _tree_files(root):
                    part = _add(archive, path, f"{folder}/{path.relative_to(root).as_posix()}")
                    if part is not None:
                        parts.append(part)
            manifest = {
                "format": FORMAT,
                "created_at": now.isoformat(),
                "linli_version": linli_version(),
                "database": {"vendor": database.vendor(), "file": db_file.name},
                "migrations": database.applied_migrations(),
                "keys": configured_keys(),
                "parts": parts,
            }
            manifest_file = work_dir / "manifest.json"
            manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
            archive.add(manifest_file, "manifest.json")
        os.chmod(partial, 0o600)
        os.replace(partial, to / name)
    return Written(path=to / name, manifest=manifest)


def prune(*, folder: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest archives of folder; returns the removed ones."""
    archives = sorted(folder.glob(f"{PREFIX}*.tar"))
    removed = archives[:-keep] if keep > 0 else []
    for path in removed:
        path.unlink()
    return removed


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile("manifest.json")
            if member is None:  # a folder or a link of that name
                raise KeyError("manifest.json is not a file")
            manifest = json.loads(member.read())
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"{archive} is not a linli backup ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive}: unknown backup format {manifest.get('format')!r}")
    return manifest


def missing_keys(manifest: dict) -> list[str]:
    """The keys the backup needs that are not configured here (by id, or with another secret)."""
    here = configured_keys()
    needed = manifest["keys"]
    missing = [
        f"field key {key_id}"
        for key_id, print_ in needed["field_keys"].items()
        if here["field_keys"].get(key_id) != print_
    ]
    if here["blind_index_key"] != needed["blind_index_key"]:
        missing.append("the blind-index key")
    return missing


def _kind(member: tarfile.TarInfo) -> str:
    if member.issym():
        return "a symbolic link"
    if member.islnk():
        return "a hard link"
    if member.isfifo():
        return "a FIFO"
    if member.isdev():
        return "a device"
    return f"of tar type {member.type!r}"


def _check_members(archive: Path, members: list[tarfile.TarInfo], expected: dict) -> None:
    """A backup holds regular files (and perhaps folders) only: a link passes tarfile's "data" filter
    when it points inside the staging folder, but points elsewhere once moved into MEDIA_ROOT."""
    for member in members:
        if not (member.isreg() or member.isdir()):
            raise BackupError(f"{archive}: {member.name} is {_kind(member)}; a linli backup holds only files")
    names = [member.name for member in members if member.isreg()]
    if len(names) != len(set(names)):
        raise BackupError(f"{archive}: a part appears twice")
    names_set = set(names) - {"manifest.json"}
    if names_set != set(expected):
        raise BackupError(f"{archive}: the parts differ from the manifest's ({len(names_set)} vs {len(expected)})")


def _extract_verified(archive: Path, manifest: dict, into: Path) -> None:
    """Unpack every part into `into` and check each against the manifest's sha256."""
    expected = {part["path"]: part["sha256"] for part in manifest["parts"]}
    try:
        with tarfile.open(archive) as tar:
            members = tar.getmembers()
            _check_members(archive, members, expected)
            tar.extractall(into, members=members, filter="data")
    except tarfile.TarError as exc:  # FilterError (a path outside, an absolute name) and a damaged archive
        raise BackupError(f"{archive} cannot be unpacked safely: {exc}") from exc
    for relative, digest in expected.items():
        if sha256_of(into / relative) != digest:
            raise BackupError(f"{archive}: {relative} is damaged (sha256 differs from the manifest)")


def _replace_tree(source: Path, root: Path) -> None:
    """Make root hold exactly source's files. root itself stays (it may be a mount point of shared
    storage): its old entries are moved aside inside it, the new ones moved in, then the old removed."""
    root.mkdir(parents=True, exist_ok=True)
    old = Path(tempfile.mkdtemp(dir=root, prefix=".replaced-"))
    for child in list(root.iterdir()):
        if child != old:
            os.replace(child, old / child.name)
    if source.is_dir():
        for child in source.iterdir():
            shutil.move(str(child), root / child.name)
    shutil.rmtree(old)


LIVE_WINDOW = dt.timedelta(minutes=1)


def live_activity(*, now=None) -> list[str]:
    """What shows that linli is running against this database: tasks the worker is running, a periodic
    round started or ended within the last minute. Empty on a database without linli's tables."""
    from django.db import connection
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    from linli.core.models import PeriodicJob

    tables = set(connection.introspection.table_names())
    found = []
    if DBTaskResult._meta.db_table in tables:
        running = DBTaskResult.objects.running().count()
        if running:
            found.append(f"{running} task(s) of the worker are running")
    if PeriodicJob._meta.db_table in tables:
        since = (now or timezone.now()) - LIVE_WINDOW
        recent = PeriodicJob.objects.filter(
            Q(last_started_at__gte=since) | Q(last_success_at__gte=since) | Q(last_failure_at__gte=since)
        )
        if recent.exists():
            found.append("the periodic runner ran within the last minute")
    return found


def restore(*, archive: Path, overwrite: bool, force_live: bool = False) -> dict:
    """Put the archive's database and files in place of the current ones; returns the manifest.

    Refuses, changing nothing, when the archive is damaged or holds anything but files, when a key it
    needs is not configured, when it comes from the other kind of database, when the database is not
    empty and not `overwrite`, or when the worker or the periodic runner is at work and not `force_live`."""
    manifest = read_manifest(archive)
    if not force_live:
        live = live_activity()
        if live:
            raise BackupError(
                "linli is running against this database ("
                + "; ".join(live)
                + "): stop linli-web, linli-worker and linli-periodic first (docs/BACKUP.md); "
                "if they are stopped and this is left from a killed worker, add --force-live"
            )
    if manifest["database"]["vendor"] != database.vendor():
        raise BackupError(
            f"the backup holds a {manifest['database']['vendor']} database; this site uses {database.vendor()}"
        )
    missing = missing_keys(manifest)
    if missing:
        raise BackupError("the backup needs keys that are not configured: " + ", ".join(missing))
    if not overwrite and not database.is_empty():
        raise BackupError("the database is not empty: restoring replaces all of its data (add --yes)")
    staging_parent = Path(settings.IMPORT_ROOT).parent
    staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".linli-restore-") as work:
        work_dir = Path(work)
        _extract_verified(archive, manifest, work_dir)
        database.load(work_dir / manifest["database"]["file"])
        for folder, setting in TREES.items():
            _replace_tree(work_dir / folder, Path(getattr(settings, setting)))
    return manifest


def pending_migrations(manifest: dict) -> tuple[list[str], list[str]]:
    """(migrations this code has that the backup lacks, migrations the backup has that this code lacks)."""
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    backed_up = {f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names}
    return sorted(known - backed_up), sorted(backed_up - known)
