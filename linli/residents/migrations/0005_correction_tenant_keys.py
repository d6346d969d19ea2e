from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("residents", "0004_correction_phone_encrypted"), ("people", "0002_tenant_keys")]
    operations = [add_tenant_keys("residents")]
