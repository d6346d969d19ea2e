"""Close the ready holds nobody collected in time and offer their copies to the next in line (daily)."""

from django.core.management.base import BaseCommand

from linli.lending import services
from linli.tenancy.models import Community


class Command(BaseCommand):
    help = "Expire uncollected holds of every community; their copies go to the next reader or the shelf."

    def handle(self, *args, **options):
        expired = sum(services.holds_expire(community_id=pk) for pk in Community.objects.values_list("pk", flat=True))
        if options["verbosity"]:
            self.stdout.write(f"{expired} holds expired")
