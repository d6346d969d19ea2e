"""Foreign keys between tenant tables include community_id (PostgreSQL): see linli/core/tenant_keys.py."""

from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0001_initial")]
    operations = [add_tenant_keys("tenancy")]
