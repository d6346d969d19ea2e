"""Foreign keys between tenant tables include community_id (PostgreSQL): see linli/core/tenant_keys.py."""

from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("places", "0002_tenant_keys")]
    operations = [add_tenant_keys("people")]
