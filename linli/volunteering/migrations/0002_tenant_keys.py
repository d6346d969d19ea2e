from django.db import migrations

from linli.core.tenant_keys import add_tenant_keys


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0001_initial"),
        ("cases", "0004_due_soon_from"),
        ("people", "0002_tenant_keys"),
        ("places", "0002_tenant_keys"),
    ]
    operations = [add_tenant_keys("volunteering")]
