"""Mark live cases due soon and overdue, notify their handlers, escalate overdue ones to the
community secretaries. Idempotent; `make run` runs it every five minutes (see `periodic`)."""

from django.core.management.base import BaseCommand

from linli.cases.services import sweep_deadlines


class Command(BaseCommand):
    help = "Warn about cases due soon, escalate overdue cases (run every few minutes)."

    def handle(self, *args, **options):
        counts = sweep_deadlines()
        self.stdout.write(f"due soon: {counts['due_soon']}, overdue: {counts['overdue']}")
