"""The demo's volunteers: 仙湖's 300-strong team at the 星火驿站 and its library of 23 service projects
claimed by in-service party members (seed article 1), 新源's party-member volunteer station and
in-service members reporting in (seed article 2) — with a year of service records, verified mostly,
some waiting; star levels, points and a few exchanges; duties of the coming weeks."""

import datetime as dt
import random

from django.utils import timezone

from linli.party.models import ReportIn
from linli.people import free_time
from linli.people.models import Resident, Talent
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role
from linli.volunteering.models import (
    Claim,
    ClaimUpdate,
    Duty,
    DutySignup,
    Invitation,
    PointEntry,
    Project,
    Reward,
    ServiceKind,
    ServiceRecord,
    Team,
    TeamMember,
    TimeBank,
    Volunteer,
)
from linli.volunteering.totals import recompute_totals

SIZE = {"xianhu": 300, "xinyuan": 150}
TEAMS = {
    "xianhu": [
        ("星火驿站志愿服务队", "党群志愿服务"),
        ("党员志愿服务队", "党员志愿服务"),
        ("平安巡逻队", "平安巡逻"),
        ("新市民融入服务队", "关爱帮扶"),
    ],
    "xinyuan": [
        ("辰光小区党员志愿者服务站", "党员志愿服务"),
        ("红色便民服务队", "便民服务"),
        ("“独居不孤独”关爱队", "关爱帮扶"),
        ("社区文艺队", "文体活动"),
    ],
}
WORK = [
    ("星火驿站值守", "星火驿站", "convenience"),
    ("义剪", "星火驿站", "convenience"),
    ("义诊协助", "党群服务中心", "health"),
    ("独居老人探访", "", "care"),
    ("环境整治", "小区公共区域", "environment"),
    ("垃圾分类督导", "垃圾投放点", "environment"),
    ("文明劝导", "小区门口", "civility"),
    ("平安巡逻", "小区", "patrol"),
    ("政策宣传", "星火驿站", "policy"),
    ("四点半课堂辅导", "社区学院", "tutoring"),
    ("小区议事会记录", "星火驿站", "mediation"),
    ("邻里纠纷调解协助", "调解室", "mediation"),
    ("文艺演出", "社区广场", "culture"),
    ("帮独居老人代购", "", "care"),
    ("上门帮助认证养老金", "", "convenience"),
]
PATTERNS = [
    free_time.WEEKEND & sum(free_time.bit(d, 0) for d in range(7)),  # weekend mornings
    sum(free_time.bit(d, 2) for d in range(5)),  # weekday evenings
    free_time.ALL & ~sum(free_time.bit(d, 2) for d in range(7)),  # retired: days, not evenings
    free_time.WEEKEND,
    free_time.bit(2, 1) | free_time.bit(5, 0) | free_time.bit(5, 1),
]
EXTRA_SKILLS = ["陪护", "水电维修", "电脑", "心理疏导", "驾驶", "急救", "手工", "宣传写作", "垃圾分类", "唱歌"]
WORKPLACES = [
    ("南海区教育局", "南海区教育局机关党支部"),
    ("南海区税务局", "南海区税务局第二党支部"),
    ("南海区人民医院", "南海区人民医院内科党支部"),
    ("丹灶镇供电所", "丹灶镇供电所党支部"),
    ("佛山市中级人民法院", "佛山市中院民一庭党支部"),
    ("南海区城管局", "南海区城管局执法一中队党支部"),
    ("丹灶中心小学", "丹灶中心小学党支部"),
    ("南海农商银行丹灶支行", "南海农商银行丹灶支行党支部"),
]
PROJECTS_XIANHU = [
    ("星火驿站周末值守", "每周六、日上午在星火驿站接待居民、收集民意、登记需求", "小区居民", "convenience", "", 4),
    ("独居老人结对关爱", "与独居老人结对，每周至少电话问候一次、每月上门一次", "独居老人、高龄老人", "care", "陪护", 6),
    ("每月义剪", "每月第一个周六在星火驿站为老人、残疾人免费理发", "老人、残疾人", "convenience", "理发", 3),
    ("社区义诊", "每季度组织一次义诊，量血压、测血糖、用药咨询", "全体居民", "health", "医疗、中医推拿", 3),
    ("四点半课堂", "工作日放学后为双职工家庭孩子辅导作业", "双职工家庭子女", "tutoring", "辅导", 5),
    ("新市民融入引导", "帮助新入住居民办理居住证、熟悉社区服务", "新市民", "care", "", 4),
    ("垃圾分类督导", "早晚投放高峰在投放点督导、宣传垃圾分类", "小区居民", "environment", "垃圾分类", 6),
    ("楼道微改造", "清理楼道杂物、刷新墙面、加装扶手", "老旧楼栋居民", "environment", "水电维修", 3),
    ("小区议事会记录员", "为小区议事会做会议记录、整理议事结果", "小区议事会", "mediation", "宣传写作", 2),
    ("法律咨询进驿站", "每月一次在星火驿站提供免费法律咨询", "全体居民", "policy", "法律咨询", 2),
    ("心理疏导热线", "为有需要的居民提供心理疏导、情绪支持", "有心理需求的居民", "care", "心理咨询、心理疏导", 2),
    ("智能手机教学", "教老人用智能手机：视频通话、扫码、网上缴费", "老人", "tutoring", "电脑", 4),
    ("平安夜巡", "每周两晚在小区巡逻，检查消防通道和电动车充电", "小区居民", "patrol", "", 6),
    ("家电小修", "每月一次为居民免费检修小家电", "全体居民", "convenience", "家电维修、水电维修", 3),
    ("文明养犬劝导", "劝导拴绳遛狗、清理犬只粪便", "小区居民", "civility", "", 4),
    ("社区学院书法班助教", "协助书法老师上课、准备教具", "书法班学员", "culture", "书法", 2),
    ("广场舞队伍带教", "带领广场舞队伍排练，参加社区文艺演出", "文艺爱好者", "culture", "舞蹈", 2),
    ("防诈骗宣传", "进楼栋、进驿站宣传防电信诈骗", "老人", "policy", "宣传写作", 4),
    ("困难家庭帮扶", "结对困难家庭，帮助申请救助、代办事务", "低保、困难家庭", "care", "", 4),
    ("应急救护培训", "组织居民学习心肺复苏、止血包扎", "全体居民", "health", "急救", 2),
    ("节日活动策划", "策划端午、中秋、重阳节社区活动", "全体居民", "culture", "", 3),
    ("社区摄影记录", "为社区活动拍照、整理宣传素材", "社区", "culture", "摄影", 2),
    ("残疾人助行", "陪同残疾居民就医、出行", "残疾居民", "care", "驾驶、陪护", 3),
]
PROJECTS_XINYUAN = [
    ("红色便民百宝屋值守", "每天轮流在百宝屋值守，借还物品、登记需求", "小区居民", "convenience", "", 6),
    ("“独居不孤独”探访", "每周上门或电话探访独居老人", "独居老人", "care", "陪护", 8),
    ("“有爱无碍”助残", "陪同残疾人就医、出行、办事", "残疾居民", "care", "", 4),
    ("小灯塔暑期托管助教", "暑期托管班的作业辅导和活动组织", "双职工家庭子女", "tutoring", "辅导", 5),
    ("上门认证养老金", "为行动不便的老人上门办理养老金认证", "行动不便老人", "convenience", "电脑", 3),
    ("辰光小区车棚整治", "清理废旧自行车、规划停放", "辰光小区居民", "environment", "", 4),
    ("帮代买菜", "为行动不便老人代买菜、代缴费（委托资金记账）", "行动不便老人", "convenience", "", 4),
    ("烟感报警器安装", "为独居老人家中安装烟感报警器", "独居老人", "patrol", "水电维修", 3),
]
REWARDS = [
    ("免费理发一次", 30, "星火驿站义剪时使用"),
    ("家电小修一次", 50, ""),
    ("米或油一份", 100, "每季度兑换一次"),
    ("社区学院课程一门", 80, ""),
]


