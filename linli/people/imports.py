"""Importing the household register (人口信息登记表) through the core import engine.

A person is found by ID number (blind index); without one by name + birth date + phone, and a
match that is not unique is an error, not a guess. Blank cells never erase what is stored, so
re-importing a file changes nothing. Households come from a 户号 column, or, when there is only a
“relation to head” column, from the dwelling. Dwellings are found by compound / building / unit /
room text; missing ones are created only when the user ticked the option.
"""

import datetime as dt
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from linli.core import crypto
from linli.core.bulk import BulkWriter, HistoryWriter
from linli.core.identity import mask_id_number
from linli.core.imports import Importer, SourceRow, register_importer
from linli.core.models import ImportJob, ImportRow
from linli.core.normalize import normalize_identifier, to_halfwidth
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem, YearMonth
from linli.core.sheets.spec import Column, ImportSpec
from linli.people.errors import PeopleError
from linli.people.models import Household, HouseholdMember, Move, Relation, Resident, ResidentNameKey
from linli.people.names import name_keys
from linli.people.services import PLAIN_FIELDS, ResidentInput, apply_input
from linli.places.models import Building, Compound, Dwelling, Unit
from linli.tenancy.models import Community

Outcome = ImportRow.Outcome

SPEC = ImportSpec(
    kind="people",
    title="人口信息登记表",
    columns=(
        Column("name", "姓名", ("名字", "居民姓名", "人员姓名", "Name", "Full name"), True, "居民的姓名。", "王芳"),
        Column(
            "id_number",
            "身份证号",
            ("公民身份号码", "身份证号码", "证件号码", "证件号", "身份证", "ID number", "ID No", "ID"),
            help="18位，末位可为X。整列请设为“文本”格式，否则 Excel 会把号码变成 1.10105E+17，后几位丢失。",
            example="11010519491231002X",
        ),
        Column("gender", "性别", ("Gender", "Sex"), help="男或女。有身份证号时可不填。", example="女"),
        Column(
            "birth_date",
            "出生日期",
            ("出生年月", "出生年月日", "生日", "Birth date", "Date of birth", "DOB"),
            help="如 1985-03-02、1985年3月2日、19850302。有身份证号时可不填。",
            example="1949-12-31",
        ),
        Column("ethnicity", "民族", ("Ethnicity", "Nationality"), help="如 汉族、回族。", example="汉族"),
        Column(
            "phone",
            "联系电话",
            ("手机号", "手机号码", "电话", "手机", "联系方式", "电话号码", "Phone", "Mobile", "Tel"),
            help="一格一个号码；手机11位，座机带区号。",
            example="13800138000",
        ),
        Column(
            "residence",
            "人口类型",
            ("户籍类型", "人员类型", "人口类别", "Residence", "Residence type"),
            help="户籍、常住（非户籍）或流动。不填为户籍。",
            example="户籍",
        ),
        Column("hukou_address", "户籍地址", ("户籍地", "户口所在地", "户籍所在地", "Registered address"), example=""),
        Column(
            "compound",
            "小区",
            ("小区名称", "所在小区", "居住小区", "Compound"),
            help="须与系统中的小区名称一致。",
            example="仙湖花园",
        ),
        Column(
            "building", "楼栋", ("楼号", "栋号", "楼栋号", "幢", "Building"), help="如 3栋、3号楼、3。", example="3栋"
        ),
        Column("unit", "单元", ("单元号", "Unit"), help="没有单元的楼可不填。", example="2单元"),
        Column("room", "房号", ("门牌号", "室号", "房间号", "Room"), help="如 301。", example="301"),
        Column(
            "address",
            "现住址",
            ("住址", "居住地址", "现居住地址", "家庭住址", "Address"),
            help="没有分列填写小区、楼栋、房号时，可填在一格里：仙湖花园3栋2单元301。",
            example="",
        ),
        Column(
            "household_number",
            "户号",
            ("户编号", "户口号", "Household number", "Household No"),
            help="同一户的人填同一个户号。",
            example="XH-0001",
        ),
        Column(
            "relation",
            "与户主关系",
            ("与户主的关系", "关系", "家庭关系", "Relation", "Relationship"),
            help="户主、配偶、子、女、父亲、母亲、孙子女、儿媳、女婿、租户、其他等。",
            example="户主",
        ),
        Column("moved_in_date", "迁入日期", ("入住日期", "迁入时间", "入住时间", "Moved in"), example="2010-05-01"),
        Column(
            "occupation", "工作单位", ("职业", "工作单位及职务", "职业/工作单位", "Occupation", "Employer"), example=""
        ),
        Column("notes", "备注", ("说明", "Notes", "Remarks"), example=""),
    ),
)

