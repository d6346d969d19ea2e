"""Meetings marked 已召开 by their attendance or votes before they took place, or without minutes,
go back to 筹备中: a meeting is held once its time has passed and its minutes are in (issue 13)."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def planned_until_held(apps, schema_editor):
    Meeting = apps.get_model("deliberation", "Meeting")
    Meeting._base_manager.filter(status="held").filter(Q(held_at__gt=timezone.now()) | Q(minutes="")).update(
        status="planned"
    )


class Migration(migrations.Migration):
    dependencies = [("deliberation", "0002_tenant_keys")]
    operations = [migrations.RunPython(planned_until_held, migrations.RunPython.noop)]