def _when(rng: random.Random, day: dt.date) -> tuple[dt.datetime, int]:
    hour = rng.choice([8, 9, 9, 10, 14, 15, 19])
    minutes = rng.choice([60, 90, 120, 120, 150, 180, 240])
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.choice([0, 30]))))
    return start, minutes


def _account(username: str, display: str):
    from linli.tenancy.demo import demo_user  # the demo's one way to make an account

    return demo_user(username, display)


def seed(community, *, rng: random.Random, staff_user=None) -> int:
    if Volunteer.objects.in_community(community).exists():
        return 0
    today = timezone.localdate()
    TimeBank.objects.create(community=community, points_per_hour=10)
    rewards = [Reward.objects.create(community=community, name=n, points=p, note=note) for n, p, note in REWARDS]
    teams = [Team.objects.create(community=community, name=n, kind=k) for n, k in TEAMS[community.code]]

    # -- volunteers: residents with talents first, then other adults --------------------------
    talents: dict[int, list[str]] = {}
    for resident_id, skill in (
        Talent.objects.in_community(community).filter(willing_to_serve=True).values_list("resident_id", "skill")
    ):
        talents.setdefault(resident_id, []).append(skill)
    adults = list(
        Resident.objects.in_community(community)
        .filter(status="active", dwelling__isnull=False, birth_date__lt=today - dt.timedelta(days=365 * 18))
        .values_list(
            "pk",
            "name",
            "dwelling__building_id",
            "dwelling__building__compound_id",
            "dwelling__building__grid_id",
            "free_time",
            "user_id",
        )
        .order_by("pk")
    )
    demo_resident = next((a for a in adults if a[6] is not None), None)
    leader_resident = next(a for a in adults if a[6] is None)  # the demo team leader's record
    adults = [a for a in adults if a is not leader_resident]
    chosen = [a for a in adults if a[0] in talents]
    others = [a for a in adults if a[0] not in talents]
    rng.shuffle(others)
    chosen = (chosen + others)[: min(SIZE.get(community.code, 100), len(adults) // 2)]
    if demo_resident and demo_resident not in chosen:
        chosen[-1] = demo_resident
    volunteers = []
    for pk, name, building, compound, grid, free_text, user_id in chosen:
        skills = talents.get(pk, []) + (rng.sample(EXTRA_SKILLS, rng.randint(0, 2)))
        volunteers.append(
            Volunteer(
                community=community,
                resident_id=pk,
                user_id=user_id,
                name=name,
                building_id=building,
                compound_id=compound,
                grid_id=grid,
                skills=list(dict.fromkeys(skills)),
                free_slots=free_time.from_text(free_text) or rng.choice(PATTERNS),
                kinds=rng.sample(ServiceKind.values, rng.randint(1, 3)),
                joined_on=today - dt.timedelta(days=rng.randint(30, 365 * 5)),
                carried_minutes=0 if user_id else rng.choice([0] * 8 + [rng.randint(50, 1600) * 60]),  # paper records
                created_by=staff_user,
            )
        )
    Volunteer.objects.bulk_create(volunteers)
    volunteers = list(Volunteer.objects.in_community(community).order_by("pk"))

    # The demo volunteer account leads the party-member team; he is a resident too.
    leader_user = _account(f"{community.code}.volunteer", f"{community.name}志愿者队长")
    Resident.objects.in_community(community).filter(pk=leader_resident[0]).update(user=leader_user)
    Membership.objects.get_or_create(user=leader_user, role=Role.VOLUNTEER, community=community)
    leader = Volunteer.objects.create(
        community=community,
        resident_id=leader_resident[0],
        user=leader_user,
        name=leader_resident[1],
        building_id=leader_resident[2],
        compound_id=leader_resident[3],
        grid_id=leader_resident[4],
        skills=["组织协调", "宣传写作"],
        free_slots=free_time.WEEKEND | PATTERNS[1],
        kinds=["care", "environment"],
        joined_on=today - dt.timedelta(days=900),
        carried_minutes=420 * 60,
        created_by=staff_user,
    )
    volunteers.append(leader)
    members = [TeamMember(community=community, team=teams[1], volunteer=leader)]
    for volunteer in volunteers[:-1]:
        for team in rng.sample(teams, rng.choice([0, 1, 1, 1, 2])):
            members.append(TeamMember(community=community, team=team, volunteer=volunteer))
    TeamMember.objects.bulk_create(members, ignore_conflicts=True)
    for i, team in enumerate(teams):
        team.leader = leader if i == 1 else next(m.volunteer for m in members if m.team_id == team.pk)
        team.save(update_fields=["leader"])
    team_of: dict[int, list[int]] = {}
    for m in members:
        team_of.setdefault(m.volunteer_id, []).append(m.team_id)

    # -- in-service party members reporting in ----------------------------------------------------
    in_service = _report_ins(community, rng, today, staff_user)
    volunteers += in_service

    # -- a year of service records, and the ledger of points -----------------------------------
    records = []
    for volunteer in volunteers:
        active = volunteer.in_service or rng.random() < 0.85
        count = rng.randint(3, 10) if volunteer.in_service else rng.choice([2, 5, 8, 12, 20, 30, 45]) if active else 0
        if volunteer is leader:
            count = 40
        elif volunteer.user_id and not volunteer.in_service:
            count = 25  # the demo resident: a busy year, a few hours still waiting
        days = sorted(rng.sample(range(1, 365), min(count, 300)))
        for back in days:
            day = today - dt.timedelta(days=back)
            start, minutes = _when(rng, day)
            title, place, _kind = rng.choice(WORK)
            recent = back <= 14
            status = "pending" if recent and rng.random() < 0.6 else "rejected" if rng.random() < 0.02 else "verified"
            if volunteer.user_id and back <= 10:
                status = "pending"
            source = rng.choice(["self", "duty"]) if status == "pending" else rng.choice(["self", "group", "staff"])
            team_ids = team_of.get(volunteer.pk) or [None]
            records.append(
                ServiceRecord(
                    community=community,
                    volunteer=volunteer,
                    team_id=rng.choice(team_ids) if rng.random() < 0.6 else None,
                    title=title,
                    place=place,
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=minutes),
                    day=day,
                    minutes=minutes,
                    status=status,
                    source=source,
                    points=minutes * 10 // 60 if status == "verified" else 0,
                    logged_by=volunteer.user or staff_user,
                    logged_at=start + dt.timedelta(hours=rng.randint(3, 30)),
                    verified_by=staff_user if status != "pending" else None,
                    verified_at=start + dt.timedelta(days=rng.randint(1, 5)) if status != "pending" else None,
                    reject_reason="当天没有这项活动，请核对日期" if status == "rejected" else "",
                )
            )
    ServiceRecord.objects.bulk_create(records, batch_size=2000)
    earned = [
        PointEntry(
            community=community,
            volunteer_id=r.volunteer_id,
            kind="earn",
            points=r.points,
            record=r,
            at=r.verified_at,
            by=staff_user,
        )
        for r in ServiceRecord.objects.in_community(community)
        .filter(status="verified")
        .only("pk", "volunteer_id", "points", "verified_at")
    ]
    PointEntry.objects.bulk_create(earned, batch_size=2000)
    balance: dict[int, int] = {}
    for entry in earned:
        balance[entry.volunteer_id] = balance.get(entry.volunteer_id, 0) + entry.points
    spends = []
    for volunteer_id, have in balance.items():
        if have >= 100 and rng.random() < 0.3:
            reward = rng.choice([r for r in rewards if r.points <= have])
            spends.append(
                PointEntry(
                    community=community,
                    volunteer_id=volunteer_id,
                    kind="spend",
                    points=-reward.points,
                    reward=reward,
                    by=staff_user,
                    at=timezone.now() - dt.timedelta(days=rng.randint(1, 120)),
                )
            )
    PointEntry.objects.bulk_create(spends)
    recompute_totals([community.pk])

    _projects(community, rng, today, staff_user, in_service, teams)
    _duties(community, rng, today, staff_user, volunteers)
    return len(records)


def _report_ins(community, rng, today, staff_user) -> list[Volunteer]:
    """About 40 confirmed members (a demo account among them), a few waiting, one declined."""
    from linli.party import services as party

    names = [
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
    compounds = list(community_compounds(community))
    rows = []
    for i, name in enumerate(names):
        workplace, org = WORKPLACES[i % len(WORKPLACES)]
        status = "pending" if i >= len(names) - 4 else "declined" if i == len(names) - 5 else "confirmed"
        rows.append(
            ReportIn(
                community=community,
                name=name,
                workplace=workplace,
                own_org=org,
                compound_id=rng.choice(compounds) if compounds and rng.random() < 0.7 else None,
                skills=rng.sample(
                    ["法律咨询", "医疗", "电脑", "书法", "心理咨询", "驾驶", "辅导", "宣传写作", "摄影", "急救"], 2
                ),
                free_slots=rng.choice(PATTERNS),
                kinds=rng.sample(ServiceKind.values, 2),
                commitment_hours=rng.choice([12, 12, 16, 20, 24]),
                status=status,
                submitted_at=timezone.now()
                - dt.timedelta(days=rng.randint(1, 20) if status == "pending" else rng.randint(60, 700)),
                decided_by=staff_user if status != "pending" else None,
                decided_at=timezone.now() - dt.timedelta(days=rng.randint(30, 60)) if status != "pending" else None,
                decline_reason="不在本社区居住，请向居住地社区报到" if status == "declined" else "",
            )
        )
    ReportIn.objects.bulk_create(rows)
    confirmed = list(ReportIn.objects.in_community(community).filter(status="confirmed").order_by("pk"))
    made = Volunteer.objects.bulk_create(
        [
            Volunteer(
                community=community,
                name=r.name,
                compound_id=r.compound_id,
                skills=r.skills,
                free_slots=r.free_slots,
                kinds=r.kinds,
                in_service=True,
                workplace=r.workplace,
                joined_on=r.decided_at.date(),
                created_by=staff_user,
            )
            for r in confirmed
        ]
    )
    for row, volunteer in zip(confirmed, made, strict=True):
        row.volunteer = volunteer
    ReportIn.objects.in_community(community).bulk_update(confirmed, ["volunteer"])
    # The demo member account reports in and is confirmed through the real steps.
    user = _account(f"{community.code}.member", f"{community.name}在职党员")
    row = party.report_in(
        actor=user,
        data=party.ReportInInput(
            community_code=community.code,
            name="王建军",
            workplace="南海区教育局",
            own_org="南海区教育局机关党支部",
            skills="电脑、辅导",
            free_slots=free_time.WEEKEND | PATTERNS[1],
            kinds=["tutoring", "policy"],
            commitment_hours=20,
        ),
    )
    row = party.report_in_confirm(actor=staff_user, row=row)
    Volunteer.objects.in_community(community).filter(pk=row.volunteer_id).update(
        joined_on=today - dt.timedelta(days=300)
    )
    return list(made) + [Volunteer.objects.in_community(community).get(pk=row.volunteer_id)]


def community_compounds(community):
    from linli.places.models import Compound

    return Compound.objects.in_community(community).values_list("pk", flat=True)


def _projects(community, rng, today, staff_user, in_service, teams) -> None:
    library = PROJECTS_XIANHU if community.code == "xianhu" else PROJECTS_XINYUAN
    posted = timezone.now() - dt.timedelta(days=200)
    projects = []
    for number, (title, need, beneficiaries, kind, skills, cap) in enumerate(library, start=1):
        projects.append(
            Project(
                community=community,
                number=number,
                title=title,
                need=need,
                beneficiaries=beneficiaries,
                kind=kind,
                skills=[s for s in skills.split("、") if s],
                starts_on=today - dt.timedelta(days=200),
                ends_on=today + dt.timedelta(days=165),
                capacity=cap,
                posted_by=staff_user,
                posted_at=posted + dt.timedelta(days=number),
            )
        )
    Project.objects.bulk_create(projects)
    projects = list(Project.objects.in_community(community).order_by("number"))
    members = [v for v in in_service if v.user_id is None]
    demo_member = next(v for v in in_service if v.user_id is not None)
    claims = []
    for i, project in enumerate(projects):
        if i % 4 == 3:
            continue  # some wait for a claimant
        claimants = rng.sample(members, min(len(members), rng.randint(1, project.capacity)))
        for volunteer in claimants:
            claims.append(
                Claim(
                    community=community,
                    project=project,
                    volunteer=volunteer,
                    claimed_by=volunteer.user,
                    claimed_at=project.posted_at + dt.timedelta(days=rng.randint(1, 30)),
                    plan="每月至少服务一次",
                )
            )
        if i % 5 == 0 and len(claimants) < project.capacity:
            claims.append(
                Claim(
                    community=community,
                    project=project,
                    team=rng.choice(teams),
                    claimed_by=staff_user,
                    claimed_at=project.posted_at + dt.timedelta(days=5),
                    plan="队伍轮流服务",
                )
            )
    # The demo member has claimed one project (with room left) and been invited to another.
    target = next(p for p in projects if p.number == 5)
    if not any(c.project_id == target.pk and c.volunteer_id == demo_member.pk for c in claims):
        taken = sum(1 for c in claims if c.project_id == target.pk)
        if taken < target.capacity:
            claims.append(
                Claim(
                    community=community,
                    project=target,
                    volunteer=demo_member,
                    claimed_by_id=demo_member.user_id,
                    plan="每周二晚上辅导作业",
                )
            )
    Claim.objects.bulk_create(claims)
    counts: dict[int, int] = {}
    for claim in claims:
        counts[claim.project_id] = counts.get(claim.project_id, 0) + 1
    updates = []
    for project in projects:
        project.claim_count = counts.get(project.pk, 0)
        if project.claim_count and project.number % 6 == 1:
            project.status, project.rating = "done", rng.choice([4, 5, 5])
            project.evaluation = "服务扎实，居民反映好"
            project.evaluated_by, project.evaluated_at = staff_user, timezone.now() - dt.timedelta(days=20)
    Project.objects.in_community(community).bulk_update(
        projects, ["claim_count", "status", "rating", "evaluation", "evaluated_by", "evaluated_at"]
    )
    for claim in Claim.objects.in_community(community).select_related("project"):
        for k in range(rng.randint(0, 3)):
            updates.append(
                ClaimUpdate(
                    community=community,
                    claim=claim,
                    by=claim.claimed_by,
                    at=claim.claimed_at + dt.timedelta(days=20 * (k + 1)),
                    text=rng.choice(
                        [
                            "已按计划开展服务，居民很满意",
                            "本月服务两次，记录已登记",
                            "联系了服务对象，约好下周上门",
                            "活动顺利完成",
                        ]
                    ),
                )
            )
    ClaimUpdate.objects.bulk_create(updates)
    other = next((p for p in projects if p.number == 12 and p.claim_count < (p.capacity or 99)), None)
    if other is not None:
        Invitation.objects.create(
            community=community,
            volunteer=demo_member,
            project=other,
            sent_by=staff_user,
            message="您会电脑，想请您教老人用智能手机",
        )


def _duties(community, rng, today, staff_user, volunteers) -> None:
    plans = [
        ("重阳节义剪", "星火驿站", ["理发"], 2, 9, 3, 4),
        ("周末环境整治", "小区公共区域", [], 3, 8, 2, 8),
        ("防诈骗宣传进楼栋", "各楼栋", ["宣传写作"], 5, 19, 2, 4),
        ("社区义诊", "党群服务中心", ["医疗"], 8, 9, 3, 5),
        ("文明劝导值守", "小区门口", [], 1, 17, 2, 3),
    ]
    duties = []
    for title, place, skills, days, hour, hours, needed in plans:
        start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour)))
        duties.append(
            Duty.objects.create(
                community=community,
                title=title,
                place=place,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=hours),
                skills=skills,
                slots=needed,
                created_by=staff_user,
            )
        )
    resident = next((v for v in volunteers if v.user_id and not v.in_service and v.resident_id), None)
    pool = [v for v in volunteers if not v.in_service and v is not resident]
    for duty in duties:
        for volunteer in rng.sample(pool, rng.randint(0, duty.slots - 1)):
            DutySignup.objects.create(community=community, duty=duty, volunteer=volunteer)
            Duty.objects.in_community(community).filter(pk=duty.pk).update(signed=duty.signups.count())
    if resident is not None:
        Invitation.objects.create(
            community=community,
            volunteer=resident,
            duty=duties[0],
            sent_by=staff_user,
            message="您住得近，周末上午有空，想请您来帮忙",
        )
