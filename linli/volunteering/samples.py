"""The demo's sample volunteers' list (志愿者花名册), to try 表格导入 with: a title over merged cells,
a blank row, residents found by name and phone (written as people write them), one volunteer
already registered (a new skill), and bad rows (the same person twice, someone from outside the
community, a team that does not exist)."""

import random

from linli.people.models import Resident
from linli.people.services import resident_pii
from linli.volunteering.models import Team, Volunteer

HEADER = ["序号", "姓名", "手机号", "身份证号", "技能特长", "所属队伍", "备注"]
SKILLS = ["理发", "家电维修", "书法", "摄影", "中医推拿", "电脑", "心理咨询", "烹饪", "法律咨询", "陪伴聊天"]


def _phone(rng: random.Random, phone: str) -> str:
    return rng.choice([phone, f"{phone[:3]} {phone[3:7]} {phone[7:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"])


def sample_rows(community, rng: random.Random) -> list[list]:
    teams = list(Team.objects.in_community(community).order_by("name").values_list("name", flat=True))
    taken = set(
        Volunteer.objects.in_community(community).exclude(resident__isnull=True).values_list("resident_id", flat=True)
    )
    people = (
        Resident.objects.in_community(community)
        .filter(status="active", birth_date__year__range=(1950, 2000))
        .exclude(phone_enc="")
        .order_by("-pk")
    )
    fresh = [p for p in people[:300] if p.pk not in taken][:10]
    rows: list[list] = [[f"{community.name}志愿者花名册（示例）"] + [None] * 6, HEADER, [None] * 7]
    for i, person in enumerate(fresh[:9]):
        rows.append(
            [
                len(rows) - 2,
                person.name,
                _phone(rng, resident_pii(person, "phone")),
                None,
                "、".join(rng.sample(SKILLS, rng.randint(1, 3))),
                teams[i % len(teams)] if teams and i % 3 else None,
                None,
            ]
        )
    known = Volunteer.objects.in_community(community).exclude(resident__isnull=True).order_by("pk").first()
    if known is not None and known.resident.id_number_enc:
        rows.append(
            [len(rows) - 2, known.name, None, resident_pii(known.resident, "id_number"), "陪伴聊天", None, "补登技能"]
        )
    if fresh:
        rows.append(list(rows[3]))  # the first one twice
        rows[-1][0] = len(rows) - 3
    rows.append([len(rows) - 2, "刘晓燕", "13512345678", None, "医疗", None, "区医院护士，住在辖区外"])
    if len(fresh) > 9:
        rows.append(
            [
                len(rows) - 2,
                fresh[9].name,
                _phone(rng, resident_pii(fresh[9], "phone")),
                None,
                "巡逻",
                "夜间巡逻队",
                None,
            ]
        )
    return rows


def write_samples(ctx) -> None:
    from django.conf import settings

    from linli.people.sample_register import to_xlsx
    from linli.tenancy.models import Community

    folder = settings.SAMPLE_REGISTERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for code, seed in (("xianhu", 51), ("xinyuan", 52)):
        community = Community.objects.filter(code=code).first()
        target = folder / f"{community.name}-志愿者花名册-示例.xlsx" if community else None
        if target is None or target.exists():
            continue
        rows = sample_rows(community, random.Random(seed))
        if len(rows) > 3:
            to_xlsx(rows, target, width=len(HEADER))
    ctx.say(f"Sample volunteers' lists to import: {folder}")
