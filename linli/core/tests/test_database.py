import os

from django.db import connection


def test_the_suite_runs_on_the_database_it_was_asked_to(db):
    """`make test-postgres` sets LINLI_EXPECT_DB=postgresql: a silent fall-back to SQLite fails here."""
    assert connection.vendor == os.environ.get("LINLI_EXPECT_DB", connection.vendor)


def test_postgres_databases_use_a_utf8_ctype_for_chinese_search(db):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        assert "UTF-8" in cursor.fetchone()[0].upper().replace("UTF8", "UTF-8")
