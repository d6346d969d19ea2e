"""Compounds, buildings, dwellings and grids of the demo communities."""

import random

from linli.places.models import Building, Compound, Dwelling, Grid, Unit

# 仙湖社区 has 13 residential compounds (seed article); 仙湖花园 is named there, the rest are invented.
COMPOUNDS = {
    "xianhu": [
        "仙湖花园",
        "湖景豪庭",
        "仙湖名苑",
        "翠湖居",
        "云湖轩",
        "康湖华庭",
        "荷塘雅苑",
        "丹湖尚城",
        "湖畔明珠",
        "金沙湾",
        "仙湖雅居",
        "翡翠湖岸",
        "丹灶新城",
    ],
    "xinyuan": ["辰光小区", "国电满庭春小区", "新源佳苑"],
}
GRIDS = {"xianhu": 4, "xinyuan": 3}


def seed(community, *, rng: random.Random) -> list[int]:
    """Returns the ids of the dwellings created."""
    code = community.code
    grids = [
        Grid.objects.in_community(community).get_or_create(
            community=community, name=f"第{i}网格", defaults={"code": f"{code}-{i:02d}"}
        )[0]
        for i in range(1, GRIDS[code] + 1)
    ]
    dwellings: list[Dwelling] = []
    for index, name in enumerate(COMPOUNDS[code]):
        compound, created = Compound.objects.in_community(community).get_or_create(
            community=community, name=name, defaults={"address": f"{community.name}{name}"}
        )
        if not created:
            continue
        grid = grids[index * len(grids) // len(COMPOUNDS[code])]
        for b in range(1, rng.randint(3, 8) + 1):
            building = Building.objects.create(
                community=community, compound=compound, grid=grid, name=f"{b}栋", floors=rng.choice((6, 7, 11, 18))
            )
            for u in range(1, rng.choice((1, 2, 2, 3)) + 1):
                unit = Unit.objects.create(community=community, building=building, name=f"{u}单元")
                dwellings += [
                    Dwelling(community=community, building=building, unit=unit, room=f"{f}{r:02d}")
                    for f in range(1, building.floors + 1)
                    for r in range(1, 3)
                ]
    Dwelling.objects.bulk_create(dwellings, batch_size=2000)
    return list(Dwelling.objects.in_community(community).values_list("pk", flat=True))


def seed_community(ctx) -> None:
    """The registry's seed: the community's places (once), the grid workers' grids and the building
    head's building. Hands the dwellings to people's seed in ctx.shared."""
    from django.contrib.auth import get_user_model

    from linli.places.models import BuildingHead, GridAssignment

    community = ctx.community
    if not Building.objects.in_community(community).exists():
        ctx.shared["dwelling_ids"] = seed(community, rng=ctx.rng)
    grids = list(Grid.objects.in_community(community).order_by("name"))
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith=f"{community.code}.")}
    for n in (1, 2):
        user = users.get(f"{community.code}.grid{n}")
        if user is not None:
            GridAssignment.objects.in_community(community).get_or_create(
                community=community, grid=grids[n - 1], user=user
            )
    head = users.get(f"{community.code}.building")
    if head is not None:
        building = Building.objects.in_community(community).filter(grid=grids[0]).order_by("pk").first()
        BuildingHead.objects.in_community(community).get_or_create(community=community, building=building, user=head)
