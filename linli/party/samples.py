"""The demo's sample party roll (党员名册), as a GBK CSV the way Excel saves one: a title row, a blank
row, residents who are not yet on the roll, one member already on it (a change of work), one found by
name and phone, and bad rows (the same member twice, someone not registered here, a branch that
does not exist)."""

import datetime as dt
import random

from linli.party.models import PartyMember, PartyOrg
from linli.people.models import Resident
from linli.people.services import resident_pii
from linli.people.synthetic import make_id_number

HEADER = ["序号", "姓名", "公民身份号码", "联系电话", "所在党支部", "入党时间", "党员类别", "在职/离退休"]


def sample_rows(community, rng: random.Random) -> list[list]:
    branches = list(PartyOrg.objects.in_community(community).filter(level="branch").order_by("name"))
    if not branches:
        return []
    on_roll = PartyMember.objects.in_community(community).filter(resident__isnull=False, left_on__isnull=True)
    taken = set(on_roll.values_list("resident_id", flat=True))
    adults = (
        Resident.objects.in_community(community)
        .filter(status="active", birth_date__year__lt=1995)
        .exclude(id_number_enc="")
        .exclude(phone_enc="")
        .order_by("pk")
    )
    fresh = [r for r in adults[:400] if r.pk not in taken][:12]
    rows: list[list] = [[f"{community.name}党员名册（示例）", "", "", "", "", "", "", ""], HEADER, [""] * 8]
    for i, person in enumerate(fresh[:10]):
        joined = dt.date(rng.randint(1975, 2020), rng.randint(1, 12), 1)
        rows.append(
            [
                len(rows) - 2,
                person.name,
                resident_pii(person, "id_number"),
                "",
                branches[i % len(branches)].name,
                [
                    f"{joined:%Y-%m-%d}",
                    f"{joined.year}.{joined.month}",
                    f"{joined.year}年{joined.month}月{joined.day}日",
                ][i % 3],
                "预备党员" if i == 4 else "正式党员",
                rng.choice(["在职", "离退休", "离退休", "退休"]),
            ]
        )
    if len(fresh) > 10:
        by_phone = fresh[10]
        rows.append(
            [
                len(rows) - 2,
                by_phone.name,
                "",
                resident_pii(by_phone, "phone"),
                branches[0].name,
                "",
                "正式党员",
                "在职",
            ]
        )
    member = on_roll.select_related("resident", "org").order_by("pk").first()
    if member is not None and member.resident.id_number_enc:
        rows.append(
            [
                len(rows) - 2,
                member.name,
                resident_pii(member.resident, "id_number"),
                "",
                member.org.name,
                "",
                "",
                "离退休" if member.work_status != "retired" else "在职",
            ]
        )
    if fresh:
        rows.append(list(rows[3]))  # the first member twice
        rows[-1][0] = len(rows) - 3
    stranger = make_id_number(rng, "440605", dt.date(1970, 5, 4), "M")
    rows.append([len(rows) - 2, "陈国栋", stranger, "", branches[0].name, "1995-07-01", "正式党员", "离退休"])
    if len(fresh) > 11:
        rows.append(
            [
                len(rows) - 2,
                fresh[11].name,
                resident_pii(fresh[11], "id_number"),
                "",
                "第九网格党支部",
                "",
                "正式党员",
                "在职",
            ]
        )
    return rows


def write_samples(ctx) -> None:
    from django.conf import settings

    from linli.people.sample_register import to_csv
    from linli.tenancy.models import Community

    folder = settings.SAMPLE_REGISTERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for code, seed in (("xianhu", 41), ("xinyuan", 42)):
        community = Community.objects.filter(code=code).first()
        target = folder / f"{community.name}-党员名册-示例-GBK.csv" if community else None
        if target is None or target.exists():
            continue
        rows = sample_rows(community, random.Random(seed))
        if rows:
            target.write_bytes(to_csv(rows))
    ctx.say(f"Sample party rolls to import: {folder}")
