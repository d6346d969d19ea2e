"""How a phase of a job reaches the background worker.

The task itself is `linli.core.tasks.run_import`: django-tasks stores that dotted path with every
queued task, and the worker names it when it settles what a dead worker left behind, so it stays
where it is. The task calls the engine (`run`); for the engine to name the task back would be a
circle (core/imports ↔ core/tasks), so the task module hands the engine its queue when it is loaded
(`linli.core.tasks`, loaded by CoreConfig.ready() in every process) and the engine calls `enqueue`."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from linli.core.logs import current_request_id

Enqueue = Callable[[int, str, str], object]
_enqueue: Enqueue | None = None


def set_queue(enqueue: Enqueue) -> None:
    """Called once by linli.core.tasks: `enqueue(job_id, phase, request_id)` queues the run."""
    global _enqueue
    _enqueue = enqueue


def enqueue(job_id: int, phase: str) -> None:
    if _enqueue is None:
        raise ImproperlyConfigured("linli.core.tasks is not loaded: the import engine has no queue")
    _enqueue(job_id, phase, current_request_id())
