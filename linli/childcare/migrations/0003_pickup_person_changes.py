import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("childcare", "0002_tenant_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="pickupperson",
            name="added_by",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="pickupperson", name="added_by_parent", field=models.BooleanField(default=False)
        ),
        migrations.AddField(
            model_name="pickupperson", name="removed_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="pickupperson",
            name="removed_by",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="pickupperson", name="removed_by_parent", field=models.BooleanField(default=False)
        ),
    ]
