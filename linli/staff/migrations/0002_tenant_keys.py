from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("staff", "0001_initial"), ("tenancy", "0002_tenant_keys")]
    operations = [add_tenant_keys("staff")]
