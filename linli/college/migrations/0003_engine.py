import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A course and each of its sessions point at their offering of the participation engine."""

    dependencies = [("college", "0002_tenant_keys"), ("participation", "0002_tenant_keys")]

    operations = [
        migrations.AddField(
            model_name="course",
            name="offering",
            field=models.OneToOneField(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="participation.offering"
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="offering",
            field=models.OneToOneField(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="participation.offering"
            ),
        ),
    ]
