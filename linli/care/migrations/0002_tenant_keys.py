from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("care", "0001_initial")]
    operations = [add_tenant_keys("care")]
