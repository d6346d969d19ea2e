"""Fixed personas for every test (STYLE.md): the staff of one community, the partners, a resident,
a street supervisor — and an outsider from another community."""

import os
import re

import pytest
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The access log refuses UPDATE/DELETE unless this guard table holds a row; the test databases
    # hold one so that tests can be flushed. The append-only test removes it inside its transaction.
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_accesslog_purge_allowed (allowed) VALUES (1)")


@pytest.fixture(scope="session")
def _world_snapshot():
    from linli.core.tests.snapshot import Snapshot

    return Snapshot()


@pytest.fixture(scope="session")
def _demo_snapshot():
    from linli.core.tests.snapshot import Snapshot

    return Snapshot()


@pytest.fixture
def world(db, settings, _world_snapshot):
    """The world of linli/core/tests/world.py: copied from a snapshot inside a test's transaction
    (snapshot.py says why), built afresh for a test outside one (a browser's)."""
    from pathlib import Path

    from linli.core.tests.world import build_world

    if not connection.in_atomic_block:
        return build_world()
    return _world_snapshot.take(build_world, Path(settings.MEDIA_ROOT))


@pytest.fixture
def demo_db(db, settings, _demo_snapshot):
    """The demo of `seed_demo` at 5 % of its size, from a snapshot as the world is (8 s a build)."""
    from pathlib import Path

    from django.core.management import call_command

    def build():
        call_command("seed_demo", scale=0.05, i_know_this_is_a_demo=True)

    _demo_snapshot.take(build, Path(settings.MEDIA_ROOT), analyze=True)


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
def _empty_cache():
    """The database rolls back after each test; the cache must too, or a count cached by one test
    (the bell's unread number for user 21) is read by the next test that reuses the id."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches the UI to English must not leave the next one speaking it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The browser tests' fixtures (Playwright driving Debian's Chromium), shared by every app's tests.
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = "Debian's chromium is not installed (make browser installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server, transactional_db, world):
    contexts = []

    def login(username: str, width: int = 1280):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)  # generous: CI machines may be busy
        page.goto(live_server.url + "/accounts/login/")
        page.fill("#id_username", username)
        from linli.core.tests.world import PASSWORD

        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/$"))
        return page

    yield login
    for context in contexts:
        # The live server shares one SQLite connection between its threads: let every request of
        # this test finish (htmx fires delayed ones) before the database is flushed for the next.
        for page in context.pages:
            page.wait_for_load_state("networkidle")
        context.close()
