from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_meeting"), ("venues", "0002_no_overlap")]
    operations = [add_tenant_keys("orgs")]
