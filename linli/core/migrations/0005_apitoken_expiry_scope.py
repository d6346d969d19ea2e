"""API tokens expire and may be read-only. Tokens issued before this migration expire 90 days after it
(DECISIONS.md) and keep writing, as they did."""

import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def expire_existing(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + dt.timedelta(days=90))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_imports")]

    operations = [
        migrations.AddField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(null=True, verbose_name="有效期至")
        ),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(verbose_name="有效期至")
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "只读"), ("write", "读写")], default="write", max_length=5, verbose_name="权限"
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="action",
            field=models.CharField(
                choices=[
                    ("reveal", "查看完整信息"),
                    ("export", "导出"),
                    ("own_data", "本人下载个人信息"),
                    ("erase", "删除（匿名化）个人信息"),
                    ("account", "账号安全操作"),
                ],
                max_length=16,
            ),
        ),
    ]
