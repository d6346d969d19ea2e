"""Background tasks of the core (django-tasks; `manage.py db_worker` runs them). Arguments are ids,
never personal data."""

from django_tasks import task


@task()
def run_import(job_id: int, phase: str) -> None:
    from linli.core import imports

    imports.run(job_id, phase)
