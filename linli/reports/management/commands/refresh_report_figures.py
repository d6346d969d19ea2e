"""Count the street's figures again for every community (a periodic job: the overview shows their age)."""

from django.core.management.base import BaseCommand

from linli.reports import services


class Command(BaseCommand):
    help = "Recount the street overview's counts and the dashboards' kept figures (this month and the last)."

    def handle(self, *args, **options):
        written = services.refresh()
        kept = services.refresh_figures()
        if options["verbosity"]:
            self.stdout.write(f"{written} communities counted, {kept} figure values kept")
