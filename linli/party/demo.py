"""The demo's party organisation: 新源's four levels (seed article 2: 社区党委 → 网格党支部 → 楼栋党小组
→ 党员中心户) and the same shape for 仙湖; about 4 % of adult residents are members."""

import datetime as dt
import random

from django.utils import timezone

from linli.party.models import PartyMember, PartyOrg
from linli.people.models import Household, Resident
from linli.places.models import Building, Grid


def seed(community, *, rng: random.Random) -> int:
    if PartyOrg.objects.in_community(community).exists():
        return 0
    committee = PartyOrg.objects.create(community=community, name=f"{community.name}党委", level="committee",
                                        leader="社区党委书记")  # fmt: skip
    members = []
    today = timezone.localdate()
    adults = list(
        Resident.objects.in_community(community)
        .filter(
            status=Resident.Status.ACTIVE, birth_date__lt=today - dt.timedelta(days=365 * 20), dwelling__isnull=False
        )
        .values_list("pk", "name", "dwelling__building_id", "dwelling_id")
    )
    by_building: dict[int, list] = {}
    for row in adults:
        by_building.setdefault(row[2], []).append(row)
    for grid in Grid.objects.in_community(community).order_by("name"):
        branch = PartyOrg.objects.create(community=community, name=f"{grid.name}党支部", level="branch",
                                         parent=committee, grid=grid)  # fmt: skip
        for building in Building.objects.in_community(community).filter(grid=grid).select_related("compound")[:6]:
            group = PartyOrg.objects.create(community=community, name=f"{building.compound.name}{building.name}党小组",
                                            level="group", parent=branch, building=building)  # fmt: skip
            chosen = [r for r in by_building.get(building.pk, []) if rng.random() < 0.04]
            for pk, name, _b, _dwelling in chosen:
                members.append(PartyMember(community=community, org=group, resident_id=pk, name=name,
                                           joined_on=today - dt.timedelta(days=rng.randint(365, 365 * 40)),
                                           registered_on=today - dt.timedelta(days=rng.randint(30, 900))))  # fmt: skip
            if chosen:
                pk, name, _b, dwelling_id = chosen[0]
                household = Household.objects.in_community(community).filter(dwelling_id=dwelling_id).first()
                if household is not None:
                    PartyOrg.objects.create(community=community, name=f"{name}家（党员中心户）", level="center",
                                            parent=group, household=household, leader=name)  # fmt: skip
    for name in ("刘志强", "孙丽华"):  # members kept here who live elsewhere (在职党员 come with issue 5)
        members.append(PartyMember(community=community, org=committee, name=name, note="住在辖区外，组织关系在本社区"))
    PartyMember.objects.bulk_create(members)
    return len(members)
