"""Export a community's residents to xlsx or csv from the terminal: masked unless --unmasked with a
--reason (written to the access log like any export)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from linli.core.errors import DomainError
from linli.core.exports import FORMATS, write_file
from linli.people import exports, selectors
from linli.people.models import Resident
from linli.tenancy.commands import acting_user, community_by_code


class Command(BaseCommand):
    help = "Export residents: export_people --community CODE [--output FILE] [--unmasked --reason WHY]"

    def add_arguments(self, parser):
        parser.add_argument("--community", required=True)
        parser.add_argument("--output", help="FILE.xlsx or FILE.csv (default: residents-CODE.xlsx)")
        parser.add_argument(
            "--status", default=Resident.Status.ACTIVE, help="active (default), moved_out, deceased or all"
        )
        parser.add_argument("--unmasked", action="store_true", help="full ID and phone numbers (needs --reason)")
        parser.add_argument("--reason", default="", help="why, for the access log")
        parser.add_argument("--user", help="account recorded as the exporter (default: the community's secretary)")

    def handle(self, *args, **options):
        community = community_by_code(options["community"])
        output = Path(options["output"] or f"residents-{community.code}.xlsx")
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError("输出文件须以 .xlsx 或 .csv 结尾。")
        status = options["status"]
        if status not in [*Resident.Status.values, "all"]:
            raise CommandError("--status 只能是 active、moved_out、deceased 或 all。")
        actor = acting_user(community, options.get("user"))
        filters = selectors.ResidentFilters(community_id=community.pk, status="" if status == "all" else status)
        try:
            headers, rows = exports.resident_export(
                actor=actor, filters=filters, unmasked=options["unmasked"], reason=options["reason"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        counted = _Counter(rows)
        write_file(output, title="居民名单", fmt=fmt, headers=headers, rows=counted)
        masked = "完整号码" if options["unmasked"] else "已脱敏"
        self.stdout.write(f"已导出 {counted.n} 人（{masked}）到 {output}")


class _Counter:
    def __init__(self, rows):
        self.rows, self.n = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.n += 1
            yield row
