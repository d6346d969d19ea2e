"""Two live bookings of one thing never overlap: on PostgreSQL an exclusion constraint over
tstzrange(starts_at, blocks_until) per thing (btree_gist gives GiST the `=` on the ids); the
bookings that give their slot back (cancelled, refused) are not in it. SQLite has no such
constraint: there the service's check under IMMEDIATE transactions serialises the writers."""

from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys

LIVE = "('pending', 'confirmed', 'checked_in', 'no_show')"
ADD = (
    "ALTER TABLE venues_booking ADD CONSTRAINT venues_booking_no_overlap EXCLUDE USING gist ("
    "community_id WITH =, thing_id WITH =, tstzrange(starts_at, blocks_until, '[)') WITH &&"
    f") WHERE (status IN {LIVE})"
)


def add_exclusion(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(ADD)


def drop_exclusion(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE venues_booking DROP CONSTRAINT IF EXISTS venues_booking_no_overlap")


class Migration(migrations.Migration):
    dependencies = [("venues", "0001_initial"), ("volunteering", "0002_tenant_keys"), ("people", "0002_tenant_keys")]
    operations = [add_tenant_keys("venues"), migrations.RunPython(add_exclusion, drop_exclusion)]
