"""The test settings with the real task backend, for the worker and periodic runner that
test_ops_restart starts as processes against a PostgreSQL cluster of its own."""

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
