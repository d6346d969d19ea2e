"""Write a messy household register for a community (to try the import with): title row, merged
cells, mixed dates, full-width digits and about 5% bad rows, as xlsx or as a GBK csv."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from linli.people.sample_register import community_places, register_rows, to_csv, to_xlsx
from linli.tenancy.models import Community


class Command(BaseCommand):
    help = "Write a sample messy register: sample_register --community CODE --output FILE [--rows N]"

    def add_arguments(self, parser):
        parser.add_argument("--community", required=True)
        parser.add_argument("--output", required=True, help="FILE.xlsx, or FILE.csv for a GBK csv")
        parser.add_argument("--rows", type=int, default=200)
        parser.add_argument("--bad-share", type=float, default=0.05)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options):
        community = Community.objects.filter(code=options["community"]).first()
        if community is None:
            raise CommandError(f"没有代码为 {options['community']} 的社区。")
        places = community_places(community)
        if not places:
            raise CommandError("这个社区还没有房屋：请先运行 seed_demo 或在系统中添加楼栋。")
        rows = register_rows(
            community=community.name, places=places, rows=options["rows"], seed=options["seed"],
            bad_share=options["bad_share"],
        )  # fmt: skip
        target = Path(options["output"])
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == ".csv":
            target.write_bytes(to_csv(rows))
        else:
            to_xlsx(rows, target, merge_title=options["rows"] <= 5000)
        self.stdout.write(f"已写入 {target}（{options['rows']} 行）")
