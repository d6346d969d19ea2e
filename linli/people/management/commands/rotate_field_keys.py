"""Re-encrypt residents' ID and phone numbers under the active key (the first in LINLI_FIELD_KEYS).

Rotation: put the new key first in LINLI_FIELD_KEYS, keep the old ones after it, deploy, run this,
and remove an old key only when this reports nothing left under it. Safe to interrupt and re-run."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.db import transaction

from linli.core import crypto
from linli.people.models import Resident
from linli.people.services import TABLE

BATCH = 2000


class Command(BaseCommand):
    help = "Re-encrypt personal-data fields under the active field key."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count values per key id")

    def handle(self, *args, dry_run: bool = False, **options):
        active = crypto.keyring().active.key_id
        before: Counter = Counter()
        rewritten = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Resident.objects.unscoped().select_for_update().filter(pk__gt=last_pk).order_by("pk")[:BATCH]
                )
                if not batch:
                    break
                last_pk = batch[-1].pk
                changed = []
                for resident in batch:
                    if self._rotate(resident, active, before, dry_run):
                        changed.append(resident)
                if changed:
                    Resident.objects.unscoped().bulk_update(changed, ["id_number_enc", "phone_enc"])
                    rewritten += len(changed)
        counts = ", ".join(f"{key}: {n}" for key, n in sorted(before.items())) or "none"
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        self.stdout.write(f"values by key before: {counts}; {verb} {rewritten} residents under {active}")

    def _rotate(self, resident: Resident, active: str, seen: Counter, dry_run: bool) -> bool:
        changed = False
        for column in ("id_number", "phone"):
            stored = getattr(resident, f"{column}_enc")
            if not stored:
                continue
            seen[crypto.key_id_of(stored)] += 1
            if crypto.key_id_of(stored) == active:
                continue
            changed = True
            if not dry_run:
                value = crypto.decrypt(stored, table=TABLE, column=column, row=str(resident.uid))
                setattr(
                    resident, f"{column}_enc", crypto.encrypt(value, table=TABLE, column=column, row=str(resident.uid))
                )
        return changed and not dry_run
