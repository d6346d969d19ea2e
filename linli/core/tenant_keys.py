"""Composite keys between tenant tables, on PostgreSQL.

DESIGN.md: every foreign key between tenant tables includes `community_id`, so that a row can only
point at a row of its own community, and so the tables can be distributed by `community_id` on
Citus (which enforces only such keys). Django cannot declare composite foreign keys, so each app's
migrations end with `add_tenant_keys(app_label)`: it adds, for the models as they are at that
migration, `UNIQUE (community_id, id)` on every referenced tenant table and
`FOREIGN KEY (community_id, x_id) REFERENCES t (community_id, id)` beside every tenant foreign key.
It is idempotent, so a later migration that adds a foreign key calls it again. A test checks that no
tenant foreign key lacks its composite twin. SQLite keeps the single-column keys; the services check
the community on both databases.
"""

from django.db import migrations


def is_tenant(model) -> bool:
    try:
        field = model._meta.get_field("community")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return False
    related = getattr(field, "related_model", None)
    return related is not None and related._meta.label_lower == "tenancy.community"


def tenant_foreign_keys(models):
    for model in models:
        if not is_tenant(model):
            continue
        for field in model._meta.local_concrete_fields:
            target = getattr(field, "related_model", None)
            if not field.many_to_one or field.name == "community" or not getattr(field, "db_constraint", True):
                continue  # history tables keep no constraints (db_constraint=False)
            if target is not None and is_tenant(target):
                yield model, field, target


def constraint_name(model, field) -> str:
    return f"{model._meta.db_table}_{field.column}_same_community"[:63]


def target_key_name(target) -> str:
    return f"{target._meta.db_table}_community_id_key"[:63]


def _if_missing(name: str, statement: str) -> str:
    # Names and statements come from model metadata, never from input.
    check = f"SELECT 1 FROM pg_constraint WHERE conname = '{name}'"  # noqa: S608
    return f"DO $$ BEGIN IF NOT EXISTS ({check}) THEN {statement}; END IF; END $$;"


def statements(models) -> list[str]:
    sql = []
    for model, field, target in tenant_foreign_keys(models):
        table, target_table = model._meta.db_table, target._meta.db_table
        key, fk = target_key_name(target), constraint_name(model, field)
        sql.append(_if_missing(key, f'ALTER TABLE "{target_table}" ADD CONSTRAINT "{key}" UNIQUE (community_id, id)'))
        sql.append(_if_missing(fk, (
            f'ALTER TABLE "{table}" ADD CONSTRAINT "{fk}" FOREIGN KEY (community_id, "{field.column}") '
            f'REFERENCES "{target_table}" (community_id, id) DEFERRABLE INITIALLY DEFERRED'
        )))  # fmt: skip
    return sql


def add_tenant_keys(app_label: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements(apps.get_app_config(app_label).get_models()):
            schema_editor.execute(sql)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
