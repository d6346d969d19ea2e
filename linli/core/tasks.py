"""Background tasks of the core (django-tasks; `manage.py worker` runs them). Arguments are ids,
never personal data; `request_id` ties the task's log records to the request that queued it."""

from django_tasks import task

from linli.core.logs import request_id_context


@task()
def run_import(job_id: int, phase: str, request_id: str = "") -> None:
    from linli.core import imports

    with request_id_context(request_id):
        imports.run(job_id, phase)


@task()
def ping(request_id: str = "") -> str:
    """Does nothing: proves a worker takes tasks (the restart test, an operator's check)."""
    return "pong"
