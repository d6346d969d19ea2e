"""The test world (and the demo), built once and copied into each test that asks for it.

Building the world runs every module's services (about 300 queries and half a second of Python);
most of the suite's tests ask for it. So the first test of a worker builds it inside a savepoint,
reads back the rows it wrote, rolls the savepoint back and keeps the rows and the built objects.
Every test (that one included) then gets the same rows written back with a few `executemany`
calls, its uploaded files copied into its own MEDIA_ROOT, and a deep copy of the objects: the same
world, in the test's own transaction, as if built there.

The rows are only right for the database state they were read against (the rows migrations leave,
such as content types). A transactional test flushes the database and recreates those rows with
new ids; the snapshot notices (a fingerprint of those tables) and builds the world again. Tests
outside a transaction (the browser's, served by a live server) build the world afresh, as before.
"""

import copy
import datetime as dt
import decimal
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import mail
from django.core.cache import caches
from django.db import connection, transaction


@dataclass
class _Table:
    name: str
    columns: list[str]
    pk: str
    inserts: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    deletes: list = field(default_factory=list)


class _Discard(Exception):
    """Raised to roll the building savepoint back."""


def _tables() -> list[_Table]:
    existing = set(connection.introspection.table_names())
    tables, seen = [], set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen or meta.db_table not in existing:
            continue
        seen.add(meta.db_table)
        fields = [f for f in meta.concrete_fields if not getattr(f, "generated", False)]
        tables.append(
            _Table(
                name=meta.db_table,
                columns=[f.column for f in fields],
                pk=meta.pk.column,
            )
        )
    return tables


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(cursor, table: _Table) -> dict:
    cursor.execute(f"SELECT {', '.join(map(_q, table.columns))} FROM {_q(table.name)}")  # noqa: S608
    position = table.columns.index(table.pk)
    rows = cursor.fetchall()
    if connection.vendor == "sqlite":  # its converters hand back dates and decimals it cannot take back
        rows = [tuple(_sqlite_value(value) for value in row) for row in rows]
    return {row[position]: row for row in rows}


def _sqlite_value(value):
    if isinstance(value, dt.date | dt.time | decimal.Decimal):
        return str(value)  # as Django's SQLite backend writes them (naive UTC datetimes, ISO dates)
    return value


class Snapshot:
    def __init__(self):
        self._world = None
        self._tables: list[_Table] = []
        self._fingerprint_sql = ""
        self._fingerprint = None
        self._media = Path(tempfile.mkdtemp(prefix="linli-test-world-media-"))

    def take(self, build, media_root: Path, *, analyze: bool = False):
        """What `build` writes, for a test inside a transaction; built again when the snapshot is stale.
        `analyze`: on PostgreSQL, give the planner statistics of the larger tables written, as
        autovacuum would soon after (ANALYZE inside the transaction counts its own new rows)."""
        assert connection.in_atomic_block, "only a test inside a transaction can take the snapshot"
        with connection.cursor() as cursor:
            if self._fingerprint is None or self._read_fingerprint(cursor) != self._fingerprint:
                self._capture(cursor, build, media_root)
            self._restore(cursor, media_root)
            if analyze and connection.vendor == "postgresql":
                for table in self._tables:
                    if len(table.inserts) >= 50:
                        cursor.execute(f"ANALYZE {_q(table.name)}")
        return copy.deepcopy(self._world)

    def _read_fingerprint(self, cursor):
        cursor.execute(self._fingerprint_sql)
        return cursor.fetchone()

    def _capture(self, cursor, build, media_root: Path) -> None:
        tables = _tables()
        before = {table.name: _rows(cursor, table) for table in tables}
        try:
            with transaction.atomic():
                world = build()
                after = {table.name: _rows(cursor, table) for table in tables}
                raise _Discard
        except _Discard:
            pass
        for table in tables:
            old, new = before[table.name], after[table.name]
            table.deletes = [(pk,) for pk in old if pk not in new]
            table.updates = [row for pk, row in new.items() if pk in old and old[pk] != row]
            table.inserts = [row for pk, row in new.items() if pk not in old]
        self._tables = [t for t in tables if t.inserts or t.updates or t.deletes]
        self._world = world
        # The rows this depends on: those present before (migrations' rows) and those it writes.
        watched = [t for t in tables if before[t.name]] + self._tables
        self._fingerprint_sql = "SELECT " + ", ".join(
            f"(SELECT COUNT(*) FROM {_q(t.name)}), (SELECT MAX({_q(t.pk)}) FROM {_q(t.name)})" for t in watched
        )
        self._fingerprint = None  # read below, after the rollback
        shutil.rmtree(self._media, ignore_errors=True)
        if media_root.exists():
            shutil.copytree(media_root, self._media)
            shutil.rmtree(media_root)
        # What the build left outside the database goes too, so that every test starts alike.
        for cache in caches.all():
            cache.clear()
        mail.outbox = []
        from linli.messaging.backends import locmem

        locmem.outbox.clear()
        self._fingerprint = self._read_fingerprint(cursor)

    def _restore(self, cursor, media_root: Path) -> None:
        for table in self._tables:
            columns = table.columns
            if table.deletes:
                cursor.executemany(f"DELETE FROM {_q(table.name)} WHERE {_q(table.pk)} = %s", table.deletes)  # noqa: S608
            if table.updates:
                sets = ", ".join(f"{_q(c)} = %s" for c in columns)
                position = columns.index(table.pk)
                cursor.executemany(
                    f"UPDATE {_q(table.name)} SET {sets} WHERE {_q(table.pk)} = %s",  # noqa: S608
                    [(*row, row[position]) for row in table.updates],
                )
            if table.inserts:
                cursor.executemany(
                    f"INSERT INTO {_q(table.name)} ({', '.join(map(_q, columns))}) "  # noqa: S608
                    f"VALUES ({', '.join(['%s'] * len(columns))})",
                    table.inserts,
                )
        if self._media.exists():
            shutil.copytree(self._media, media_root, dirs_exist_ok=True)
