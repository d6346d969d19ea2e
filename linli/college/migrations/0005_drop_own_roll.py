from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    """The college's own enrolment and roll tables are gone: the engine's rows are the only ones."""

    dependencies = [("college", "0004_onto_engine")]
    operations = [
        migrations.DeleteModel(name="Attendance"),
        migrations.DeleteModel(name="Enrolment"),
        add_tenant_keys("college"),
    ]