RELATIONS = {
    **dict.fromkeys(["户主", "本人", "户主本人", "HEAD", "SELF"], Relation.HEAD),
    **dict.fromkeys(["配偶", "妻", "妻子", "夫", "丈夫", "爱人", "SPOUSE", "WIFE", "HUSBAND"], Relation.SPOUSE),
    **dict.fromkeys(["子", "儿子", "长子", "次子", "三子", "独生子", "SON"], Relation.SON),
    **dict.fromkeys(["女", "女儿", "长女", "次女", "三女", "独生女", "DAUGHTER"], Relation.DAUGHTER),
    **dict.fromkeys(["父", "父亲", "FATHER"], Relation.FATHER),
    **dict.fromkeys(["母", "母亲", "MOTHER"], Relation.MOTHER),
    **dict.fromkeys(["孙子", "孙女", "外孙", "外孙子", "外孙女", "孙子女", "GRANDCHILD"], Relation.GRANDCHILD),
    **dict.fromkeys(
        ["祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶", "祖父母", "GRANDPARENT"], Relation.GRANDPARENT
    ),
    **dict.fromkeys(["兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹", "兄弟姐妹", "SIBLING"], Relation.SIBLING),
    **dict.fromkeys(["儿媳", "女婿", "儿媳/女婿"], Relation.CHILD_IN_LAW),
    **dict.fromkeys(["公公", "婆婆", "岳父", "岳母", "公婆/岳父母"], Relation.PARENT_IN_LAW),
    **dict.fromkeys(["租户", "租客", "TENANT"], Relation.TENANT),
    **dict.fromkeys(["其他", "亲属", "保姆", "其他亲属", "OTHER"], Relation.OTHER),
}
RESIDENCES = {
    **dict.fromkeys(["户籍", "户籍人口", "本地户籍", "REGISTERED"], Resident.Residence.REGISTERED),
    **dict.fromkeys(
        ["常住", "常住人口", "非户籍", "常住人口非户籍", "人户分离", "PERMANENT"], Resident.Residence.PERMANENT
    ),
    **dict.fromkeys(["流动", "流动人口", "暂住", "外来人口", "FLOATING"], Resident.Residence.FLOATING),
}
RELATION_WORD, RESIDENCE_WORD = gettext_lazy("与户主关系"), gettext_lazy("人口类型")
# (column, parser, into `values` (True) or onto Parsed (False)), applied to every row.
CELL_PARSERS = (
    ("name", functools.partial(cells.text, max_length=50), True),
    ("id_number", cells.id_number, False),
    ("gender", cells.gender, True),
    ("birth_date", functools.partial(cells.date, allow_year_month=True), True),
    ("ethnicity", functools.partial(cells.text, max_length=20), True),
    ("phone", cells.phone, False),
    ("residence", functools.partial(cells.choice, table=RESIDENCES, what=RESIDENCE_WORD), True),
    ("hukou_address", functools.partial(cells.text, max_length=200), True),
    ("moved_in_date", cells.date, True),
    ("occupation", functools.partial(cells.text, max_length=100), True),
    ("notes", functools.partial(cells.text, max_length=2000), True),
    ("household_number", functools.partial(cells.text, max_length=32), False),
    ("relation", functools.partial(cells.choice, table=RELATIONS, what=RELATION_WORD), False),
)
_ADDRESS = re.compile(
    r"^(?P<compound>.+?)(?P<building>[0-9A-Za-z]+)(?:栋|号楼|幢|座|号)"
    r"(?:(?P<unit>[0-9A-Za-z]+)单元)?(?P<room>[0-9A-Za-z\-]+)(?:室|号|房)?$"
)
FIELD_COLUMNS = {  # a service error's field -> the sheet column to blame
    "name": "name",
    "id_number": "id_number",
    "gender": "gender",
    "birth_date": "birth_date",
    "phone": "phone",
    "hukou_area_code": "id_number",
}
COMPARED = [*PLAIN_FIELDS, "dwelling_id", "id_number_bidx", "phone_bidx"]
CHANGE_LABELS = {
    "name": gettext_lazy("姓名"),
    "gender": gettext_lazy("性别"),
    "birth_date": gettext_lazy("出生日期"),
    "ethnicity": gettext_lazy("民族"),
    "residence": gettext_lazy("人口类型"),
    "hukou_area_code": gettext_lazy("户籍地区划"),
    "hukou_address": gettext_lazy("户籍地址"),
    "dwelling_id": gettext_lazy("现住房屋"),
    "moved_in_date": gettext_lazy("迁入日期"),
    "occupation": gettext_lazy("工作单位"),
    "free_time": gettext_lazy("空闲时间"),
    "notes": gettext_lazy("备注"),
    "id_number_bidx": gettext_lazy("身份证号"),
    "phone_bidx": gettext_lazy("联系电话"),
    "household": gettext_lazy("户/与户主关系"),
}


