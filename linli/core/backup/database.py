"""The database part of a backup: `pg_dump -Fc` / `pg_restore` on PostgreSQL, the sqlite3 backup API on
SQLite. Both work on the connection Django is configured with (the test database inside the suite).

The access log (`core_accesslog`) refuses UPDATE, DELETE and TRUNCATE by triggers. A restore never
does any of these: on PostgreSQL `pg_restore --clean` drops the tables (DROP is not refused) and
recreates them from the dump, triggers included, in one transaction; on SQLite the backup API
replaces the database file's pages whole. So a restore neither weakens nor trips the guard, and the
guard table `core_accesslog_purge_allowed` comes back as it was backed up (empty in service)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, cast

from django.db import connection

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper


class DatabaseToolError(Exception):
    """pg_dump or pg_restore failed, or cannot be found."""


def vendor() -> str:
    return connection.vendor


def file_name() -> str:
    return "database.pgdump" if vendor() == "postgresql" else "database.sqlite3"


def _libpq_environment() -> dict[str, str]:
    """The connection as libpq variables: the password never appears on a command line."""
    settings = connection.settings_dict
    options = settings.get("OPTIONS") or {}
    env = dict(os.environ)
    values = {
        "PGHOST": settings.get("HOST") or options.get("host"),
        "PGPORT": settings.get("PORT") or options.get("port"),
        "PGUSER": settings.get("USER") or options.get("user"),
        "PGPASSWORD": settings.get("PASSWORD") or options.get("password"),
        "PGDATABASE": settings["NAME"],
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore of the server's major version (a newer client also works; an older one not).

    LINLI_PG_BIN names the folder; else Debian's /usr/lib/postgresql/<major>/bin; else PATH."""
    connection.ensure_connection()
    major = cast("PostgresWrapper", connection).pg_version // 10000  # only called on PostgreSQL
    for folder in (os.environ.get("LINLI_PG_BIN"), f"/usr/lib/postgresql/{major}/bin"):
        if folder and (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    found = shutil.which(name)
    if not found:
        raise DatabaseToolError(f"{name} not found: apt-get install postgresql-client-{major}, or set LINLI_PG_BIN.")
    return found


def _run(command: list[str]) -> None:
    # The tool's own path and our arguments, no shell.
    result = subprocess.run(command, env=_libpq_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        hint = ""
        if "out of shared memory" in result.stderr:
            # One transaction locks every table, index and sequence (about 1,200 of them): PostgreSQL's
            # lock table holds max_locks_per_transaction x max_connections, shared by all sessions.
            hint = (" (PostgreSQL's lock table is full: set max_locks_per_transaction = 256 in postgresql.conf,"
                    " restart PostgreSQL, and run the restore again; see docs/BACKUP.md)")  # fmt: skip
        raise DatabaseToolError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}{hint}")


def dump(target: Path) -> None:
    """Write the whole database to target."""
    if vendor() == "postgresql":
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])
        return
    if vendor() != "sqlite":
        raise DatabaseToolError(f"backups support PostgreSQL and SQLite, not {vendor()}")
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def load(source: Path) -> None:
    """Replace the database's contents by source's."""
    if vendor() == "postgresql":
        command = [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                   "--single-transaction", "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}",
                   str(source)]  # fmt: skip
        connection.close()  # no session of ours holds a lock on the tables pg_restore drops
        _run(command)
        return
    connection.ensure_connection()
    with sqlite3.connect(source) as copy:
        copy.backup(connection.connection)
    copy.close()
    connection.close()


def is_empty() -> bool:
    """No table at all: a freshly created database, before migrate."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def applied_migrations() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied
