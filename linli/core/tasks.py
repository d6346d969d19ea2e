"""Background tasks of the core (django-tasks; `manage.py worker` runs them). Arguments are ids,
never personal data; `request_id` ties the task's log records to the request that queued it.

The dotted paths of these functions are stored with every queued task (and `run_import`'s is named
by the worker): they stay `linli.core.tasks.<name>`."""

from django_tasks import task

from linli.core import imports
from linli.core.imports import queue
from linli.core.logs import request_id_context


@task()
def run_import(job_id: int, phase: str, request_id: str = "") -> None:
    with request_id_context(request_id):
        imports.run(job_id, phase)


def _enqueue_import(job_id: int, phase: str, request_id: str) -> None:
    # `run_import` is looked up when called, so that a test may put a stand-in in its place.
    run_import.enqueue(job_id, phase, request_id=request_id)


queue.set_queue(_enqueue_import)


@task()
def ping(request_id: str = "") -> str:
    """Does nothing: proves a worker takes tasks (the restart test, an operator's check)."""
    return "pong"