def place_key(text: str | None, suffixes: str) -> str:
    """Building, unit and room as compared: 3栋 = 3号楼 = 3, 2单元 = 2, 301室 = 301."""
    if not text:
        return ""
    key = normalize_identifier(text)
    return re.sub(f"({suffixes})$", "", key) or key


BUILDING_SUFFIX, UNIT_SUFFIX, ROOM_SUFFIX = "号楼|栋|幢|座|号|楼", "单元|单|门", "室|号|房"


@dataclass
class Place:
    compound: Compound
    building_text: str
    unit_text: str
    room: str
    dwelling_id: int | None = None

    @property
    def key(self) -> tuple:
        return (
            self.compound.pk,
            place_key(self.building_text, BUILDING_SUFFIX),
            place_key(self.unit_text, UNIT_SUFFIX),
            place_key(self.room, ROOM_SUFFIX),
        )


@dataclass
class Parsed:
    values: dict
    id_number: str | None = None
    phone: str | None = None
    place: Place | None = None
    household_key: str | None = None
    household_number: str | None = None
    relation: str | None = None
    resident: Resident | None = None
    existing: bool = False
    membership_change: bool = False
    current_member: HouseholdMember | None = None


@dataclass
class Context:
    job: ImportJob
    community: Community
    actor: object
    commit: bool
    create_dwellings: bool
    today: dt.date
    compounds: dict[str, Compound] = field(default_factory=dict)
    other_compounds: dict[str, str] = field(default_factory=dict)
    buildings: dict[tuple, int] = field(default_factory=dict)
    units: dict[tuple, int] = field(default_factory=dict)
    dwellings: dict[tuple, int] = field(default_factory=dict)
    id_rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    person_rows: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))
    head_rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    households: dict[str, Household] = field(default_factory=dict)
    household_numbers: set[str] = field(default_factory=set)
    dwelling_households: dict[int, Household] = field(default_factory=dict)
    heads: dict[int, int] = field(default_factory=dict)  # household id -> resident id of its head
    writers: dict = field(default_factory=dict)

    def writer(self, model) -> BulkWriter:
        if model not in self.writers:
            self.writers[model] = BulkWriter(model, concurrent=True)
        return self.writers[model]

    def history(self, model) -> HistoryWriter:
        key = ("history", model)
        if key not in self.writers:
            self.writers[key] = HistoryWriter(model)
        return self.writers[key]


