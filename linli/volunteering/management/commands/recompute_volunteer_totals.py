"""Rebuild every volunteer's totals (verified hours, carried hours, star, points) from the records
and the time-bank ledger. The running totals change with every verification; this is the nightly
check and the repair after a restore or a hand correction."""

from django.core.management.base import BaseCommand

from linli.tenancy.commands import community_by_code
from linli.volunteering.totals import recompute_totals


class Command(BaseCommand):
    help = "Recompute volunteers' hours, stars and points from their records (all communities, or one)."

    def add_arguments(self, parser):
        parser.add_argument("--community", help="community code (default: all)")

    def handle(self, *args, community: str | None = None, **options):
        ids = [community_by_code(community).pk] if community else None
        looked = recompute_totals(ids)
        self.stdout.write(f"{looked} volunteers recomputed")
