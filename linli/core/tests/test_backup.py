"""The restore drill (docs/BACKUP.md) on the database the suite runs on: back up, change data and files,
restore, compare. And every refusal of restore changes nothing."""

import contextlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from linli.core.models import AccessLog
from linli.core.tests.world import ID_ZHANG, build_world
from linli.people.models import Move, Resident
from linli.people.services import ResidentInput, resident_create, resident_pii, resident_reveal

pytestmark = pytest.mark.django_db(transaction=True)

PHOTO = b"\x89PNG\r\n\x1a\n original photo bytes"


@pytest.fixture
def site(transactional_db):
    world = build_world()
    resident_reveal(actor=world.user("secretary"), resident=world.wang, field="id_number", reason="走访核对身份")
    resident_create(actor=world.user("secretary"), community=world.a, data=ResidentInput(name="孙七"))
    media = Path(settings.MEDIA_ROOT)
    (media / "cases" / "2026").mkdir(parents=True)
    (media / "cases" / "2026" / "photo.png").write_bytes(PHOTO)
    imports = Path(settings.IMPORT_ROOT)
    imports.mkdir(parents=True, exist_ok=True)
    (imports / "job-1.enc").write_bytes(b"sealed upload")
    return world


def back_up(tmp_path) -> tuple[Path, str]:
    out = io.StringIO()
    call_command("backup", "--to", str(tmp_path / "backups"), stdout=out)
    archives = sorted((tmp_path / "backups").glob("linli-backup-*.tar"))
    assert len(archives) == 1
    return archives[0], out.getvalue()


def state() -> dict:
    media = Path(settings.MEDIA_ROOT)
    return {
        "residents": sorted(Resident.objects.unscoped().values_list("name", flat=True)),
        "access_log": AccessLog.objects.count(),
        "media": {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()},
        "imports": sorted(p.name for p in Path(settings.IMPORT_ROOT).rglob("*") if p.is_file()),
    }


def change_everything(world) -> None:
    resident_reveal(actor=world.user("secretary"), resident=world.zhang, field="id_number", reason="核对身份信息")
    resident_create(actor=world.user("secretary"), community=world.a, data=ResidentInput(name="赵六"))
    sun = Resident.objects.unscoped().get(name="孙七")
    Move.objects.unscoped().filter(resident=sun).delete()  # a delete by hand, as a mistaken script would
    sun.delete()
    media = Path(settings.MEDIA_ROOT)
    (media / "cases" / "2026" / "photo.png").write_bytes(b"overwritten")
    (media / "cases" / "2026" / "new.pdf").write_bytes(b"%PDF new")
    (Path(settings.IMPORT_ROOT) / "job-1.enc").unlink()


def test_the_restore_drill_brings_back_the_data_and_the_files(site, tmp_path):
    before = state()
    archive, output = back_up(tmp_path)
    change_everything(site)
    assert state() != before

    media_folder = Path(settings.MEDIA_ROOT).stat().st_ino
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert state() == before
    zhang = Resident.objects.unscoped().get(pk=site.zhang.pk)
    assert resident_pii(zhang, "id_number") == ID_ZHANG  # decrypts with the configured key
    assert Resident.objects.unscoped().filter(name="赵六").count() == 0
    assert (Path(settings.MEDIA_ROOT) / "cases" / "2026" / "photo.png").read_bytes() == PHOTO
    assert "restored" in out.getvalue()
    # The folder itself stays (it may be the mount point of shared storage); only its contents change.
    assert Path(settings.MEDIA_ROOT).stat().st_ino == media_folder
    assert [p.name for p in Path(settings.MEDIA_ROOT).iterdir() if p.name.startswith(".")] == []
    # The access log came back whole and takes new rows again.
    assert before["access_log"] >= 1
    resident_reveal(actor=site.user("secretary"), resident=zhang, field="id_number", reason="恢复演练核对")
    assert AccessLog.objects.count() == before["access_log"] + 1


def test_the_archive_names_the_keys_it_needs_and_holds_none_of_them(site, tmp_path):
    archive, output = back_up(tmp_path)
    key_id, _, secret = settings.FIELD_KEYS.split(":", 2)
    assert f"key ids {key_id} (fingerprint" in output and "LINLI_BLIND_INDEX_KEY" in output
    raw = archive.read_bytes()
    assert secret.encode() not in raw and settings.BLIND_INDEX_KEY.encode() not in raw
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = set(tar.getnames())
    assert list(manifest["keys"]["field_keys"]) == [key_id]
    assert manifest["database"]["vendor"] in {"sqlite", "postgresql"}
    assert "0001_initial" in manifest["migrations"]["people"]
    assert {part["path"] for part in manifest["parts"]} | {"manifest.json"} == names
    assert {"media/cases/2026/photo.png", "imports/job-1.enc"} <= names
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_restore_refuses_a_database_that_is_not_empty_without_yes(site, tmp_path):
    archive, _ = back_up(tmp_path)
    change_everything(site)
    changed = state()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert state() == changed


def test_restore_refuses_when_a_key_the_backup_needs_is_not_configured(site, tmp_path, settings):
    archive, _ = back_up(tmp_path)
    change_everything(site)
    changed = state()
    settings.FIELD_KEYS = "t2:aes-256-gcm:" + "a" * 43 + "="
    with pytest.raises(CommandError, match="field key t1"):
        call_command("restore", str(archive), "--yes")
    assert state() == changed


def test_restore_refuses_a_damaged_archive(site, tmp_path):
    archive, _ = back_up(tmp_path)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/cases/2026/photo.png":
                data = b"tampered" + data[8:]
            target.addfile(member, io.BytesIO(data))
    change_everything(site)
    changed = state()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--yes")
    assert state() == changed


def test_backup_keeps_only_the_newest_archives_when_told(site, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20250101T000000Z", "20250102T000000Z"):
        (folder / f"linli-backup-{stamp}.tar").write_bytes(b"old")
    call_command("backup", "--to", str(folder), "--keep", "2", stdout=io.StringIO())
    kept = sorted(path.name for path in folder.glob("linli-backup-*.tar"))
    assert len(kept) == 2 and kept[0] == "linli-backup-20250102T000000Z.tar"


@contextlib.contextmanager
def another_empty_database(tmp_path):
    """Point the default connection at a freshly created, empty database (as `createdb` makes one)."""
    original = connection.settings_dict["NAME"]
    connection.close()
    if connection.vendor == "postgresql":
        name = f"{original}_restore_target"[:63]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        connection.close()
    else:
        name = str(tmp_path / "fresh.sqlite3")
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_backup_restores_into_an_empty_database_without_yes(site, tmp_path):
    """The rollback path of docs/UPGRADE.md: dropdb, createdb, restore. The backup is made as in
    service, with the access log's guard table empty (the suite's databases hold a row in it)."""
    before = state()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslog_purge_allowed")
    try:
        archive, _ = back_up(tmp_path)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO core_accesslog_purge_allowed (allowed) VALUES (1)")
    with another_empty_database(tmp_path):
        call_command("restore", str(archive), stdout=io.StringIO())
        assert state() == before
        zhang = Resident.objects.unscoped().get(pk=site.zhang.pk)
        assert resident_pii(zhang, "id_number") == ID_ZHANG
        # The access log is append-only again in the restored database.
        with pytest.raises(DatabaseError), transaction.atomic():
            AccessLog.objects.all().delete()
        assert AccessLog.objects.count() == before["access_log"]
