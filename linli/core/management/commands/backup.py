"""manage.py backup --to DIR: one archive of the database, uploaded files and import jobs
(docs/BACKUP.md). The keys are not in it; the output names the ones a restore will need."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from linli.core import backup
from linli.core.backup.database import DatabaseToolError


class Command(BaseCommand):
    help = "Back up the database, MEDIA_ROOT and IMPORT_ROOT into one archive (the keys are kept apart)."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="folder the archive is written into")
        parser.add_argument("--keep", type=int, default=0, help="then keep only this many newest archives there")

    def handle(self, *args, to: Path, keep: int, **options):
        try:
            written = backup.create(to=to)
        except (DatabaseToolError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        keys = written.manifest["keys"]
        size = written.path.stat().st_size
        self.stdout.write(f"backup written: {written.path} ({size / 1024 / 1024:.1f} MB)")
        self.stdout.write(
            "it does NOT contain the keys; a restore needs LINLI_FIELD_KEYS with the key ids "
            + ", ".join(f"{key_id} (fingerprint {print_})" for key_id, print_ in keys["field_keys"].items())
            + f" and LINLI_BLIND_INDEX_KEY (fingerprint {keys['blind_index_key']})"
        )
        if keep:
            for path in backup.prune(folder=to, keep=keep):
                self.stdout.write(f"removed old backup {path.name}")
