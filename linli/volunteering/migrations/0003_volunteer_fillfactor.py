"""Leave room in the volunteer table's pages (PostgreSQL): its totals change with every verification
and in the nightly recomputation, and with free space the new row versions stay on the same page
without touching the table's dozen indexes (HOT updates). Existing tables take it as pages are
rewritten (or at once with VACUUM FULL)."""

from django.db import migrations


def fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE volunteering_volunteer SET (fillfactor = 70)")


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE volunteering_volunteer RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0002_tenant_keys")]
    operations = [migrations.RunPython(fillfactor, back)]
