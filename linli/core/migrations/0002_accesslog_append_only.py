"""The access log is append-only in the database itself, not only in Python (PIPL Art. 56).

The triggers yield only while `core_accesslog_purge_allowed` holds a row. That raw table is empty in
every real deployment; the test suite fills it so it can flush its throwaway databases.
"""

from django.db import migrations

GUARD = "CREATE TABLE core_accesslog_purge_allowed (allowed integer NOT NULL)"
SQLITE = [
    GUARD,
    "CREATE TRIGGER core_accesslog_no_update BEFORE UPDATE ON core_accesslog "
    "WHEN NOT EXISTS (SELECT 1 FROM core_accesslog_purge_allowed) "
    "BEGIN SELECT RAISE(ABORT, 'core_accesslog is append-only'); END;",
    "CREATE TRIGGER core_accesslog_no_delete BEFORE DELETE ON core_accesslog "
    "WHEN NOT EXISTS (SELECT 1 FROM core_accesslog_purge_allowed) "
    "BEGIN SELECT RAISE(ABORT, 'core_accesslog is append-only'); END;",
]
POSTGRES = [
    GUARD,
    "CREATE FUNCTION core_accesslog_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF EXISTS (SELECT 1 FROM core_accesslog_purge_allowed) THEN "
    "IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; ELSIF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
    "RAISE EXCEPTION 'core_accesslog is append-only'; END; $$;",
    "CREATE TRIGGER core_accesslog_no_change BEFORE UPDATE OR DELETE ON core_accesslog "
    "FOR EACH ROW EXECUTE FUNCTION core_accesslog_refuse();",
    # TRUNCATE bypasses row triggers; refuse it too.
    "CREATE TRIGGER core_accesslog_no_truncate BEFORE TRUNCATE ON core_accesslog "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_accesslog_refuse();",
]


def forwards(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
