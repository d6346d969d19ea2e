"""Load the demo: the two communities of the seed articles, their places and people, and a demo
account for every role (password `demo-pass-2026`, demo only). Running it again changes nothing."""

import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from linli.cases import demo as cases_demo
from linli.cases import suggest
from linli.party import demo as party_demo
from linli.people import demo as people_demo
from linli.people.models import Resident
from linli.places import demo as places_demo
from linli.places.models import Building, BuildingHead, Grid, GridAssignment
from linli.tenancy import demo as tenancy_demo
from linli.tenancy.models import Membership, PartnerOrg, Region
from linli.tenancy.permissions import Role
from linli.volunteering import demo as volunteering_demo

PASSWORD = "demo-pass-2026"
RESIDENTS = {"xianhu": 3000, "xinyuan": 2000}
STREET_SUPERVISORS = {"danzao.supervisor": "丹灶镇", "caiwa.supervisor": "蔡洼街道"}
STAFF = [
    ("secretary", Role.SECRETARY, "书记"),
    ("worker", Role.WORKER, "社工"),
    ("grid1", Role.GRID_WORKER, "网格员一"),
    ("grid2", Role.GRID_WORKER, "网格员二"),
    ("building", Role.BUILDING_HEAD, "楼长"),
    ("property", Role.PROPERTY, "物业"),
    ("hoa", Role.HOA, "业委会"),
    ("resident", Role.RESIDENT, "居民"),
]


def _user(username: str, display: str, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": display, **extra})
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


class Command(BaseCommand):
    help = "Load the demo communities (仙湖, 新源) and demo accounts. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="multiply the number of residents")
        parser.add_argument(
            "--i-know-this-is-a-demo",
            action="store_true",
            dest="i_know_this_is_a_demo",
            help="load the demo although DEBUG is off (it makes a superuser 'admin' with the demo password)",
        )

    def handle(self, *args, scale: float = 1.0, i_know_this_is_a_demo: bool = False, **options):
        # The demo makes a superuser and every role's account with one published password: never on
        # a real site by accident.
        if not settings.DEBUG and not i_know_this_is_a_demo:
            raise CommandError(
                "DEBUG 已关闭（生产环境）：seed_demo 会创建超级管理员 admin 及公开密码的演示账号，已拒绝执行。"
                "确需在此加载演示数据，请加 --i-know-this-is-a-demo。"
            )
        self._load(scale)

    @transaction.atomic
    def _load(self, scale: float) -> None:
        rng = random.Random(2026)
        admin = _user("admin", "管理员", is_staff=True, is_superuser=True)
        for code, count in RESIDENTS.items():
            community = tenancy_demo.seed(code)
            if Resident.objects.in_community(community).exists():
                self.stdout.write(f"{community.name}: already loaded")
            else:
                dwelling_ids = places_demo.seed(community, rng=rng)
                people_demo.seed(
                    community, dwelling_ids=dwelling_ids, count=int(count * scale), rng=rng, recorded_by=admin.pk
                )
                self.stdout.write(f"{community.name}: {Resident.objects.in_community(community).count()} residents")
            self._accounts(community)
            if party_demo.seed(community, rng=rng):
                self.stdout.write(f"{community.name}: party organisation and members")
            secretary = get_user_model().objects.get(username=f"{community.code}.secretary")
            records = volunteering_demo.seed(community, rng=rng, staff_user=secretary)
            if records:
                self.stdout.write(f"{community.name}: volunteers, teams, projects, {records} service records")
            written = cases_demo.seed(community, rng=rng)
            if written:
                model = suggest.train(community.pk)
                accuracy = f", suggestion accuracy {model.accuracy:.0%}" if model and model.accuracy else ""
                self.stdout.write(f"{community.name}: {written} cases of the past year{accuracy}")
        for username, street in STREET_SUPERVISORS.items():
            user = _user(username, f"{street}督导")
            region = Region.objects.get(name=street, level=Region.Level.STREET)
            Membership.objects.get_or_create(user=user, role=Role.SUPERVISOR, region=region)
        self._sample_registers()

    def _sample_registers(self) -> None:
        """Messy registers to try 表格导入 with (new people, about 5% bad rows): var/samples/."""
        from django.conf import settings

        from linli.people.sample_register import community_places, register_rows, to_csv, to_xlsx
        from linli.tenancy.models import Community

        folder = settings.SAMPLE_REGISTERS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for code, seed in (("xianhu", 31), ("xinyuan", 32)):
            community = Community.objects.get(code=code)
            xlsx = folder / f"{community.name}-人口信息登记表-示例.xlsx"
            csv = folder / f"{community.name}-人口信息登记表-示例-GBK.csv"
            if xlsx.exists() and csv.exists():
                continue
            places = community_places(community)
            to_xlsx(register_rows(community=community.name, places=places, rows=200, seed=seed), xlsx)
            csv.write_bytes(to_csv(register_rows(community=community.name, places=places, rows=200, seed=seed + 100)))
        self.stdout.write(f"Sample registers to try the import with: {folder}")

    def _accounts(self, community) -> None:
        grids = list(Grid.objects.in_community(community).order_by("name"))
        orgs = {o.kind: o for o in PartnerOrg.objects.in_community(community)}
        for suffix, role, label in STAFF:
            user = _user(f"{community.code}.{suffix}", f"{community.name}{label}")
            partner = (
                orgs.get(PartnerOrg.Kind.PROPERTY if role == Role.PROPERTY else PartnerOrg.Kind.HOA)
                if role in (Role.PROPERTY, Role.HOA)
                else None
            )
            Membership.objects.get_or_create(
                user=user, role=role, community=community, defaults={"partner_org": partner}
            )
            if suffix in ("grid1", "grid2"):
                grid = grids[int(suffix[-1]) - 1]
                GridAssignment.objects.in_community(community).get_or_create(community=community, grid=grid, user=user)
            if role == Role.BUILDING_HEAD:
                building = Building.objects.in_community(community).filter(grid=grids[0]).order_by("pk").first()
                BuildingHead.objects.in_community(community).get_or_create(
                    community=community, building=building, user=user
                )
            if role == Role.RESIDENT and not Resident.objects.in_community(community).filter(user=user).exists():
                resident = (
                    Resident.objects.in_community(community)
                    .filter(user__isnull=True, dwelling__isnull=False, birth_date__year__lt=1990)
                    .order_by("pk")
                    .first()
                )
                resident.user = user
                resident.save(update_fields=["user"])
