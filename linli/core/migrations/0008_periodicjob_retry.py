from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_ops_heartbeat_periodic"),
    ]

    operations = [
        migrations.AddField(
            model_name="periodicjob",
            name="tries",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="periodicjob",
            name="retry_after",
            field=models.DateTimeField(null=True),
        ),
    ]
