"""The demo's teams. 仙湖 (seed 000): a choir "from the 50s to the 00s", the dance team, a kite club
found among new citizens' hobbies, 以老带新 pairs. 新源 (seed 002): the art troupe that wins
competitions, 八段锦 and 太极拳 teams, and the incubation base's organisations, one at each stage."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.orgs import services
from linli.orgs.models import Award, Kind, Level, Meeting, Member, Organisation, Role, Stage, StageStep
from linli.people.models import Resident
from linli.venues.services.series import series_find

# The venues demo's weekly series that are these teams' rehearsals (linked, not booked twice).
LINKED = {"仙湖合唱团": "合唱团排练", "仙湖舞蹈队": "舞蹈队排练"}
# Booked here through the venues service: team, room, weekdays, from, to.
BOOKED = [("新源艺术团", "多功能活动室", (1, 3), dt.time(14, 30), dt.time(16, 30))]

# name, kind, intro, meets, place, members, awards [(title, level, days ago)], stages
TEAMS = {
    "xianhu": [
        (
            "仙湖合唱团",
            Kind.CULTURE,
            "从50后到00后都有，每周排练，节日在星火驿站演出。",
            "每周三晚上7点",
            "社区活动中心",
            28,
            [("区社区合唱展演 二等奖", Level.DISTRICT, 200), ("街道迎新春文艺汇演", Level.STREET, 320)],
            [],
        ),
        (
            "仙湖舞蹈队",
            Kind.CULTURE,
            "广场舞和民族舞，欢迎新市民加入。",
            "每天晚上7点半",
            "中心广场",
            22,
            [("街道广场舞比赛 一等奖", Level.STREET, 150)],
            [],
        ),
        (
            "风筝爱好者协会",
            Kind.INTEREST,
            "新市民的风筝爱好者组成，亲子风筝节的骨干。",
            "周末上午",
            "湖边草坪",
            12,
            [],
            [],
        ),
        (
            "仙湖邻里互助社",
            Kind.SOCIAL,
            "居民自发的互助组织，正在社区孵化。",
            "每月第一个周六",
            "幸福院",
            9,
            [],
            [(Stage.INTENT, 300, "初次沟通，确定骨干"), (Stage.INCUBATING, 200, "提供场地、骨干培训")],
        ),
    ],
    "xinyuan": [
        (
            "新源艺术团",
            Kind.CULTURE,
            "社区文艺骨干组成，多次在区、市比赛中获奖。",
            "每周二、周四下午",
            "多功能活动室",
            30,
            [
                ("区老年文艺汇演 一等奖", Level.DISTRICT, 120),
                ("市社区文艺大赛 优秀节目奖", Level.CITY, 260),
                ("街道“七一”文艺汇演", Level.STREET, 155),
            ],
            [],
        ),
        (
            "八段锦健身队",
            Kind.SPORTS,
            "请老师来教八段锦，每天早上练。",
            "每天早上7点",
            "3、4号楼前健身场地",
            25,
            [],
            [],
        ),
        ("太极拳队", Kind.SPORTS, "太极拳爱好者，每周集中练习。", "每周六上午8点", "中心广场", 18, [], []),
        (
            "新源书画社",
            Kind.SOCIAL,
            "书画爱好者的社会组织，已在民政部门登记。",
            "每周五下午",
            "阅览室",
            15,
            [("区书画作品展 入选", Level.DISTRICT, 90)],
            [
                (Stage.INTENT, 700, "居民提出成立"),
                (Stage.INCUBATING, 600, "提供场地、骨干培训"),
                (Stage.HATCHED, 300, "独立开展活动"),
                (Stage.REGISTERED, 120, "协助到民政部门登记"),
            ],
        ),
        (
            "银龄读书会",
            Kind.SOCIAL,
            "老人读书分享，孵化基地出壳的组织。",
            "每周三下午",
            "阅览室",
            11,
            [],
            [
                (Stage.INTENT, 400, "阅览室读者提出"),
                (Stage.INCUBATING, 300, "提供场地和图书"),
                (Stage.HATCHED, 60, "自主运营"),
            ],
        ),
        (
            "邻里调解志愿社",
            Kind.SOCIAL,
            "退休老党员组成，协助调解邻里纠纷。",
            "",
            "",
            6,
            [],
            [(Stage.INTENT, 30, "居民提出意向")],
        ),
    ],
}


def seed(community, *, rng) -> dict | None:
    teams = TEAMS.get(community.code)
    if not teams or Organisation.objects.in_community(community).exists():
        return None
    today = timezone.localdate()
    pool = list(
        Resident.objects.in_community(community)
        .filter(status="active", user__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    members = 0
    for name, kind, intro, meets, place, size, awards, stages in teams:
        org = Organisation.objects.create(
            community=community, name=name, kind=kind, intro=intro, meets=meets, place=place,
            stage=stages[-1][0] if stages else "",
        )  # fmt: skip
        chosen = rng.sample(pool, min(size, len(pool)))
        rows = []
        for i, pk in enumerate(chosen):
            role = Role.LEADER if i == 0 else Role.DEPUTY if i == 1 else Role.MEMBER
            joined = today - dt.timedelta(days=rng.randint(10, 900))
            # 以老带新: about one in six was brought in by a member who joined before
            introducer = chosen[rng.randrange(i)] if i > 2 and rng.random() < 0.17 else None
            rows.append(
                Member(community=community, org=org, resident_id=pk, role=role, joined_on=joined,
                       introduced_by_id=introducer)
            )  # fmt: skip
        Member.objects.bulk_create(rows)
        members += len(rows)
        Award.objects.bulk_create(
            [
                Award(community=community, org=org, title=t, level=lv, on=today - dt.timedelta(days=ago))
                for t, lv, ago in awards
            ]
        )
        StageStep.objects.bulk_create(
            [
                StageStep(community=community, org=org, stage=st, on=today - dt.timedelta(days=ago), support=support)
                for st, ago, support in stages
            ]
        )
    _meetings(community)
    return {"orgs": len(teams), "members": members}


def _meetings(community) -> None:
    """Link the rehearsals the venues demo booked, and book 新源艺术团's afternoons (its holidays
    skipped) the way staff do from the team's page."""
    orgs = {o.name: o for o in Organisation.objects.in_community(community)}
    for name, purpose in LINKED.items():
        if name in orgs:
            Meeting.objects.bulk_create(
                Meeting(community=community, org=orgs[name], series_id=pk)
                for pk in series_find(community_id=community.pk, purpose=purpose)
            )
    secretary = get_user_model().objects.filter(username=f"{community.code}.secretary").first()
    if secretary is None:
        return
    from linli.venues import selectors as venues

    for name, room, weekdays, start, end in BOOKED:
        thing = venues.visible_things(secretary, community.pk).filter(name=room).first()
        if name not in orgs or thing is None:
            continue
        for day in weekdays:
            data = services.MeetingInput(thing_id=thing.pk, weekday=day, starts_time=start, ends_time=end, weeks=16)
            services.meeting_book(actor=secretary, org=orgs[name], data=data, skip_clashes=True)
