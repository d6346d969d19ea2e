"""Escalate missed care contacts (linli/care/services/sweep.py): run by `manage.py periodic`."""

from django.core.management.base import BaseCommand

from linli.care.services import sweep_care_contacts


class Command(BaseCommand):
    help = "Escalate missed care contacts: to the grid's workers the same day, to the secretaries the next."

    def handle(self, *args, **options):
        counts = sweep_care_contacts()
        if options["verbosity"]:
            self.stdout.write(f"raised {counts['raised']}, to the secretaries {counts['to_secretary']}")
