"""Count the street's figures again for every community (a periodic job: the overview shows their age)."""

from django.core.management.base import BaseCommand

from linli.reports import services


class Command(BaseCommand):
    help = "Recount the per-community figures of the street's overview."

    def handle(self, *args, **options):
        written = services.refresh()
        if options["verbosity"]:
            self.stdout.write(f"{written} communities counted")
