"""Bulk writing, several times faster than `bulk_create`: values are adapted per column with cheap
functions chosen once, and inserted with `executemany` (SQLite) or `COPY` (PostgreSQL).

Primary keys are handed out up front, so rows can reference each other before they are written:
- `BulkWriter(model)` — for generators and benchmarks on a database nobody else writes to: keys
  continue from the current maximum.
- `BulkWriter(model, concurrent=True)` — beside other writers (imports): keys come from the
  table's sequence on PostgreSQL; on SQLite from past the maximum (and past sqlite_sequence, so a
  deleted key is never reused), which is safe because the caller is inside a transaction that
  holds SQLite's single write lock (BEGIN IMMEDIATE, see settings).
"""

import json
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, Max, Model


def _column(field: Field | None) -> str:
    """A concrete field's column (Django's "concrete" means it has one; the type leaves it optional)."""
    if field is None or field.column is None:
        raise ValueError(f"{field!r} has no column")
    return field.column


def _adapter(field):
    """A function from a Python value to what the driver takes, for one column."""
    kind = field.get_internal_type()
    sqlite = connection.vendor == "sqlite"
    if kind == "JSONField":
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if sqlite and kind == "DateField":
        return lambda v: v.isoformat() if hasattr(v, "isoformat") else v
    if sqlite and kind == "DateTimeField":
        return _memo(connection.ops.adapt_datetimefield_value)  # a batch shares one timestamp
    if sqlite and kind == "UUIDField":
        return lambda v: v.hex if v is not None else None
    if kind in ("DecimalField", "BinaryField", "DurationField", "TimeField", "GenericIPAddressField"):
        return lambda v, f=field: f.get_db_prep_save(v, connection)
    return None  # str, int, bool, date/datetime/UUID on PostgreSQL: as they are


def _tuple_getter(kind, names: list[str]):
    get = kind(*names)
    return get if len(names) > 1 else (lambda obj: (get(obj),))


def _memo(adapt):
    last = [object(), None]

    def adapted(value):
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return adapted


class BulkWriter:
    def __init__(self, model: type[Model], *, concurrent: bool = False):
        self.model = model
        self.concurrent = concurrent
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.adapters = [_adapter(f) for f in self.fields]
        self.table = model._meta.db_table
        quoted = connection.ops.quote_name
        self.columns = ", ".join(quoted(_column(f)) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        # Table and column names come from the model and are quoted; values travel as parameters.
        self.sql = f"INSERT INTO {quoted(self.table)} ({self.columns}) VALUES ({marks})"  # noqa: S608
        self.next_pk: int | None = None if concurrent else (model._base_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.written = 0
        # C-level getters: a row's values in column order, from an object or a dict.
        self._from_object = _tuple_getter(operator.attrgetter, self.attnames)
        self._from_dict = _tuple_getter(operator.itemgetter, self.attnames)

    # Keys ---------------------------------------------------------------------------------------

    def reserve(self, count: int) -> list[int]:
        if count <= 0:
            return []
        if self.next_pk is not None:  # not concurrent: keys counted here from the maximum
            first = self.next_pk
            self.next_pk += count
            return list(range(first, first + count))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                pk = _column(self.model._meta.pk)
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.table, pk, count],
                )
                return [row[0] for row in cursor.fetchall()]
            if not connection.in_atomic_block:
                raise RuntimeError("Reserving keys on SQLite needs the write lock: call inside transaction.atomic().")
            quoted = connection.ops.quote_name
            cursor.execute(f"SELECT MAX({quoted(_column(self.model._meta.pk))}) FROM {quoted(self.table)}")  # noqa: S608
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.table])
            row = cursor.fetchone()
            first = max(top, row[0] if row else 0) + 1
            return list(range(first, first + count))

    def assign_pks(self, objs: list[Model]) -> None:
        for obj, pk in zip(objs, self.reserve(len(objs)), strict=True):
            obj.pk = pk

    # Writing ------------------------------------------------------------------------------------

    def write(self, objs: Iterable[Model]) -> None:
        """Insert model instances; those without a primary key get the next ones. auto_now and
        auto_now_add timestamps are filled as save() would."""
        objs = list(objs)
        if not objs:
            return
        if objs[0].pk is None:
            self.assign_pks(objs)
        for f in self.fields:
            auto_now = getattr(f, "auto_now", False)  # date and datetime fields only
            if auto_now or getattr(f, "auto_now_add", False):
                for obj in objs:
                    if auto_now or getattr(obj, f.attname) is None:
                        f.pre_save(obj, True)
        self._insert(list(map(self._from_object, objs)))

    def write_values(self, rows: Iterable[dict]) -> None:
        """Insert plain rows keyed by attribute name (`community_id`, `key` …): the fast path for
        narrow tables of many rows. The primary key is assigned."""
        rows = list(rows)
        pk_name = self.model._meta.pk.attname
        for row, pk in zip(rows, self.reserve(len(rows)), strict=True):
            row[pk_name] = pk
        self._insert(list(map(self._from_dict, rows)))

    def _insert(self, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        active = [(i, a) for i, a in enumerate(self.adapters) if a]
        if active:
            adapted = []
            for row in rows:
                values = list(row)
                for i, adapt in active:
                    values[i] = adapt(values[i])
                adapted.append(values)
            rows = adapted
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                quoted = connection.ops.quote_name(self.table)
                with cursor.cursor.copy(f"COPY {quoted} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, rows)
        self.written += len(rows)

    def finish(self) -> None:
        """Move the database's id sequence past what was written (PostgreSQL, non-concurrent use;
        concurrent keys came from the sequence itself)."""
        if self.concurrent:
            return
        statements = connection.ops.sequence_reset_sql(no_style(), [self.model])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class HistoryWriter:
    """django-simple-history's rows for objects just written in bulk (what `save()` would have
    recorded): a '+' (created) or '~' (changed) entry with who, when and why."""

    def __init__(self, model: type[Model]):
        self.model = model
        self.history_model = model.history.model  # type: ignore[attr-defined]  # HistoricalRecords' manager
        self.writer = BulkWriter(self.history_model, concurrent=True)
        self.source_fields = {f.attname for f in model._meta.concrete_fields}

    def write(self, objs: list, *, user_id: int | None, reason: str, when, kind: str = "+") -> None:
        """`objs`: model instances, or rows as dicts keyed by attribute name (as written)."""
        if not objs:
            return
        attnames = self.writer.attnames
        copied = [name for name in attnames if name in self.source_fields]
        get = (operator.itemgetter if isinstance(objs[0], dict) else operator.attrgetter)(*copied)
        extra = {"history_date": when, "history_change_reason": reason, "history_type": kind,
                 "history_user_id": user_id}  # fmt: skip
        pk_name = self.history_model._meta.pk.attname
        # Each history row in the table's order: a copied value (its index in `get`'s tuple), or a
        # history column by name (the row's own key among them).
        order: list[int | str] = [copied.index(n) if n in self.source_fields else n for n in attnames]
        keys = self.writer.reserve(len(objs))
        rows = []
        for obj, key in zip(objs, keys, strict=True):
            values = get(obj)
            extra[pk_name] = key
            rows.append(tuple(values[i] if isinstance(i, int) else extra[i] for i in order))
        self.writer._insert(rows)