class PeopleImporter(Importer):
    kind = "people"
    title = gettext_lazy("居民（人口信息登记表）")
    spec = SPEC
    options = {"create_dwellings": gettext_lazy("表中的房屋在系统里没有时，自动新建（小区须已存在）")}
    intro = [
        "人口信息登记表 · 导入模板（linli 邻里）",
        "1. 第一张工作表是登记表：第一行是列名，从第二行起每行一人。列的顺序可以调整，不用的列可以删除。",
        "2. 带 * 的列必须填写。没有身份证号的人，至少要填出生日期或联系电话，系统才能认出是谁。",
        "3. 身份证号、电话两列请先设为“文本”格式再填写，否则 Excel 会把身份证号变成 1.10105E+17，后几位永久丢失。",
        "4. 同一户的人填同一个户号，并填写与户主关系；一户只能有一位户主。",
        "5. 重复导入同一个文件不会重复登记；空白的格子不会清除系统里已有的信息。",
        "6. 导入前系统会先检查并逐行显示结果，确认后才写入。有错误的行会退回一个表格，写明原因。",
    ]

    # The run ---------------------------------------------------------------------------------

    def begin(self, job: ImportJob, *, commit: bool) -> Context:
        community = job.community
        context = Context(
            job=job,
            community=community,
            actor=job.committed_by if commit else job.created_by,
            commit=commit,
            create_dwellings=bool(job.options.get("create_dwellings")),
            today=timezone.localdate(),
        )
        for compound in Compound.objects.in_community(community):
            context.compounds[_name_key(compound.name)] = compound
        for name, other in (
            Compound.objects.unscoped().exclude(community=community).values_list("name", "community__name")
        ):
            context.other_compounds.setdefault(_name_key(name), other)
        for pk, compound_id, name in Building.objects.in_community(community).values_list("pk", "compound_id", "name"):
            context.buildings[(compound_id, place_key(name, BUILDING_SUFFIX))] = pk
        for pk, building_id, name in Unit.objects.in_community(community).values_list("pk", "building_id", "name"):
            context.units[(building_id, place_key(name, UNIT_SUFFIX))] = pk
        for pk, building_id, unit_id, room in Dwelling.objects.in_community(community).values_list(
            "pk", "building_id", "unit_id", "room"
        ):
            context.dwellings[(building_id, unit_id, place_key(room, ROOM_SUFFIX))] = pk
        households = Household.objects.in_community(community).filter(status=Household.Status.ACTIVE)
        for household in households:
            context.households[f"no:{household.number}"] = household
            if household.dwelling_id:
                context.dwelling_households.setdefault(household.dwelling_id, household)
        context.household_numbers = set(Household.objects.in_community(community).values_list("number", flat=True))
        context.heads = dict(
            HouseholdMember.objects.in_community(community)
            .filter(relation=Relation.HEAD, left_date__isnull=True)
            .values_list("household_id", "resident_id")
        )
        return context

    def survey(self, context: Context, row: SourceRow) -> None:
        raw = row.raw
        number = cells.id_key(raw.get("id_number"))
        if number:
            context.id_rows[number].append(row.number)
        else:
            try:
                person = (
                    cells.text(raw.get("name")),
                    cells.date(raw.get("birth_date"), allow_year_month=True),
                    cells.phone(raw.get("phone")),
                )
            except CellProblem:
                person = None
            if person and person[0] and (person[1] or person[2]):
                context.person_rows[person].append(row.number)
        key, relation = self._household_of_raw(raw)
        if key and relation == Relation.HEAD:
            context.head_rows[key].append(row.number)

    def _household_of_raw(self, raw: dict) -> tuple[str | None, str | None]:
        try:
            relation = cells.choice(raw.get("relation"), RELATIONS, RELATION_WORD)
            number = cells.text(raw.get("household_number"), max_length=32)
        except CellProblem:
            return None, None
        if number:
            return f"no:{number}", relation
        if relation:
            address = "|".join(
                str(cells.text(raw.get(k)) or "") for k in ("compound", "building", "unit", "room", "address")
            )
            return f"at:{normalize_identifier(address)}", relation
        return None, relation

    def check(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            row.data = self._parse(context, row)
        self._match(context, rows)
        for row in rows:
            if row.ok:
                self._prepare(context, row)
            row.label = self._label(row)

    def _parse(self, context: Context, row: SourceRow) -> Parsed | None:
        raw = row.raw
        values: dict = {}
        parsed = Parsed(values=values)

        for key, parse, into_values in CELL_PARSERS:
            cell = raw.get(key)
            if cell is None:
                value = None
            else:
                try:
                    value = parse(cell)
                except CellProblem as exc:
                    row.reject(key, exc)
                    value = None
            if into_values:
                values[key] = value
            else:
                setattr(parsed, key, value)
        if not values["name"] and "name" not in {k for k, _r in row.problems}:
            row.reject("name", _("姓名是空的。"))
        if isinstance(values["moved_in_date"], dt.date) and values["moved_in_date"] > context.today:
            row.reject("moved_in_date", _("迁入日期不能晚于今天。"))
        birth = values["birth_date"]
        if isinstance(birth, YearMonth):
            if parsed.id_number and (int(parsed.id_number[6:10]), int(parsed.id_number[10:12])) != tuple(birth):
                row.reject("birth_date", _("出生年月与身份证号中的出生日期不符。"))
            elif not parsed.id_number:
                row.reject("birth_date", _("没有身份证号时，出生日期要写完整的年月日，如 1985-03-02。"))
            values["birth_date"] = None
        elif birth and birth > context.today:
            row.reject("birth_date", _("出生日期不能晚于今天。"))
        if parsed.id_number:
            others = [n for n in context.id_rows.get(parsed.id_number, []) if n != row.number]
            if others:
                row.reject(
                    "id_number",
                    _("与第 %(rows)s 行的身份证号重复：同一人只能有一行，请核对后删去多余的行。")
                    % {"rows": "、".join(map(str, others[:5]))},
                )
        elif values["name"] and not row.problems:
            if not values["birth_date"] and not parsed.phone:
                row.reject("id_number", _("没有身份证号时，至少要填出生日期或联系电话，系统才能认出是谁。"))
            else:
                person = (values["name"], values["birth_date"], parsed.phone)
                others = [n for n in context.person_rows.get(person, []) if n != row.number]
                if others:
                    row.reject(
                        "name",
                        _("与第 %(rows)s 行是同一人（姓名、出生日期、电话相同）：请删去多余的行。")
                        % {"rows": "、".join(map(str, others[:5]))},
                    )
        parsed.place = self._place(context, row)
        self._household(context, row, parsed)
        return parsed

    def _place(self, context: Context, row: SourceRow) -> Place | None:
        raw = row.raw
        try:
            compound_text = cells.text(raw.get("compound"))
            building, unit, room = (cells.text(raw.get(k)) for k in ("building", "unit", "room"))
            address = cells.text(raw.get("address"))
        except CellProblem as exc:
            row.reject("compound", exc)
            return None
        column = "compound"
        if not (compound_text or building or room) and address:
            match = _ADDRESS.match(to_halfwidth(address).replace(" ", ""))
            if not match:
                row.reject(
                    "address",
                    _("住址“%(a)s”认不出小区、楼栋和房号：请写成“仙湖花园3栋2单元301”，或分列填写。")
                    % {"a": address[:40]},
                )
                return None
            compound_text, building, unit, room = match.group("compound", "building", "unit", "room")
            column = "address"
        if not (compound_text or building or room):
            return None
        if not (compound_text and building and room):
            row.reject(column, _("住址要有小区、楼栋和房号三项（单元可无）。"))
            return None
        compound = context.compounds.get(_name_key(compound_text))
        if compound is None:
            other = context.other_compounds.get(_name_key(compound_text))
            if other:
                row.reject(
                    column,
                    _("小区“%(c)s”属于%(other)s，不在本社区：不能登记到本社区。")
                    % {"c": compound_text, "other": other},
                )
            else:
                row.reject(
                    column,
                    _("本社区没有叫“%(c)s”的小区：请核对名称，或先在“小区与楼栋”中添加。") % {"c": compound_text},
                )
            return None
        place = Place(compound, building, unit or "", room)
        place.dwelling_id = self._find_dwelling(context, place)
        if place.dwelling_id is None and not context.create_dwellings:
            row.reject(
                column, _("系统里没有房屋 %(p)s：请核对，或勾选“自动新建表中的房屋”。") % {"p": self._place_text(place)}
            )
            return None
        return place

    def _find_dwelling(self, context: Context, place: Place) -> int | None:
        compound_id, building_key, unit_key, room_key = place.key
        building_id = context.buildings.get((compound_id, building_key))
        if building_id is None:
            return None
        unit_id = context.units.get((building_id, unit_key)) if unit_key else None
        if unit_key and unit_id is None:
            return None
        return context.dwellings.get((building_id, unit_id, room_key))

    def _place_text(self, place: Place) -> str:
        return f"{place.compound.name} {place.building_text} {place.unit_text} {place.room}".replace("  ", " ")

    def _household(self, context: Context, row: SourceRow, parsed: Parsed) -> None:
        if parsed.household_number and not parsed.relation and "relation" in context.job.mapping:
            row.reject("relation", _("填了户号，也要填与户主关系。"))
            return
        if parsed.household_number:
            parsed.household_key = f"no:{parsed.household_number}"
        elif parsed.relation:
            if parsed.place is None:
                if not any(k in ("compound", "address") for k, _r in row.problems):
                    row.reject("relation", _("填了与户主关系，但没有户号也没有住址，不知道是哪一户。"))
                return
            address = "|".join(
                str(cells.text(row.raw.get(k)) or "") for k in ("compound", "building", "unit", "room", "address")
            )
            parsed.household_key = f"at:{normalize_identifier(address)}"
        if parsed.household_key and parsed.relation == Relation.HEAD:
            heads = context.head_rows.get(parsed.household_key, [])
            if len(heads) > 1:
                row.reject(
                    "relation",
                    _("同一户有 %(n)d 位户主（第 %(rows)s 行）：一户只能有一位户主。")
                    % {"n": len(heads), "rows": "、".join(map(str, heads[:5]))},
                )

    def _match(self, context: Context, rows: list[SourceRow]) -> None:
        """Find each row's resident: by ID number, else by name + birth date + phone."""
        residents = Resident.objects.in_community(context.community)
        by_bidx = {}
        for row in rows:
            if row.data and row.data.id_number:
                by_bidx[crypto.blind_index(row.data.id_number, purpose="id_number")] = row
        found = {}
        if by_bidx:
            for resident in residents.filter(id_number_bidx__in=list(by_bidx)):
                found[resident.id_number_bidx] = resident
        for bidx, row in by_bidx.items():
            row.data.resident = found.get(bidx)
        names = {
            row.data.values["name"] for row in rows if row.data and not row.data.id_number and row.data.values["name"]
        }
        candidates = defaultdict(list)
        if names:
            for resident in residents.filter(name__in=names).exclude(status=Resident.Status.MOVED_OUT):
                candidates[resident.name].append(resident)
        for row in rows:
            parsed = row.data
            if not parsed or parsed.id_number or not row.ok:
                continue
            birth, phone = parsed.values["birth_date"], parsed.phone
            phone_bidx = crypto.blind_index(phone, purpose="phone") if phone else None
            matches = [
                r
                for r in candidates.get(parsed.values["name"], [])
                if (not birth or r.birth_date == birth) and (not phone_bidx or r.phone_bidx == phone_bidx)
            ]
            if len(matches) > 1:
                row.reject(
                    "name",
                    _("系统里有 %(n)d 位同名、出生日期和电话也相同的居民，无法确定是哪一位：请补上身份证号。")
                    % {"n": len(matches)},
                )
            elif matches:
                parsed.resident = matches[0]
        matched = {r.data.resident.pk: r.data for r in rows if r.data and r.data.resident}
        if context.households and matched:
            for member in HouseholdMember.objects.in_community(context.community).filter(
                resident_id__in=list(matched), left_date__isnull=True
            ):
                matched[member.resident_id].current_member = member

    def _prepare(self, context: Context, row: SourceRow) -> None:
        parsed: Parsed = row.data
        values = {k: v for k, v in parsed.values.items() if v not in (None, "")}
        resident = parsed.resident
        if resident is not None and resident.status != Resident.Status.ACTIVE:
            row.reject(
                "name",
                _("此人在系统里是“%(status)s”状态：如已迁回，请先在居民页面办理迁入。")
                % {"status": resident.get_status_display()},
            )
            return
        dwelling_id = parsed.place.dwelling_id if parsed.place else None
        if resident is None:
            resident = Resident(community=context.community)
            data = ResidentInput(name=values["name"], id_number=parsed.id_number or "", phone=parsed.phone or "")
            for name in PLAIN_FIELDS:
                if name in values:
                    setattr(data, name, values[name])
            before = None
        else:
            before = {f: getattr(resident, f) for f in COMPARED}
            data = ResidentInput(name=resident.name)
            for name in PLAIN_FIELDS:
                setattr(data, name, values.get(name, getattr(resident, name)))
            if name_given := values.get("name"):
                data.name = name_given
            if (
                parsed.id_number
                and crypto.blind_index(parsed.id_number, purpose="id_number") != resident.id_number_bidx
            ):
                data.id_number = parsed.id_number
            if parsed.phone and crypto.blind_index(parsed.phone, purpose="phone") != resident.phone_bidx:
                data.phone = parsed.phone
            if "gender" not in values:
                data.gender = ""
            if "birth_date" not in values:
                data.birth_date = None
            if dwelling_id is None and parsed.place is None:
                dwelling_id = resident.dwelling_id
        try:
            apply_input(resident, data)
        except PeopleError as exc:
            row.reject(FIELD_COLUMNS.get(exc.field or "", "name"), exc.message)
            return
        resident.dwelling_id = dwelling_id
        parsed.resident = resident
        changes = []
        if before is not None:
            parsed.existing = True
            changes = [CHANGE_LABELS[f] for f in COMPARED if before[f] != getattr(resident, f) and f in CHANGE_LABELS]
            if parsed.place is not None and parsed.place.dwelling_id is None:
                changes.append(CHANGE_LABELS["dwelling_id"])
        if parsed.household_key:
            problem = self._check_household(context, parsed)
            if problem:
                row.reject("relation", problem)
                return
            if parsed.existing and parsed.membership_change:
                changes.append(CHANGE_LABELS["household"])
        if not parsed.existing:
            row.outcome = Outcome.CREATE
        elif changes:
            row.outcome = Outcome.UPDATE
            row.changes = "、".join(str(c) for c in dict.fromkeys(changes))
        else:
            row.outcome = Outcome.UNCHANGED

    def _check_household(self, context: Context, parsed: Parsed) -> str | None:
        household = context.households.get(parsed.household_key)
        if household is None and parsed.household_key.startswith("at:") and parsed.place and parsed.place.dwelling_id:
            household = context.dwelling_households.get(parsed.place.dwelling_id)
        member = parsed.current_member
        if household is not None and parsed.relation == Relation.HEAD:
            head = context.heads.get(household.pk)
            if head and (not parsed.existing or head != parsed.resident.pk):
                return _("户号 %(number)s 在系统里已有户主：一户只能有一位户主，请先在户页面变更户主。") % {
                    "number": household.number
                }
        if member is None:
            parsed.membership_change = True
        else:
            same_household = household is not None and member.household_id == household.pk
            parsed.membership_change = not same_household or member.relation != parsed.relation
        return None

    def _label(self, row: SourceRow) -> str:
        parsed = row.data
        name = parsed.values.get("name") if parsed else None
        raw = row.raw.get("name")
        parts = [name or (str(raw)[:20] if isinstance(raw, str) else "")]
        if parsed and parsed.id_number:
            parts.append(mask_id_number(parsed.id_number))
        if parsed and parsed.place:
            parts.append(self._place_text(parsed.place))
        return " ".join(p for p in parts if p)[:200]

    # Writing ---------------------------------------------------------------------------------

    def write(self, context: Context, rows: list[SourceRow]) -> None:
        actor = context.actor
        reason = f"导入：{context.job.file_name}"[:100]
        for row in rows:
            parsed = row.data
            if parsed.place is not None and parsed.place.dwelling_id is None:
                parsed.place.dwelling_id = self._create_dwelling(context, parsed.place)
                parsed.resident.dwelling_id = parsed.place.dwelling_id
        creates = [r.data.resident for r in rows if r.outcome == Outcome.CREATE]
        updates = [r.data for r in rows if r.outcome == Outcome.UPDATE]
        if creates:
            now = timezone.now()
            for resident in creates:
                resident.created_at = resident.updated_at = now
            context.writer(Resident).write(creates)
            context.history(Resident).write(creates, user_id=actor.pk, reason=reason, when=now)
            context.writer(ResidentNameKey).write_values(
                {"community_id": r.community_id, "resident_id": r.pk, "key": k}
                for r in creates
                for k in name_keys(r.name)
            )
            context.writer(Move).write_values(
                {
                    "community_id": r.community_id, "resident_id": r.pk, "kind": Move.Kind.IN,
                    "date": r.moved_in_date or context.today, "dwelling_id": r.dwelling_id, "place": "",
                    "reason": reason[:200], "recorded_by_id": actor.pk, "recorded_at": now,
                }
                for r in creates
            )  # fmt: skip
        changed = [p for p in updates if p.resident._state.adding is False]
        if changed:
            self._write_updates(context, changed, reason)
        self._write_households(context, [r.data for r in rows if r.data.household_key and r.data.membership_change])

    def _write_updates(self, context: Context, changed: list[Parsed], reason: str) -> None:
        residents = [p.resident for p in changed]
        stored = {
            r.pk: r
            for r in Resident.objects.in_community(context.community)
            .filter(pk__in=[r.pk for r in residents])
            .only("pk", "name", "dwelling_id", "version")
        }
        now = timezone.now()
        for resident in residents:
            resident.version = stored[resident.pk].version + 1
            resident.updated_at = now
        bulk_update_with_history(
            residents,
            Resident,
            [
                *PLAIN_FIELDS,
                "dwelling",
                "id_number_enc",
                "id_number_bidx",
                "phone_enc",
                "phone_bidx",
                "phone_last4",
                "name_pinyin",
                "name_abbr",
                "name_shengmu",
                "version",
                "updated_at",
            ],
            batch_size=1000,
            default_user=context.actor,
            default_change_reason=reason,
        )
        renamed = [r for r in residents if stored[r.pk].name != r.name]
        if renamed:
            keys = ResidentNameKey.objects.in_community(context.community)
            keys.filter(resident_id__in=[r.pk for r in renamed]).delete()
            keys.bulk_create(
                ResidentNameKey(community_id=r.community_id, resident_id=r.pk, key=k)
                for r in renamed
                for k in name_keys(r.name)
            )
        moved = [r for r in residents if stored[r.pk].dwelling_id != r.dwelling_id and r.dwelling_id]
        Move.objects.bulk_create(
            Move(
                community_id=r.community_id,
                resident_id=r.pk,
                kind=Move.Kind.WITHIN,
                date=context.today,
                dwelling_id=r.dwelling_id,
                reason=reason[:200],
                recorded_by=context.actor,
            )
            for r in moved
        )

    def _create_dwelling(self, context: Context, place: Place) -> int:
        compound_id, building_key, unit_key, room_key = place.key
        building_id = context.buildings.get((compound_id, building_key))
        if building_id is None:
            building = Building(community=context.community, compound=place.compound, name=place.building_text[:50])
            building._history_user = context.actor
            building.save()
            building_id = context.buildings[(compound_id, building_key)] = building.pk
        unit_id = None
        if unit_key:
            unit_id = context.units.get((building_id, unit_key))
            if unit_id is None:
                unit = Unit.objects.create(
                    community=context.community, building_id=building_id, name=place.unit_text[:30]
                )
                unit_id = context.units[(building_id, unit_key)] = unit.pk
        key = (building_id, unit_id, room_key)
        if key not in context.dwellings:
            dwelling = Dwelling(
                community=context.community, building_id=building_id, unit_id=unit_id, room=place.room[:20]
            )
            dwelling._history_user = context.actor
            dwelling.save()
            context.dwellings[key] = dwelling.pk
        return context.dwellings[key]

    def _write_households(self, context: Context, joining: list[Parsed]) -> None:
        """Put each person into the household the sheet says, creating missing households."""
        if not joining:
            return
        new_households = []
        for parsed in joining:
            household = context.households.get(parsed.household_key)
            if household is None and parsed.household_key.startswith("at:") and parsed.resident.dwelling_id:
                household = context.dwelling_households.get(parsed.resident.dwelling_id)
            if household is None:
                number = parsed.household_number or self._new_number(context, parsed)
                household = Household(
                    community=context.community, number=number, dwelling_id=parsed.resident.dwelling_id
                )
                new_households.append(household)
                context.household_numbers.add(number)
            context.households[parsed.household_key] = household
            if household.dwelling_id:
                context.dwelling_households.setdefault(household.dwelling_id, household)
        now = timezone.now()
        if new_households:
            for household in new_households:
                household.created_at = now
            context.writer(Household).write(new_households)
            context.history(Household).write(new_households, user_id=context.actor.pk, reason="导入", when=now)
        leaving = [p.current_member for p in joining if p.current_member is not None]
        for member in leaving:
            member.left_date = context.today
            member._history_user = context.actor
        if leaving:
            bulk_update_with_history(leaving, HouseholdMember, ["left_date"], default_user=context.actor)
        members = []
        for parsed in joining:
            household = context.households[parsed.household_key]
            members.append(
                {
                    "community_id": context.community.pk, "household_id": household.pk,
                    "resident_id": parsed.resident.pk, "relation": parsed.relation or Relation.OTHER,
                    "joined_date": context.today, "left_date": None,
                }
            )  # fmt: skip
            if parsed.relation == Relation.HEAD:
                context.heads[household.pk] = parsed.resident.pk
        context.writer(HouseholdMember).write_values(members)
        context.history(HouseholdMember).write(members, user_id=context.actor.pk, reason="导入", when=now)

    def _new_number(self, context: Context, parsed: Parsed) -> str:
        place = parsed.place
        base = f"{place.compound.name}{place.building_text}-{place.unit_text}-{place.room}".replace("--", "-")[:28]
        number, n = base, 1
        while number in context.household_numbers:
            n += 1
            number = f"{base}-{n}"
        return number


def _name_key(name: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(name or "")).casefold()


register_importer(PeopleImporter())
