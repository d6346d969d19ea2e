"""Issue an Open311 API key for one community and print it (only its hash is stored)."""

from django.core.management.base import BaseCommand

from linli.cases import services
from linli.tenancy.commands import community_by_code


class Command(BaseCommand):
    help = "Issue a new Open311 api_key for a community and print it once."

    def add_arguments(self, parser):
        parser.add_argument("--community", required=True, help="community code (the Open311 jurisdiction_id)")
        parser.add_argument("--name", default="Open311 client", help="who will use the key")

    def handle(self, *args, community: str, name: str, **options):
        row, key = services.open311_key_create(actor=None, community=community_by_code(community), name=name)
        self.stderr.write(f"jurisdiction_id={community}  key #{row.pk} ({row.name})")
        self.stdout.write(key)
