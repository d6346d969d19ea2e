from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("activities", "0003_room"), ("venues", "0002_no_overlap")]
    operations = [add_tenant_keys("activities")]
