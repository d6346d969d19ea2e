"""Run the platform's periodic jobs in a loop: the case deadline sweep every --every seconds, and
once a day the import clean-up, the retraining of case suggestions and the check of volunteers'
totals. For deployments without
cron; with cron, call the single commands instead (docs/DEPLOY.md)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run periodic jobs (case deadline sweep, daily clean-up and retraining) in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=300, help="seconds between deadline sweeps")
        parser.add_argument("--once", action="store_true", help="run everything once and stop")

    def handle(self, *args, every: int, once: bool, **options):
        last_daily = 0.0
        while True:
            self._run("sweep_case_deadlines")
            if once or time.monotonic() - last_daily > 86400:
                self._run("prune_imports")
                self._run("train_case_model")
                self._run("recompute_volunteer_totals")
                last_daily = time.monotonic()
            if once:
                return
            time.sleep(max(every, 30))

    def _run(self, name: str) -> None:
        try:
            call_command(name, verbosity=0)
        except Exception as exc:  # noqa: BLE001 - a failing job must not stop the others
            self.stderr.write(f"{name}: {exc}")
