"""Run the platform's periodic jobs in a loop (linli.core.periodic): every --every seconds the case
deadline sweep and the sweep of interrupted imports; once a day, at LINLI_DAILY_HOUR local time and
on one runner only, the import clean-up, the retraining of case suggestions and the check of
volunteers' totals.

Survives a database restart: broken connections are closed before each round and after a failed
one, failed rounds are retried with backoff, and after LINLI_PERIODIC_MAX_FAILURES failed rounds in
a row the command exits non-zero so that its supervisor (systemd) restarts it. SQLite's "database
is locked" (a large import commits) is waited out and not counted.

`--job NAME` runs that one job once, recorded in PeriodicJob as the loop records it, and exits
non-zero if it failed: what the systemd timers (linli-job@NAME.timer) run instead of the loop."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections

from linli.core import periodic
from linli.core.busy import RETRY_AFTER_SECONDS

log = logging.getLogger("linli.periodic")


def backoff(failures: int, *, every: float) -> float:
    return min(every, 2.0 ** (failures - 1))


class Command(BaseCommand):
    help = "Run periodic jobs (case deadline sweep, daily clean-up and retraining) in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=None, help="seconds between rounds (LINLI_PERIODIC_EVERY)")
        parser.add_argument("--once", action="store_true", help="run everything once, daily jobs included, and stop")
        parser.add_argument("--max-failures", type=int, default=None, help="failed rounds in a row before exiting")
        parser.add_argument("--job", default="", help="run this one job once, recorded, and stop (for timers)")

    def handle(self, *args, every, once: bool, max_failures, job: str = "", **options):
        if job:
            return self._one(job)
        every = max(every if every is not None else settings.LINLI_PERIODIC_EVERY, 0.2)
        max_failures = max_failures or settings.LINLI_PERIODIC_MAX_FAILURES
        failures = 0
        while True:
            close_old_connections()
            result = periodic.run_round(force_daily=once)
            if result.db_failed:
                connections.close_all()  # reconnect next round (SQLite's is_usable is always true)
                failures += 1
                if failures >= max_failures:
                    raise CommandError(f"the database failed {failures} rounds in a row: exiting", returncode=1)
                time.sleep(backoff(failures, every=every))
                continue
            if result.locked:
                time.sleep(min(every, RETRY_AFTER_SECONDS))  # not a failure: the lock is waited out
                continue
            if failures:
                log.warning("periodic jobs recovered after %s failed rounds", failures)
            failures = 0
            if once:
                if result.failed:
                    raise CommandError("failed: " + ", ".join(result.failed), returncode=1)
                return
            time.sleep(every)

    def _one(self, name: str) -> None:
        known = {**periodic.every_round(), **periodic.daily()}
        if name not in known:
            raise CommandError(f"unknown job {name!r}; the jobs are: {', '.join(sorted(known))}", returncode=2)
        while True:
            result = periodic.run_job(name)
            if not result.locked or result.db_failed:
                break
            time.sleep(RETRY_AFTER_SECONDS)
        if result.failed:
            raise CommandError(f"{name} failed", returncode=1)
