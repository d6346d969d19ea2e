"""orgs' part of the test world (core/tests/world.py calls add_orgs): in community A the choir with
张三 as its leader and one award, and 王芳's (the resident account's) pending request to join it; an
incubated organisation at 孵化中."""

import datetime as dt
from dataclasses import dataclass

from linli.orgs.models import Award, JoinRequest, Kind, Member, Organisation, Role, Stage, StageStep


@dataclass
class OrgsWorld:
    choir: object
    leader: object  # 张三's membership
    award: object
    request: object  # 王芳 asks to join the choir
    incubated: object


def add_orgs(world) -> OrgsWorld:
    a = world.a
    choir = Organisation.objects.create(community=a, name="仙湖合唱团", kind=Kind.CULTURE, meets="每周三晚上7点")
    leader = Member.objects.create(
        community=a, org=choir, resident=world.zhang, role=Role.LEADER, joined_on=dt.date(2024, 3, 1)
    )
    award = Award.objects.create(community=a, org=choir, title="区合唱展演 二等奖", on=dt.date(2025, 10, 1))
    request = JoinRequest.objects.create(community=a, org=choir, resident=world.wang, note="我会唱歌")
    incubated = Organisation.objects.create(community=a, name="邻里互助社", kind=Kind.SOCIAL, stage=Stage.INCUBATING)
    StageStep.objects.create(community=a, org=incubated, stage=Stage.INCUBATING, on=dt.date(2025, 6, 1))
    return OrgsWorld(choir, leader, award, request, incubated)
