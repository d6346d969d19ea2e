"""The demo's party organisation: 新源's four levels (seed article 2: 社区党委 → 网格党支部 → 楼栋党小组
→ 党员中心户) and the same shape for 仙湖; about 4 % of adult residents are members. Then the
in-service members reporting in (在职党员报到, seed articles 1 and 2): about 40 confirmed — each
serving as a volunteer through volunteering's services — a few waiting, one declined, and the demo
member account reporting in through the real steps. volunteering's demo runs after this one
(its seed_after) and gives them their service records and project claims."""

import datetime as dt
import random

from django.utils import timezone

from linli.party import services
from linli.party.models import PartyMember, PartyOrg, ReportIn
from linli.people import free_time
from linli.people.models import Household, Resident
from linli.places.models import Building, Compound, Grid
from linli.volunteering import selectors as volunteering_selectors
from linli.volunteering import services as volunteering


def seed(community, *, rng: random.Random, staff_user=None) -> int:
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
    _report_ins(community, rng, staff_user)
    return len(members)


# -- in-service members reporting in ------------------------------------------------------------

REPORT_IN_NAMES = [
    "陈建华",
    "林晓燕",
    "黄志明",
    "梁丽娟",
    "何国强",
    "吴静",
    "罗伟",
    "郭敏",
    "谢振华",
    "冯雪梅",
    "曾宪文",
    "彭丽",
    "邓海涛",
    "许文静",
    "苏建军",
    "卢晓红",
    "蒋志勇",
    "蔡佩珊",
    "贾宏伟",
    "丁雅琴",
    "魏振东",
    "薛丽萍",
    "叶明",
    "阎秀英",
    "余建国",
    "潘美玲",
    "杜海波",
    "戴晓梅",
    "夏志刚",
    "钟婷",
    "汪永红",
    "田伟",
    "任丽华",
    "姜涛",
    "范晓东",
    "方芳",
    "石磊",
    "姚丽娜",
    "谭志强",
    "廖小燕",
    "邹文斌",
    "熊海燕",
]
# Where each community's in-service members work: employers of its own city (仙湖: Foshan's
# Nanhai district and Danzao town; 新源: Yangquan's Kuangqu district and Caiwa street).
WORKPLACES = {
    "xianhu": [
        ("南海区教育局", "南海区教育局机关党支部"),
        ("南海区税务局", "南海区税务局第二党支部"),
        ("南海区人民医院", "南海区人民医院内科党支部"),
        ("丹灶镇供电所", "丹灶镇供电所党支部"),
        ("佛山市中级人民法院", "佛山市中院民一庭党支部"),
        ("南海区城管局", "南海区城管局执法一中队党支部"),
        ("丹灶中心小学", "丹灶中心小学党支部"),
        ("南海农商银行丹灶支行", "南海农商银行丹灶支行党支部"),
    ],
    "xinyuan": [
        ("矿区教育局", "矿区教育局机关党支部"),
        ("矿区税务局", "矿区税务局第一党支部"),
        ("阳泉市第一人民医院", "阳泉市第一人民医院内科党支部"),
        ("国网阳泉供电公司", "国网阳泉供电公司营销部党支部"),
        ("阳泉市矿区人民法院", "矿区人民法院民事审判庭党支部"),
        ("矿区城市管理局", "矿区城管局蔡洼中队党支部"),
        ("阳泉市实验小学", "阳泉市实验小学党支部"),
        ("华阳新材料科技集团", "华阳集团机关第二党支部"),
    ],
}


def workplaces_for(community) -> list[tuple[str, str]]:
    """The employers of the community's city; a community without a list of its own gets none
    named after another city (a generic one rather than a wrong one)."""
    return WORKPLACES.get(community.code) or [("区直机关", "区直机关党支部"), ("市直单位", "市直单位党支部")]


MEMBER_SKILLS = ["法律咨询", "医疗", "电脑", "书法", "心理咨询", "驾驶", "辅导", "宣传写作", "摄影", "急救"]
# Free-time patterns: weekend mornings, weekday evenings, retired (days, not evenings), weekends, a few.
PATTERNS = [
    free_time.WEEKEND & sum(free_time.bit(d, 0) for d in range(7)),
    sum(free_time.bit(d, 2) for d in range(5)),
    free_time.ALL & ~sum(free_time.bit(d, 2) for d in range(7)),
    free_time.WEEKEND,
    free_time.bit(2, 1) | free_time.bit(5, 0) | free_time.bit(5, 1),
]


def _report_in_row(community, rng, i: int, name: str, compounds: list[int], kinds: list[str], staff_user) -> ReportIn:
    places = workplaces_for(community)
    workplace, org = places[i % len(places)]
    last = len(REPORT_IN_NAMES)
    status = "pending" if i >= last - 4 else "declined" if i == last - 5 else "confirmed"
    decided = status != "pending"
    return ReportIn(
        community=community,
        name=name,
        workplace=workplace,
        own_org=org,
        compound_id=rng.choice(compounds) if compounds and rng.random() < 0.7 else None,
        skills=rng.sample(MEMBER_SKILLS, 2),
        free_slots=rng.choice(PATTERNS),
        kinds=rng.sample(kinds, 2),
        commitment_hours=rng.choice([12, 12, 16, 20, 24]),
        status=status,
        submitted_at=timezone.now() - dt.timedelta(days=rng.randint(1, 20) if not decided else rng.randint(60, 700)),
        decided_by=staff_user if decided else None,
        decided_at=timezone.now() - dt.timedelta(days=rng.randint(30, 60)) if decided else None,
        decline_reason="不在本社区居住，请向居住地社区报到" if status == "declined" else "",
    )


def _report_ins(community, rng: random.Random, staff_user) -> None:
    """About 40 confirmed members (a demo account among them), a few waiting, one declined."""
    from linli.tenancy.demo import demo_user  # the demo's one way to make an account

    compounds = list(Compound.objects.in_community(community).values_list("pk", flat=True))
    kinds = [value for value, _label in volunteering_selectors.service_kinds()]
    rows = [_report_in_row(community, rng, i, n, compounds, kinds, staff_user) for i, n in enumerate(REPORT_IN_NAMES)]
    ReportIn.objects.bulk_create(rows)
    confirmed = list(ReportIn.objects.in_community(community).filter(status="confirmed").order_by("pk"))
    for row in confirmed:  # confirmed long ago: each serves as a volunteer since the day he was confirmed
        row.volunteer = volunteering.enlist_in_service_member(
            actor=staff_user,
            community=community,
            user=None,
            name=row.name,
            compound_id=row.compound_id,
            skills=row.skills,
            free_slots=row.free_slots,
            kinds=row.kinds,
            workplace=row.workplace,
            joined_on=row.decided_at.date() if row.decided_at else None,
        )
    ReportIn.objects.in_community(community).bulk_update(confirmed, ["volunteer"])
    # The demo member account reports in and is confirmed through the real steps.
    user = demo_user(f"{community.code}.member", f"{community.name}在职党员")
    workplace, own_org = workplaces_for(community)[0]
    row = services.report_in(
        actor=user,
        data=services.ReportInInput(
            community_code=community.code,
            name="王建军",
            workplace=workplace,
            own_org=own_org,
            skills="电脑、辅导",
            free_slots=free_time.WEEKEND | PATTERNS[1],
            kinds=["tutoring", "policy"],
            commitment_hours=20,
        ),
    )
    services.report_in_confirm(actor=staff_user, row=row)
