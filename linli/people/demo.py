"""Tags, residents and households of the demo communities."""

import random

from linli.people.models import Resident, Tag, Talent
from linli.people.synthetic import populate

TAGS = [
    ("独居老人", False, "60岁以上独自居住，需定期走访"),
    ("高龄", False, "80岁以上"),
    ("残疾", False, "持残疾人证"),
    ("低保", False, "最低生活保障对象"),
    ("退役军人", False, ""),
    ("双职工家庭", False, "暑期托管等服务的对象"),
    ("党员", False, ""),
    ("留守儿童", False, ""),
    ("社区矫正", True, "仅书记及授权人员可见"),
    ("精神障碍", True, "仅书记及授权人员可见"),
]
SKILLS = [
    "书法",
    "摄影",
    "理发",
    "家电维修",
    "中医推拿",
    "法律咨询",
    "太极拳",
    "八段锦",
    "舞蹈",
    "声乐",
    "编程",
    "心理咨询",
    "烹饪",
    "英语",
]
LOCAL_AREA = {"xianhu": "440605", "xinyuan": "140303"}
HUKOU_PLACE = {"xianhu": "广东省佛山市南海区", "xinyuan": "山西省阳泉市矿区"}


def seed(community, *, dwelling_ids: list[int], count: int, rng: random.Random, recorded_by: int | None = None) -> None:
    for name, sensitive, description in TAGS:
        Tag.objects.in_community(community).get_or_create(
            community=community, name=name, defaults={"sensitive": sensitive, "description": description}
        )
    for _done in populate(
        community_id=community.pk,
        dwelling_ids=dwelling_ids,
        count=count,
        local_area=LOCAL_AREA[community.code],
        seed=rng.randrange(10**6),
        newcomer_share=0.55 if community.code == "xianhu" else 0.2,
        household_prefix="XH" if community.code == "xianhu" else "XY",
        moves_recorded_by=recorded_by,
    ):
        pass
    residents = list(Resident.objects.in_community(community).order_by("pk").values_list("pk", "birth_date"))
    tags = dict(Tag.objects.in_community(community).values_list("name", "pk"))
    from linli.people.models import ResidentTag

    extra = []
    for pk, birth in residents:
        if birth and birth.year <= 1945:
            extra.append(ResidentTag(community=community, resident_id=pk, tag_id=tags["高龄"]))
        roll = rng.random()
        for name, share in (
            ("残疾", 0.01),
            ("低保", 0.012),
            ("退役军人", 0.015),
            ("党员", 0.05),
            ("社区矫正", 0.001),
            ("精神障碍", 0.002),
        ):
            roll -= share
            if roll < 0:
                extra.append(ResidentTag(community=community, resident_id=pk, tag_id=tags[name]))
                break
    ResidentTag.objects.bulk_create(extra, ignore_conflicts=True)
    Talent.objects.bulk_create(
        Talent(community=community, resident_id=pk, skill=rng.choice(SKILLS))
        for pk, _ in rng.sample(residents, min(120, len(residents)))
    )


RESIDENTS = {"xianhu": 3000, "xinyuan": 2000}  # residents per demo community at --scale 1


def seed_community(ctx) -> None:
    """The registry's seed: the residents (once, in the dwellings places' seed made) and the demo
    resident's account linked to one of them."""
    from django.contrib.auth import get_user_model

    from linli.places.models import Dwelling

    community = ctx.community
    if Resident.objects.in_community(community).exists():
        ctx.say(f"{community.name}: already loaded")
    else:
        count = int(RESIDENTS.get(community.code, 1000) * ctx.scale)
        dwelling_ids = ctx.shared.get("dwelling_ids") or list(
            Dwelling.objects.in_community(community).order_by("pk").values_list("pk", flat=True)
        )  # places' seed hands them over when it made them in this run; else they are the community's
        seed(community, dwelling_ids=dwelling_ids, count=count, rng=ctx.rng, recorded_by=ctx.admin.pk)
        ctx.say(f"{community.name}: {Resident.objects.in_community(community).count()} residents")
    user = get_user_model().objects.filter(username=f"{community.code}.resident").first()
    if user is not None and not Resident.objects.in_community(community).filter(user=user).exists():
        resident = (
            Resident.objects.in_community(community)
            .filter(user__isnull=True, dwelling__isnull=False, birth_date__year__lt=1990)
            .order_by("pk")
            .first()
        )
        resident.user = user
        resident.save(update_fields=["user"])


def seed_sample_registers(ctx) -> None:
    """Messy registers to try 表格导入 with (new people, about 5% bad rows): var/samples/."""
    from django.conf import settings

    from linli.people.sample_register import community_places, register_rows, to_csv, to_xlsx
    from linli.tenancy.models import Community

    folder = settings.SAMPLE_REGISTERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for code, seed_no in (("xianhu", 31), ("xinyuan", 32)):
        community = Community.objects.filter(code=code).first()
        if community is None:
            continue
        xlsx = folder / f"{community.name}-人口信息登记表-示例.xlsx"
        csv = folder / f"{community.name}-人口信息登记表-示例-GBK.csv"
        if xlsx.exists() and csv.exists():
            continue
        places = community_places(community)
        own = {"local_area": LOCAL_AREA[code], "hukou_place": HUKOU_PLACE[code]}  # each community's city
        to_xlsx(register_rows(community=community.name, places=places, rows=200, seed=seed_no, **own), xlsx)
        rows = register_rows(community=community.name, places=places, rows=200, seed=seed_no + 100, **own)
        csv.write_bytes(to_csv(rows))
    ctx.say(f"Sample registers to try the import with: {folder}")
