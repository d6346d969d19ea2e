"""manage.py restore ARCHIVE: put a backup's database and files back (docs/BACKUP.md). Stop the web
servers, the worker and the periodic runner first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from linli.core import backup
from linli.core.backup.database import DatabaseToolError


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup: the database, MEDIA_ROOT and IMPORT_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="replace the data of a database that is not empty (all of it)"
        )
        parser.add_argument(
            "--force-live",
            action="store_true",
            help="restore although a task is running or the periodic runner ran within the last minute",
        )

    def handle(self, *args, archive: Path, yes: bool, force_live: bool, **options):
        try:
            manifest = backup.restore(archive=archive, overwrite=yes, force_live=force_live)
        except (backup.BackupError, DatabaseToolError, OSError) as exc:
            raise CommandError(f"nothing restored: {exc}") from exc
        self.stdout.write(
            f"restored {archive.name}: made {manifest['created_at']} by linli {manifest['linli_version']}, "
            f"{len(manifest['parts']) - 1} files"
        )
        newer, unknown = backup.pending_migrations(manifest)
        if newer:
            self.stdout.write(f"{len(newer)} migrations of this version are not applied yet: run manage.py migrate")
        if unknown:
            self.stdout.write(
                f"the backup comes from a newer version ({len(unknown)} migrations unknown here, e.g. {unknown[0]}): "
                "install that version's bundle before starting linli"
            )
