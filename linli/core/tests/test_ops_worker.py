"""`manage.py worker` (db_worker supervised): a database failure under it is a reconnection, not an
exit (db_worker exited and an upload stayed "正在读取"); after too many failed reconnections in a
row it exits non-zero for systemd; a task queued meanwhile is run once the database is back."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from linli.core.management.commands import worker as worker_command


@pytest.fixture
def no_sleep(monkeypatch, settings):
    monkeypatch.setattr(worker_command.time, "sleep", lambda seconds: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_broken_connection_under_the_worker_is_a_reconnection(no_sleep, settings):
    from linli.core.tasks import ping

    result = ping.enqueue()
    connection.ensure_connection()
    connection.connection.close()  # the server went away while the worker slept
    call_command("worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_repeated_failures_to_reconnect_exit_non_zero(no_sleep, monkeypatch, settings):
    settings.LINLI_WORKER_MAX_FAILURES = 3
    attempts = []

    def unreachable(*args, **kwargs):
        attempts.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(worker_command, "recover", unreachable)
    with pytest.raises(CommandError) as raised:
        call_command("worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert raised.value.returncode == 1 and len(attempts) == 3


@pytest.mark.django_db(transaction=True)
def test_failures_short_of_the_limit_are_retried(no_sleep, monkeypatch, settings):
    settings.LINLI_WORKER_MAX_FAILURES = 3
    runs = []

    def run(self):
        runs.append(1)
        if len(runs) < 3:
            raise OperationalError("the connection is closed")

    monkeypatch.setattr(db_worker.Worker, "run", run)
    call_command("worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    assert len(runs) == 3
