"""Retrain each community's category suggestion from the cases staff confirmed (run nightly)."""

from django.core.management.base import BaseCommand

from linli.cases import suggest
from linli.tenancy.commands import community_by_code
from linli.tenancy.models import Community


class Command(BaseCommand):
    help = "Retrain the category suggestion of one community (--community) or of all."

    def add_arguments(self, parser):
        parser.add_argument("--community", help="community code; all communities when left out")

    def handle(self, *args, community: str | None = None, **options):
        communities = [community_by_code(community)] if community else Community.objects.order_by("code")
        for c in communities:
            model = suggest.train(c.pk)
            if model is None:
                self.stdout.write(f"{c.code}: too few confirmed cases, keyword rules stay in use")
            else:
                accuracy = f"{model.accuracy:.1%}" if model.accuracy is not None else "n/a"
                self.stdout.write(f"{c.code}: {model.samples} cases, held-out accuracy {accuracy}")
