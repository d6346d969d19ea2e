from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("party", "0003_report_in"), ("volunteering", "0002_tenant_keys")]
    operations = [add_tenant_keys("party")]
