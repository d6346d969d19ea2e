"""A year of believable cases for the demo communities, the awning dispute mediated in 仙湖 (seed
article 1), the "three keys open one lock" joint handling of 新源's 辰光小区 (seed article 2), and
compound deliberation meetings. `generate_cases` (the benchmark) uses the same text generator."""

import datetime as dt
import random
import uuid

from django.utils import timezone

from linli.cases.models import (
    Case,
    CaseEvent,
    Category,
    Channel,
    JointParty,
    MediationAgreement,
    Status,
)
from linli.core.identity import mask_phone
from linli.people.models import Resident
from linli.places.models import Building
from linli.tenancy.models import PartnerOrg

# name, code, kind, handler ("staff" | a PartnerOrg kind), hours, public, keywords, problems, wishes
CATEGORIES = [
    (
        "设施维修",
        "repair",
        "ordinary",
        "property",
        48,
        True,
        "漏水,渗水,电梯,路灯,门禁,水管,坏了,维修",
        [
            "楼道灯坏了好几天，晚上很黑",
            "电梯经常停在半层，困过人",
            "天花板漏水，墙皮都泡起来了",
            "门禁坏了，外人随便进出",
            "楼顶渗水，下雨就漏到家里",
            "单元门闭门器坏了，门一直开着",
            "消防栓箱门掉了",
            "小区路灯一排都不亮",
        ],
        ["希望物业尽快派人修", "家里有老人，出行不安全", "已经跟物业说过两次了", "请尽快处理"],
    ),
    (
        "环境卫生",
        "env",
        "ordinary",
        "property",
        48,
        True,
        "垃圾,卫生,杂物,小广告,臭,清理,蚊虫",
        [
            "垃圾桶满了两天没人清",
            "楼道堆满杂物，挡住了消防通道",
            "墙上贴满小广告",
            "垃圾站气味很大，夏天更臭",
            "绿化带里有很多垃圾",
            "化粪池冒水，味道很大",
            "楼下蚊虫很多，希望消杀",
        ],
        ["影响居民生活", "请安排清理", "希望加强日常保洁", "孩子们经常在这里玩"],
    ),
    (
        "绿化养护",
        "green",
        "ordinary",
        "property",
        120,
        True,
        "树,草,绿化,修剪,树枝,草坪",
        ["树枝长到窗户边，挡光还招虫", "草坪很久没修剪，草比人高", "大树被风吹歪了，怕砸到人", "绿化带被人种了菜"],
        ["请安排修剪", "担心安全", "希望恢复绿化"],
    ),
    (
        "停车管理",
        "parking",
        "ordinary",
        "property",
        72,
        True,
        "停车,车位,占道,电动车,充电,车库",
        [
            "有车长期占用消防通道",
            "电动车在楼道里充电，很危险",
            "地下车库积水，车开不进去",
            "外来车辆占用业主车位",
            "希望增设电动车充电桩",
        ],
        ["请物业管一管", "已经好几次了", "存在安全隐患"],
    ),
    (
        "噪音扰民",
        "noise",
        "ordinary",
        "staff",
        48,
        True,
        "噪音,吵,装修,广场舞,扰民",
        ["楼上装修中午和晚上都在打电钻", "晚上广场舞音响声音太大", "楼下商铺夜里搬货很吵", "邻居家狗整夜叫"],
        ["影响老人和孩子休息", "希望社区协调一下", "已经沟通过但没有改善"],
    ),
    (
        "公共设施",
        "facility",
        "ordinary",
        "staff",
        168,
        True,
        "健身器材,座椅,无障碍,坡道,设施",
        ["健身器材坏了，有尖角", "小区里没有休息的座椅", "单元门口没有无障碍坡道，轮椅进不去", "儿童游乐设施松动"],
        ["希望社区协调更换", "老人很需要", "请尽快处理以免伤人"],
    ),
    (
        "物业服务",
        "property-service",
        "ordinary",
        "hoa",
        120,
        True,
        "物业费,物业服务,公示,维修基金,物业",
        ["物业费收支没有公示", "物业保安经常不在岗", "公共维修基金使用不透明", "物业答应的事情一直没办"],
        ["请业委会监督", "希望开会说明", "业主意见很大"],
    ),
    (
        "政策咨询",
        "policy",
        "ordinary",
        "staff",
        72,
        False,
        "咨询,办理,政策,证明,社保,医保,补贴",
        [
            "想咨询高龄津贴怎么申请",
            "孩子上学需要开居住证明",
            "新市民怎么办理积分入学",
            "医保异地备案怎么办",
            "残疾人补贴去哪里申请",
        ],
        ["谢谢", "请告知需要带什么材料", "不会用手机办理"],
    ),
    (
        "治安消防",
        "safety",
        "ordinary",
        "staff",
        24,
        True,
        "消防,安全,隐患,可疑,盗窃,火",
        ["楼道里堆放了煤气罐", "有陌生人在小区里挨家敲门推销", "车棚电线老化，有火花", "单车被偷了好几辆"],
        ["存在安全隐患", "请尽快处理", "希望加强巡逻"],
    ),
    (
        "邻里纠纷",
        "dispute",
        "mediation",
        "staff",
        168,
        False,
        "纠纷,矛盾,吵架,邻居,雨棚,漏水到楼下",
        [
            "楼上楼下因为漏水赔偿吵起来了",
            "邻居在公共走廊堆放东西，双方起了争执",
            "两户因为雨棚滴水的事闹矛盾",
            "邻居家空调外机对着我家窗户",
        ],
        ["希望社区帮忙调解", "双方都很生气", "已经闹了很久"],
    ),
]
EXTRA_ORGS = {
    "xianhu": [("仙湖花园党支部", PartnerOrg.Kind.PARTY_BRANCH), ("丹灶镇城管办", PartnerOrg.Kind.DEPARTMENT)],
    "xinyuan": [("辰光小区党支部", PartnerOrg.Kind.PARTY_BRANCH), ("矿区城管局蔡洼中队", PartnerOrg.Kind.DEPARTMENT)],
}
CHANNEL_WEIGHTS = [
    (Channel.GRID, 30),
    (Channel.SELF, 20),
    (Channel.STATION, 15),
    (Channel.BUILDING_HEAD, 12),
    (Channel.STAFF, 10),
    (Channel.HOTLINE, 10),
    (Channel.OPEN311, 3),
]
RESOLUTIONS = [
    "已派人现场处理，问题已解决",
    "已维修完毕，经回访居民认可",
    "已协调相关单位处理完成",
    "已清理干净，并加强日常巡查",
    "已更换新设备",
    "已上门沟通，双方达成一致",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def case_text(rng: random.Random, category: tuple, place: str) -> tuple[str, str]:
    problem = rng.choice(category[7])
    wish = rng.choice(category[8])
    description = f"{place}{problem}，{wish}。"
    return problem[:30], description


def categories_for(community) -> dict[str, Category]:
    """The demo categories of a community (created once), by code."""
    orgs = {o.kind: o for o in PartnerOrg.objects.in_community(community)}
    for name, kind in EXTRA_ORGS.get(community.code, []):
        org, _ = PartnerOrg.objects.in_community(community).get_or_create(
            community=community, name=name, defaults={"kind": kind}
        )
        orgs[kind] = org
    result = {}
    for order, (name, code, kind, handler, hours, public, keywords, _p, _w) in enumerate(CATEGORIES):
        org = orgs.get(handler) if handler != "staff" else None
        category, _ = Category.objects.in_community(community).get_or_create(
            community=community,
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "handler": "partner" if org else "staff",
                "handler_org": org,
                "sla_hours": hours,
                "public": public,
                "keywords": keywords,
                "order": order * 10,
            },
        )
        result[code] = category
    return result


def _users(community) -> dict:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(memberships__community=community, memberships__is_active=True)
    by_name = {u.username.split(".", 1)[-1]: u for u in users}
    return by_name


def seed(community, *, rng: random.Random, cases_per_year: int = 1000) -> int:
    """A year of cases ending today. Returns the number of cases written. Runs once per community."""
    if Case.objects.in_community(community).exists():
        return 0
    categories = categories_for(community)
    users = _users(community)
    staff = [u for key, u in users.items() if key in ("secretary", "worker", "grid1", "grid2")] or [None]
    buildings = list(Building.objects.in_community(community).select_related("compound", "grid"))
    now = timezone.now()
    cases = []
    specs = {c[1]: c for c in CATEGORIES}
    weights = [4, 3, 1, 2, 2, 1, 1, 2, 1, 1]
    numbers: dict[int, int] = {}
    # Residents filing for themselves: registered residents of the building (the demo resident's
    # account now and then, so that his page has cases to follow).
    by_building: dict[int, list[tuple[int, str]]] = {}
    for pk, name, building_id in (
        Resident.objects.in_community(community)
        .filter(status=Resident.Status.ACTIVE, dwelling__isnull=False)
        .values_list("pk", "name", "dwelling__building_id")
    ):
        by_building.setdefault(building_id, []).append((pk, name))
    me = users.get("resident")
    my_record = Resident.objects.in_community(community).filter(user=me).first() if me else None
    for i in range(cases_per_year):
        code = rng.choices(list(specs), weights=weights)[0]
        spec, category = specs[code], categories[code]
        building = rng.choice(buildings)
        place = rng.choice(
            [f"{building.compound.name}{building.name}", f"{building.compound.name}", f"{building.name}楼下"]
        )
        title, description = case_text(rng, spec, place)
        created = now - dt.timedelta(
            days=365 * (1 - (i + rng.random()) / cases_per_year) ** 1.0, hours=rng.random() * 5
        )
        age = (now - created).total_seconds() / 86400
        channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], weights=[w for _, w in CHANNEL_WEIGHTS])[0]
        y = timezone.localtime(created).year
        numbers[y] = numbers.get(y, 0) + 1
        case = Case(
            community=community,
            uid=uuid.uuid4(),
            number=f"{y}{numbers[y]:06d}",
            category=category,
            kind=category.kind,
            title=title,
            description=description,
            channel=channel,
            urgency=rng.choices(["normal", "urgent", "critical"], weights=[85, 13, 2])[0],
            compound=building.compound,
            building=building,
            contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", GIVEN[0]]),
            created_by=rng.choice(staff) if channel != Channel.SELF else None,
            public=category.public and category.kind == "ordinary",
            created_at=created,
            updated_at=created,
        )
        if channel == Channel.SELF:
            if my_record is not None and rng.random() < 0.05:
                case.reporter, case.reporter_user, case.created_by = my_record, me, me
                case.contact_name = my_record.name
            elif by_building.get(building.pk):
                case.reporter_id, case.contact_name = rng.choice(by_building[building.pk])
        case.set_deadline(created + dt.timedelta(hours=category.sla_hours), start=created)
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        case.contact_phone_masked = mask_phone(phone)
        case._phone = phone
        steps = [(CaseEvent.Kind.SUBMITTED, created, case.created_by, case.get_channel_display())]
        # Cases younger than their time allowed are mostly still open; a few older ones are late.
        still_open = (age < category.sla_hours / 24 and rng.random() < 0.7) or rng.random() < 0.015
        fate = rng.random()
        handler = category.handler_org
        worker = rng.choice(staff)
        t = created + dt.timedelta(hours=rng.uniform(0.5, 6))
        if (age < 1 and fate < 0.5) or i >= cases_per_year - 4:
            case.status = Status.SUBMITTED
        elif fate < 0.04:
            case.status, case.closed_at = Status.REJECTED, t
            steps.append((CaseEvent.Kind.REJECTED, t, worker, "不属于社区职责，已告知反映人向12345热线反映"))
        else:
            steps.append((CaseEvent.Kind.ACCEPTED, t, worker, ""))
            case.handler_org = handler
            if handler:
                steps.append((CaseEvent.Kind.ASSIGNED, t, worker, str(handler)))
            if still_open:
                case.status = Status.ASSIGNED if handler else Status.ACCEPTED
                if rng.random() < 0.6:
                    case.status = Status.IN_PROGRESS
                    case.assignee = users.get("property") if handler and handler.kind == "property" else worker
                    t2 = t + dt.timedelta(hours=rng.uniform(1, 20))
                    if t2 < now:
                        steps.append((CaseEvent.Kind.CLAIMED, t2, case.assignee, ""))
                        steps.append(
                            (
                                CaseEvent.Kind.PROGRESS,
                                t2 + dt.timedelta(minutes=30),
                                case.assignee,
                                "已到现场查看，正在安排处理",
                            )
                        )
            else:
                hours = rng.uniform(2, category.sla_hours * (1.4 if rng.random() < 0.12 else 0.9))
                resolved = min(t + dt.timedelta(hours=hours), now - dt.timedelta(hours=1))
                case.assignee = users.get("property") if handler and handler.kind == "property" else worker
                steps.append((CaseEvent.Kind.CLAIMED, t + dt.timedelta(minutes=20), case.assignee, ""))
                steps.append((CaseEvent.Kind.RESOLVED, resolved, case.assignee, rng.choice(RESOLUTIONS)))
                case.resolved_at = resolved
                if age < 7 and rng.random() < 0.6:
                    case.status = Status.RESOLVED
                else:
                    closed = resolved + dt.timedelta(hours=rng.uniform(2, 48))
                    score = rng.choices([5, 4, 3, 2], weights=[62, 28, 7, 3])[0]
                    case.status, case.closed_at, case.satisfaction = Status.CLOSED, min(closed, now), score
                    steps.append((CaseEvent.Kind.CONFIRMED, case.closed_at, None, "满意" if score >= 4 else "基本满意"))
        if case.due_at < now and case.status in (
            Status.SUBMITTED,
            Status.ACCEPTED,
            Status.ASSIGNED,
            Status.IN_PROGRESS,
        ):
            case.overdue_at = case.due_at + dt.timedelta(minutes=5)
            steps.append((CaseEvent.Kind.OVERDUE, case.overdue_at, None, "已超过办理期限，已上报社区书记"))
        case.updated_at = max(s[1] for s in steps)
        cases.append((case, steps))
    _write(community, cases)
    _story(community, categories, users, rng)
    return len(cases)


def _write(community, cases) -> None:
    from linli.core import crypto

    rows = []
    for case, _steps in cases:
        case.contact_phone_enc = crypto.encrypt(
            case._phone, table="cases_case", column="contact_phone", row=str(case.uid)
        )
        rows.append(case)
    Case.objects.bulk_create(rows, batch_size=500)
    events = [
        CaseEvent(
            community=community,
            case=case,
            kind=kind,
            actor=actor,
            note=note,
            at=at,
            internal=kind in (CaseEvent.Kind.OVERDUE,),
            data={"satisfaction": case.satisfaction} if kind == "confirmed" else {},
        )
        for case, steps in cases
        for kind, at, actor, note in steps
    ]
    CaseEvent.objects.bulk_create(events, batch_size=1000)


def _file(community, users, category, building, description, *, created, channel=Channel.STAFF, title=""):
    from linli.cases import services

    case, _ = services.case_file(
        actor=users["worker"],
        community=community,
        channel=channel,
        data=services.CaseInput(category_id=category.pk, description=description, building_id=building.pk, title=title),
    )
    return case


def _backdate(case, created) -> None:
    """Move a case made through the services (its steps stamped now) back to when it happened:
    mediation sessions on their dates, the agreement on the day it was reached, the other steps
    shortly after the one before."""
    now = timezone.now()
    events = list(CaseEvent.objects.in_community(case.community_id).filter(case=case).order_by("pk"))
    agreement = MediationAgreement.objects.in_community(case.community_id).filter(case=case).first()
    at = created
    for event in events:
        if event.data.get("held_on"):
            target = timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(event.data["held_on"]), dt.time(10)))
        elif event.kind == CaseEvent.Kind.AGREEMENT and agreement is not None:
            target = timezone.make_aware(dt.datetime.combine(agreement.reached_on, dt.time(16)))
        elif event.kind in (CaseEvent.Kind.RESOLVED, CaseEvent.Kind.CONFIRMED):
            target = at + dt.timedelta(days=3)
        else:
            target = at + dt.timedelta(hours=1)
        at = min(max(target, at + dt.timedelta(minutes=10)), now - dt.timedelta(minutes=5))
        CaseEvent.objects.in_community(case.community_id).filter(pk=event.pk).update(at=at)
    case.refresh_from_db()
    shift = created - case.created_at
    fields = {"created_at": created, "updated_at": at, "due_at": case.due_at + shift, "warn_at": case.warn_at + shift}
    if case.closed_at:
        fields["closed_at"] = at
    if case.resolved_at:
        fields["resolved_at"] = min(at, at - dt.timedelta(days=3) if case.closed_at else at)
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(**fields)
    done = {
        e.data.get("party"): e.at
        for e in CaseEvent.objects.in_community(case.community_id).filter(
            case=case, kind=CaseEvent.Kind.COMMITMENT_DONE
        )
    }
    for party, when in done.items():
        JointParty.objects.in_community(case.community_id).filter(case=case, party=party).update(done_at=when)


def _story(community, categories, users, rng) -> None:
    """What the articles tell, as cases: 仙湖's awning dispute, 新源's three keys, and meetings."""
    from linli.cases import services

    if "worker" not in users:
        return
    worker, secretary = users["worker"], users.get("secretary", users["worker"])
    compound_building = Building.objects.in_community(community).select_related("compound").order_by("pk").first()
    today = timezone.localdate()
    if community.code == "xianhu":
        case = _file(
            community,
            users,
            categories["dispute"],
            compound_building,
            "5栋两户因为雨棚的问题误解很深：楼上加装的雨棚下雨时滴水到楼下阳台，楼下要求拆除，楼上不同意，双方多次争吵。",
            created=timezone.now() - dt.timedelta(days=150),
            title="两户因雨棚问题发生纠纷",
        )
        services.mediation_add_party(actor=worker, case=case, side="applicant", name="陈先生", address="5栋1单元201")
        services.mediation_add_party(actor=worker, case=case, side="respondent", name="何女士", address="5栋1单元301")
        for days, kind, notes in (
            (148, "session", "分别走访两户，听取各自诉求：楼下主要是滴水和噪音，楼上担心拆除后阳台进雨。"),
            (141, "session", "在星火驿站组织双方面谈，提出协调方案：改装雨棚外沿加装导水槽，费用双方分担。"),
        ):
            services.mediation_record(
                actor=worker,
                case=case,
                kind=kind,
                held_on=today - dt.timedelta(days=days),
                place="仙湖花园星火驿站",
                mediators="许庭杰（新市民委员）、社区社工",
                notes=notes,
            )
        services.mediation_agreement_save(
            actor=worker,
            case=case,
            dispute="何女士家加装的雨棚下雨时滴水至陈先生家阳台，双方因此多次争执。",
            terms="一、何女士在雨棚外沿加装导水槽，将雨水引至排水管。\n二、改装费用由双方各承担一半。\n三、双方今后如有问题先找社区沟通，不再争吵。",
            fulfilment="十五日内完成改装，社区负责回访",
            reached_on=today - dt.timedelta(days=140),
            mediators="许庭杰、社区社工",
            signed=True,
        )
        services.mediation_record(
            actor=worker,
            case=case,
            kind="follow_up",
            held_on=today - dt.timedelta(days=120),
            place="上门回访",
            mediators="许庭杰",
            notes="导水槽已装好，下雨不再滴水，两户关系缓和。",
        )
        services.case_resolve(actor=worker, case=case, note="双方达成调解协议并已履行，纠纷化解。")
        services.case_confirm(actor=secretary, case=case, satisfaction=5, comment="两户都表示满意")
        _backdate(case, timezone.now() - dt.timedelta(days=150))
    if community.code == "xinyuan":
        orgs = {o.kind: o for o in PartnerOrg.objects.in_community(community)}
        case = _file(
            community,
            users,
            categories["parking"],
            compound_building,
            "辰光小区地下车库一下雨就积水，排水泵坏了，物业说要用维修基金，业委会说要先公示，拖了一个多月。",
            created=timezone.now() - dt.timedelta(days=60),
            title="辰光小区地下车库积水",
        )
        services.joint_start(
            actor=secretary,
            case=case,
            note="三个钥匙开一把锁：党支部、业委会、物业三方联动",
            org_ids=[orgs["property"].pk, orgs["hoa"].pk, orgs["party_branch"].pk],
        )
        commitments = {
            "community": ("社区牵头协调，组织三方现场查看。", "组织业主代表现场查看并说明情况"),
            "property": ("同意先行垫付维修，提交报价单。", "十日内更换排水泵并清理车库"),
            "hoa": ("同意使用维修基金，按程序公示。", "三日内公示维修基金使用方案"),
            "party_branch": ("党员志愿者协助通知业主、维持秩序。", "组织党员志愿者入户说明"),
        }
        for party in JointParty.objects.in_community(community).filter(case=case):
            position, commitment = commitments[party.party]
            services.joint_position(
                actor=secretary,
                party=party,
                position=position,
                commitment=commitment,
                commitment_due=today - dt.timedelta(days=45),
            )
            services.joint_done(actor=secretary, party=party, note="已按承诺完成")
        services.case_progress(actor=secretary, case=case, note="排水泵已更换，车库已清理")
        services.case_resolve(actor=secretary, case=case, note="三方联动，排水泵更换完毕，雨天不再积水。")
        services.case_confirm(actor=secretary, case=case, satisfaction=5, comment="业主代表回访满意")
        _backdate(case, timezone.now() - dt.timedelta(days=60))
        # One still running, for the demo accounts to work on.
        live = _file(
            community,
            users,
            categories["property-service"],
            compound_building,
            "物业费收支两年没有公示，业主要求业委会和物业说明。",
            created=timezone.now(),
            title="物业费收支未公示",
        )
        services.joint_start(actor=secretary, case=live, org_ids=[orgs["property"].pk, orgs["hoa"].pk])
    _awaiting_the_resident(community, categories, users)
    _meetings(community, categories, users, rng)


def _awaiting_the_resident(community, categories, users) -> None:
    """The demo resident's own case, handled by the property company and waiting for his word."""
    from linli.cases import services

    resident, property_user = users.get("resident"), users.get("property")
    record = Resident.objects.in_community(community).filter(user=resident).select_related("dwelling").first()
    if record is None or property_user is None or record.dwelling is None:
        return
    case, _ = services.case_file(
        actor=resident, community=community, channel=Channel.SELF,
        data=services.CaseInput(category_id=categories["repair"].pk, building_id=record.dwelling.building_id,
                                description="我们单元的门禁坏了三天了，刷卡开不了门，外卖和快递随便进出。"),
    )  # fmt: skip
    services.case_accept(actor=users["worker"], case=case)
    case.refresh_from_db()
    services.case_claim(actor=property_user, case=case)
    services.case_progress(actor=property_user, case=case, note="已联系门禁厂家，明天上午上门")
    services.case_resolve(actor=property_user, case=case, note="已更换门禁主板，刷卡开门恢复正常")
    _backdate(case, timezone.now() - dt.timedelta(days=3))


def _meetings(community, categories, users, rng) -> None:
    from linli.deliberation import services as meetings
    from linli.deliberation.models import Attendee
    from linli.places.models import Compound

    secretary = users.get("secretary", users["worker"])
    compound = Compound.objects.in_community(community).order_by("pk").first()
    now = timezone.now()
    topics = [
        ("小区停车位重新划线", "按现有车位重新划线，增设电动车充电区", 90),
        ("雨棚、防盗网统一规范", "统一雨棚外沿样式，新装须报物业备案", 45),
        ("小区年度议事：增设休闲座椅", "在中心花园增设10张休闲座椅", None),
    ]
    for topic, resolution_text, days_ago in topics:
        held = now - dt.timedelta(days=days_ago) if days_ago else now + dt.timedelta(days=5)
        meeting = meetings.meeting_save(
            actor=secretary,
            community=community,
            meeting=None,
            data=meetings.MeetingInput(
                compound_id=compound.pk,
                topic=topic,
                held_at=held,
                place=f"{compound.name}党群服务站",
                quorum=6,
                pass_percent=50,
            ),
        )
        meetings.agenda_add(actor=secretary, meeting=meeting, title=topic)
        for party, names in (
            ("party_branch", "陈建国、林秀英"),
            ("hoa", "黄志明、吴丽华"),
            ("property", "刘经理、赵主管"),
            ("resident_rep", "周大爷、郑阿姨"),
        ):
            meetings.attendee_add(actor=secretary, meeting=meeting, party=party, names=names)
        meetings.attendee_add(actor=secretary, meeting=meeting, party="community", names="社区书记", voting=False)
        if days_ago is None:
            continue
        ids = list(Attendee.objects.in_community(community).filter(meeting=meeting).values_list("pk", flat=True))
        meetings.attendance_record(
            actor=secretary, meeting=meeting, present_ids=ids[:-1] if rng.random() < 0.5 else ids
        )
        meetings.minutes_save(
            actor=secretary,
            meeting=meeting,
            minutes=f"会议由社区书记主持。围绕“{topic}”，党支部、业委会、物业和居民代表逐一发表意见，经充分协商形成决议。",
        )
        resolution = meetings.resolution_record(
            actor=secretary, meeting=meeting, text=resolution_text, votes_for=6, votes_against=1, votes_abstain=0
        )
        property_org = PartnerOrg.objects.in_community(community).filter(kind="property").first()
        follow = meetings.followup_add(
            actor=secretary,
            resolution=resolution,
            category_id=categories["parking" if "车位" in topic else "facility"].pk,
            description=f"落实议事决议：{resolution_text}",
            handler_org_id=property_org.pk if property_org else None,
            due=timezone.localdate() + dt.timedelta(days=14),
        )
        meetings.publish(
            actor=secretary,
            meeting=meeting,
            notice=f"经{compound.name}议事会表决，以下事项获得通过，现予公示。如有意见请于7日内向社区反映。",
        )
        type(meeting).objects.in_community(community).filter(pk=meeting.pk).update(
            published_at=held + dt.timedelta(days=2)
        )
        _backdate(follow.case, held + dt.timedelta(days=1))
