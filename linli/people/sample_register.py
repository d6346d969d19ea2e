"""A household register of the kind communities really keep, for the demo, the tests and the import
benchmark: a title row over merged cells, thirty columns (a dozen the import does not use), dates in
four wordings, full-width digits, `+86` phones, relations in everyday words — and a share of bad
rows: ID numbers that Excel turned into floats or scientific notation, wrong check digits,
impossible dates, formula text, two phones in one cell."""

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl

from linli.people.models import Relation
from linli.people.synthetic import make_family, make_id_number

TITLE = "人口信息登记表（{community}）"
HEADER = [
    "序号", "户号", "姓名", "与户主关系", "性别", "民族", "公民身份号码", "出生日期", "联系电话", "小区", "楼栋",
    "单元", "房号", "人口类型", "户籍地址", "迁入日期", "工作单位", "政治面貌", "文化程度", "婚姻状况", "宗教信仰",
    "兵役状况", "健康状况", "是否残疾", "是否低保", "是否独居", "紧急联系人", "车牌号", "宠物", "备注",
]  # fmt: skip
RELATION_WORDS = {
    Relation.HEAD: ["户主", "本人", "户主"],
    Relation.SPOUSE: ["配偶", "妻", "夫", "配偶"],
    Relation.SON: ["子", "儿子", "长子"],
    Relation.DAUGHTER: ["女", "女儿", "长女"],
    Relation.FATHER: ["父亲", "父"],
    Relation.MOTHER: ["母亲", "母"],
}
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
BAD_KINDS = ("float_id", "scientific_id", "check_digit", "bad_date", "formula", "two_phones", "unknown_answer")
# 政治面貌 as registers hold it: mostly 群众, some party members (who become 待确认党员 on import).
POLITICAL = ["群众"] * 30 + ["共青团员"] * 4 + ["中共党员", "中共党员", "党员", "预备党员"]


@dataclass(frozen=True)
class Place:
    compound: str
    building: str
    unit: str
    room: str


def _date_text(rng: random.Random, day: dt.date):
    style = rng.randrange(5)
    if style == 0:
        return f"{day.year}年{day.month}月{day.day}日"
    if style == 1:
        return f"{day.year}.{day.month}.{day.day}"
    if style == 2:
        return f"{day:%Y/%m/%d}"
    if style == 3:
        return int(f"{day:%Y%m%d}")
    return day  # a real Excel date


def _phone_text(rng: random.Random, phone: str | None):
    if not phone:
        return None
    style = rng.randrange(4)
    if style == 0:
        return f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}"
    if style == 1:
        return phone.translate(FULLWIDTH)
    if style == 2:
        return int(phone)  # typed into a General cell: a number, harmless for 11 digits
    return phone


def register_rows(
    *,
    community: str,
    places: list[Place],
    rows: int,
    seed: int = 7,
    bad_share: float = 0.05,
    today=None,
    local_area: str = "440605",
    hukou_place: str = "广东省佛山市南海区",
) -> Iterator[list]:
    """The title row, the header, then `rows` people in families; about `bad_share` of them bad.
    `local_area` and `hukou_place` are the community's own (新源's register is of Yangquan)."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    yield [TITLE.format(community=community)] + [None] * (len(HEADER) - 1)
    yield list(HEADER)
    used: set[str] = set()
    made = household = 0
    while made < rows:
        household += 1
        place = rng.choice(places)
        for person in make_family(rng, today=today, local_area=local_area, newcomer_share=0.3):
            if made >= rows:
                break
            made += 1
            number = make_id_number(rng, person.area, person.birth, person.gender, used)
            row = [
                made, f"HZ{household:06d}", person.name, rng.choice(RELATION_WORDS.get(person.relation, ["其他"])),
                rng.choice(["男", "M"]) if person.gender == "M" else rng.choice(["女", "F"]), "汉族", number,
                _date_text(rng, person.birth), _phone_text(rng, person.phone), place.compound, place.building,
                place.unit, place.room, rng.choice(["户籍", "户籍", "常住", "流动"]), hukou_place,
                _date_text(rng, today - dt.timedelta(days=rng.randrange(30, 8000))), rng.choice(["", "退休", "个体"]),
                rng.choice(POLITICAL), rng.choice(["初中", "高中", "大专", "本科"]),
                rng.choice(["已婚", "未婚", "丧偶"]), "无", "未服兵役", "健康", _yes(rng, 0.03), _yes(rng, 0.04),
                "是" if "独居老人" in person.tags else rng.choice(["否", "否", "", "×"]), "", "", "", "",
            ]  # fmt: skip
            if rng.random() < bad_share:
                _spoil(rng, row)
            yield row


def _yes(rng: random.Random, share: float) -> str:
    return rng.choice(["是", "√", "1"]) if rng.random() < share else rng.choice(["否", "否", "0", ""])


def _spoil(rng: random.Random, row: list) -> None:
    kind = rng.choice(BAD_KINDS)
    number = row[6]
    if kind == "float_id":
        row[6] = float(number.replace("X", "0"))
    elif kind == "scientific_id":
        row[6] = f"{float(number.replace('X', '0')):.5E}"  # as Excel shows it: 1.10105E+17
    elif kind == "check_digit":
        row[6] = number[:17] + ("0" if number[17] != "0" else "1")
    elif kind == "bad_date":
        row[6] = None
        row[7] = "1985年13月2日"
    elif kind == "formula":
        row[2] = '=HYPERLINK("http://example.invalid","点我")'
    elif kind == "unknown_answer":
        row[23] = "待核实"  # 是否残疾: neither yes nor no
    else:
        row[8] = "13800138000/13900139000"
    row[29] = f"bad:{kind}"


def to_xlsx(rows, target, *, merge_title: bool = True, width: int | None = None) -> None:
    """Write rows as Excel would hold them. Small registers get a merged title; large ones are
    streamed (openpyxl's write-only mode cannot merge)."""
    rows = iter(rows)
    title = next(rows)
    if merge_title:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(title)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width or len(HEADER))
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text someone pasted, not a formula Excel would compute
    else:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("登记表")
        sheet.append(title)
        for row in rows:
            sheet.append(row)
    book.save(target)


def to_csv(rows, *, encoding: str = "gbk") -> bytes:
    """The register as Chinese Excel saves “CSV”: GBK by default, dates and numbers as text."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row])
    return out.getvalue().encode(encoding)


def community_places(community, limit: int | None = None) -> list[Place]:
    from linli.places.models import Dwelling

    dwellings = Dwelling.objects.in_community(community).select_related("building__compound", "unit").order_by("pk")
    if limit:
        dwellings = dwellings[:limit]
    return [
        Place(d.building.compound.name, d.building.name, d.unit.name if d.unit_id else "", d.room) for d in dwellings
    ]
