"""The demo's words: its categories of cases, what residents write, names, how cases end.
`generate_cases` (the benchmark) uses the same text generator."""

import random

from linli.cases.models import Category, Channel
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
                "safety": code == "safety",
            },
        )
        result[code] = category
    return result
