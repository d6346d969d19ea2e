"""The task worker, supervised: django-tasks-db's `db_worker`, restarted in this process when the
database goes away (a restart, a failover) instead of exiting, with backoff; after
LINLI_WORKER_MAX_FAILURES failed reconnections in a row it exits non-zero for systemd to restart.

When it starts and after each reconnection it settles what a dead worker left behind: tasks shown
running by a worker of this host whose process is gone (or by itself, before the failure) are
marked failed, the imports they ran are marked interrupted (re-runnable), and the sweep of
interrupted imports runs (linli.core.jobs).

SQLite's "database is locked" (a large import commits in another process) is not a failed
reconnection: it is logged and waited out, never counted towards the exit."""

import logging
import os
import socket
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import close_old_connections, connection, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from linli.core import jobs
from linli.core.busy import RETRY_AFTER_SECONDS, is_locked
from linli.core.periodic import DATABASE_UNAVAILABLE

log = logging.getLogger("linli.worker")
RUN_IMPORT = "linli.core.tasks.run_import"


def make_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _orphaned(worker_id: str, *, own: str) -> bool:
    if worker_id == own:
        return True
    host, _sep, rest = worker_id.rpartition("-")
    host, _sep, pid = host.rpartition("-")
    return host == socket.gethostname()[:40] and pid.isdigit() and not _pid_alive(int(pid))


def recover(*, own: str) -> int:
    """Mark the orphaned running tasks failed and their imports interrupted; sweep. Returns how
    many tasks were recovered."""
    recovered = 0
    for result in DBTaskResult.objects.running():
        if not result.worker_ids or not _orphaned(result.worker_ids[-1], own=own):
            continue
        changed = DBTaskResult.objects.filter(pk=result.pk, status=result.status).update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path="linli.core.worker.WorkerStopped",
            traceback="The worker running this task stopped before it finished.",
        )
        recovered += changed
        args = (result.args_kwargs or {}).get("args") or []
        if changed and result.task_path == RUN_IMPORT and len(args) >= 2:
            jobs.mark_interrupted_by_id(args[0], args[1])
    jobs.sweep_interrupted()
    if recovered:
        log.warning("marked %s task(s) of stopped workers as failed", recovered)
    return recovered


class Command(db_worker.Command):
    help = "Run the task worker, reconnecting after database failures (wraps db_worker)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=make_worker_id(), reload=False)
        parser.add_argument("--max-failures", type=int, default=None, help="failed reconnections before exiting")

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, max_tasks, worker_id,
               exclude_queues, max_failures=None, **options):  # fmt: skip
        self.configure_logging(verbosity)
        max_failures = max_failures or settings.LINLI_WORKER_MAX_FAILURES
        worker = db_worker.Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        self._reconnect(worker_id, max_failures, interval)
        while True:
            try:
                worker.run()
                return
            except DATABASE_UNAVAILABLE as exc:
                if is_locked(exc):
                    log.warning("worker %s: the database is locked (a large import commits): waiting", worker_id)
                    time.sleep(min(max(interval, 1.0), RETRY_AFTER_SECONDS))
                else:
                    log.error("worker %s: database failed (%s); reconnecting", worker_id, type(exc).__name__)
            if not worker.running:
                return
            self._reconnect(worker_id, max_failures, interval)

    def _reconnect(self, worker_id: str, max_failures: int, interval: float) -> None:
        failures = 0
        while True:
            connections.close_all()
            try:
                close_old_connections()
                connection.ensure_connection()
                recover(own=worker_id)
                return
            except DATABASE_UNAVAILABLE as exc:
                if is_locked(exc):
                    log.warning("worker %s: the database is locked (a large import commits): waiting", worker_id)
                    time.sleep(min(max(interval, 1.0), RETRY_AFTER_SECONDS))
                    continue
                failures += 1
                if failures >= max_failures:
                    raise CommandError(
                        f"the database failed {failures} times in a row ({type(exc).__name__}): exiting", returncode=1
                    ) from exc
                time.sleep(min(max(interval, 1.0), 2.0 ** (failures - 1)))
