"""Build a synthetic city: a province, a city, districts and streets, communities with compounds,
buildings, dwellings and grids, and residents in believable households with valid ID numbers.

    manage.py generate_population --communities 100 --residents 1000000

Writes in bulk without history rows; meant for load tests and benchmarks, not for the demo."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from linli.people.demo import TAGS
from linli.people.models import Resident, Tag
from linli.people.synthetic import populate
from linli.places.models import Building, Compound, Dwelling, Grid
from linli.tenancy.models import Community, Region

ROOMS_PER_BUILDING = 24  # 2 units x 6 floors x 2 flats
PEOPLE_PER_DWELLING = 2.6


class Command(BaseCommand):
    help = "Generate a synthetic city of N communities and N residents (fast, bulk)."

    def add_arguments(self, parser):
        parser.add_argument("--communities", type=int, default=10)
        parser.add_argument("--residents", type=int, default=100_000, help="total over all communities")
        parser.add_argument("--prefix", default="gen", help="community code prefix")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-households", action="store_true")

    def handle(self, *args, communities: int, residents: int, prefix: str, seed: int, no_households: bool, **options):
        if communities < 1 or residents < 0:
            raise CommandError("--communities must be at least 1 and --residents not negative.")
        if Community.objects.filter(code__startswith=f"{prefix}-").exists():
            raise CommandError(f"Communities with prefix {prefix!r} exist already; choose another --prefix.")
        rng = random.Random(seed)
        started = time.monotonic()
        streets = self._regions(prefix, max(1, communities // 20))
        per_community = residents // communities
        for index in range(communities):
            community = Community.objects.create(
                code=f"{prefix}-{index:04d}",
                name=f"合成社区{index:04d}",
                street=streets[index % len(streets)],
                home_area_prefix="4401",
            )
            with transaction.atomic():
                dwelling_ids = self._places(community, per_community, rng)
                Tag.objects.bulk_create(
                    Tag(community=community, name=n, sensitive=s, description=d) for n, s, d in TAGS
                )
                for _ in populate(
                    community_id=community.pk,
                    dwelling_ids=dwelling_ids,
                    count=per_community,
                    local_area="440106",
                    seed=seed * 100_000 + index,
                    with_households=not no_households,
                ):
                    pass
            if index % max(1, communities // 20) == 0 or index == communities - 1:
                ids = Community.objects.filter(code__startswith=f"{prefix}-").values_list("pk", flat=True)
                done = Resident.objects.in_community_ids(ids).count()
                self.stdout.write(
                    f"  {index + 1}/{communities} communities, {done:,} residents, {time.monotonic() - started:.0f}s"
                )

    def _regions(self, prefix: str, streets: int) -> list[Region]:
        province, _ = Region.objects.get_or_create(
            parent=None, name="广东省", defaults={"level": Region.Level.PROVINCE}
        )
        city, _ = Region.objects.get_or_create(parent=province, name="广州市", defaults={"level": Region.Level.CITY})
        district, _ = Region.objects.get_or_create(
            parent=city, name=f"合成区{prefix}", defaults={"level": Region.Level.DISTRICT}
        )
        return [
            Region.objects.get_or_create(
                parent=district, name=f"合成街道{i:02d}", defaults={"level": Region.Level.STREET}
            )[0]
            for i in range(streets)
        ]

    def _places(self, community, people: int, rng: random.Random) -> list[int]:
        buildings_needed = max(1, int(people / PEOPLE_PER_DWELLING / ROOMS_PER_BUILDING) + 1)
        compounds = Compound.objects.bulk_create(
            Compound(community=community, name=f"小区{i:02d}") for i in range(max(1, buildings_needed // 15))
        )
        grids = Grid.objects.bulk_create(
            Grid(community=community, name=f"第{i + 1}网格") for i in range(max(1, buildings_needed // 10))
        )
        buildings = Building.objects.bulk_create(
            Building(
                community=community,
                compound=compounds[i % len(compounds)],
                grid=grids[i % len(grids)],
                name=f"{i + 1}栋",
                floors=6,
            )
            for i in range(buildings_needed)
        )
        dwellings = Dwelling.objects.bulk_create(
            (
                Dwelling(community=community, building=b, room=f"{u}-{f}{r:02d}")
                for b in buildings
                for u in (1, 2)
                for f in range(1, 7)
                for r in (1, 2)
            ),
            batch_size=5000,
        )
        return [d.pk for d in dwellings]
