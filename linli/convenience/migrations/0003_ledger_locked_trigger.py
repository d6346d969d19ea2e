"""On PostgreSQL the database itself refuses to change a ledger line the resident (or proxy) has
confirmed, and to delete a confirmed line or any line of a confirmed order: a raw UPDATE or DELETE,
a script or a console session gets an error, not a silently rewritten account. A line not yet
confirmed stays writable, so that the confirmation's own stamp (confirmed_at, confirmed_by, in the
order's confirming transaction) and the correction of an unconfirmed line go through. SQLite has no
such trigger here: there the model and queryset guards (LedgerLocked) and the services hold the rule."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION convenience_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.confirmed_at IS NOT NULL THEN
        RAISE EXCEPTION 'convenience_ledgerentry % is confirmed: never changed, only countered', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM convenience_order o WHERE o.community_id = OLD.community_id
                   AND o.id = OLD.order_id AND o.status = 'confirmed') THEN
            RAISE EXCEPTION 'convenience_ledgerentry % belongs to a confirmed order: never deleted', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
"""
TRIGGER = (
    "CREATE TRIGGER convenience_ledger_locked BEFORE UPDATE OR DELETE ON convenience_ledgerentry "
    "FOR EACH ROW EXECUTE FUNCTION convenience_ledger_refuse()"
)


def add_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)  # no %-formatting: RAISE uses %
    schema_editor.execute(TRIGGER)


def drop_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS convenience_ledger_locked ON convenience_ledgerentry")
        schema_editor.execute("DROP FUNCTION IF EXISTS convenience_ledger_refuse()")


class Migration(migrations.Migration):
    dependencies = [("convenience", "0002_tenant_keys")]
    operations = [migrations.RunPython(add_trigger, drop_trigger)]
