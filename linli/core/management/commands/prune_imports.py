"""Remove what imports leave behind: uploads of imports nobody finished (after --days, default 7)
and rejected-rows workbooks and row previews of old imports (after --keep-days, default 30). The
job records themselves (who, when, file name, checksum, counts) are kept. Run it daily."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import imports
from linli.core.models import ImportJob, ImportRow


class Command(BaseCommand):
    help = "Delete stale import uploads, rejected-rows files and row previews; keep the job records."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="unfinished imports older than this are cancelled")
        parser.add_argument("--keep-days", type=int, default=30, help="rejected rows and previews kept this long")

    def handle(self, *args, days: int, keep_days: int, **options):
        now = timezone.now()
        jobs = ImportJob.objects.unscoped()
        stale = jobs.filter(
            created_at__lt=now - dt.timedelta(days=days),
            status__in=[
                ImportJob.Status.MAPPING,
                ImportJob.Status.CHECKED,
                ImportJob.Status.FAILED,
                ImportJob.Status.REJECTED,
            ],
        )
        cancelled = 0
        for job in stale:
            imports.forget_files(job, keep_rejected=True)
            job.status, job.finished_at = ImportJob.Status.CANCELLED, now
            job.message = _("超过 %(days)d 天未完成，已自动取消，上传的文件已删除。") % {"days": days}
            job.save(update_fields=["status", "finished_at", "message"])
            cancelled += 1
        old = jobs.filter(created_at__lt=now - dt.timedelta(days=keep_days)).exclude(
            status__in=[ImportJob.Status.CHECKING, ImportJob.Status.COMMITTING]
        )
        cleared = 0
        for job in old.filter(has_rejected_file=True):
            imports.forget_files(job, keep_rejected=False)
            job.has_rejected_file = False
            job.save(update_fields=["has_rejected_file"])
            cleared += 1
        rows = ImportRow.objects.unscoped().filter(job__in=old).delete()[0]
        self.stdout.write(f"取消 {cancelled} 个未完成的导入；清除 {cleared} 个退回文件、{rows} 行预览。")
