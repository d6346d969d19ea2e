"""Fixed personas for every test (STYLE.md): the staff of one community, the partners, a resident,
a street supervisor — and an outsider from another community."""

import os

import pytest
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The access log refuses UPDATE/DELETE unless this guard table holds a row; the test databases
    # hold one so that tests can be flushed. The append-only test removes it inside its transaction.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_accesslog_purge_allowed (allowed) VALUES (1)")


@pytest.fixture
def world(db):
    from linli.core.tests.world import build_world

    return build_world()


@pytest.fixture
def today():
    """The community's date (Asia/Shanghai), which services compare with, not the machine's."""
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture(autouse=True)
def _import_files(settings, tmp_path):
    """Each test keeps its uploaded and rejected files apart."""
    settings.IMPORT_ROOT = tmp_path / "imports"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches the UI to English must not leave the next one speaking it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
