from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("college", "0001_initial"), ("people", "0003_list_indexes"), ("volunteering", "0003_volunteer_fillfactor")]
    operations = [add_tenant_keys("college")]
