from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [("socialwork", "0006_competition")]
    operations = [add_tenant_keys("socialwork")]
