"""Import a household register (xlsx, xls or csv) from the terminal, through the same engine and
checks as the browser; prints the same counts. Exit status 1 when nothing could be written."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from linli.core import imports
from linli.core.errors import DomainError
from linli.core.models import ImportJob, ImportRow
from linli.tenancy.commands import acting_user, community_by_code

SHOWN_ERRORS = 20


class Command(BaseCommand):
    help = "Import residents from a spreadsheet: import_people FILE --community CODE [--dry-run] [--good-rows-only]"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--community", required=True, help="community code, e.g. xianhu")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--good-rows-only", action="store_true", help="write the good rows, return the rest")
        parser.add_argument("--create-dwellings", action="store_true", help="create dwellings the system lacks")
        parser.add_argument("--user", help="account recorded as the importer (default: the community's secretary)")
        parser.add_argument("--rejected", help="where to write the rejected rows (default: FILE.rejected.xlsx)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"没有这个文件：{path}")
        community = community_by_code(options["community"])
        actor = acting_user(community, options.get("user"))
        mode = ImportJob.Mode.GOOD_ROWS if options["good_rows_only"] else ImportJob.Mode.ALL_OR_NOTHING
        try:
            job = imports.import_upload(
                actor=actor, community=community, kind="people", file_name=path.name, data=path.read_bytes(),
                run_now=True,
            )  # fmt: skip
            if job.status == ImportJob.Status.FAILED:
                raise CommandError(job.message)
            self.stdout.write(self._mapping(job))
            imports.import_set_mapping(
                actor=actor, job=job, mapping=job.mapping, mode=mode,
                options={"create_dwellings": options["create_dwellings"]},
            )  # fmt: skip
            imports.import_start(actor=actor, job=job, phase="check", run_now=True)
            job.refresh_from_db()
            if job.status == ImportJob.Status.CHECKED and not options["dry_run"]:
                imports.import_start(actor=actor, job=job, phase="commit", run_now=True)
                job.refresh_from_db()
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self._report(job, options)
        if options["dry_run"] and job.status == ImportJob.Status.CHECKED:
            imports.import_cancel(actor=actor, job=job)  # a dry run keeps the record, not the file
        if job.status in (ImportJob.Status.FAILED, ImportJob.Status.REJECTED) or (
            job.status == ImportJob.Status.CHECKED and not options["dry_run"]
        ):
            raise CommandError(job.message or "未写入：文件中有错误行。加 --good-rows-only 可只导入正确的行。")

    def _mapping(self, job) -> str:
        spec = imports.importer_for(job.kind).spec
        pairs = [
            f"{job.header[i] or '?'}→{spec.column(k).label}" for k, i in sorted(job.mapping.items(), key=lambda x: x[1])
        ]
        return f"表头在第 {job.header_row} 行；列：" + "，".join(pairs)

    def _report(self, job, options) -> None:
        c = job.counts
        if job.status == ImportJob.Status.FAILED:
            self.stdout.write(f"无法导入：{job.message}")
            return
        self.stdout.write(
            f"读取 {c.get('read', 0)} 行：新增 {c.get('create', 0)}，更新 {c.get('update', 0)}，"
            f"无变化 {c.get('unchanged', 0)}，错误 {c.get('error', 0)}。"
        )
        if job.status == ImportJob.Status.DONE:
            self.stdout.write(f"已写入 {c.get('written', 0)} 行。")
        else:
            self.stdout.write("未写入任何数据。")
        errors = ImportRow.objects.in_community(job.community_id).filter(job=job, outcome=ImportRow.Outcome.ERROR)
        for row in errors[:SHOWN_ERRORS]:
            reasons = "；".join(f"{col}：{why}" if col else why for col, why in row.problems)
            self.stdout.write(f"  第 {row.row_number} 行：{reasons}")
        if c.get("error", 0) > SHOWN_ERRORS:
            self.stdout.write(f"  ……另有 {c['error'] - SHOWN_ERRORS} 行错误，见退回文件。")
        if job.has_rejected_file:
            target = Path(options.get("rejected") or f"{options['file']}.rejected.xlsx")
            target.write_bytes(imports.rejected_workbook(job))
            self.stdout.write(f"错误行已写入：{target}")
