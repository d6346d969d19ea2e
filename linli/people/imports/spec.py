"""The household register's columns as the import engine reads them (with the headers Chinese
registers use), the words it understands for relations and kinds of residence, and the keys
under which compounds, buildings, units and rooms are compared."""

import functools
import re

from django.utils.translation import gettext_lazy

from linli.core.models import ImportRow
from linli.core.normalize import normalize_identifier, to_halfwidth
from linli.core.sheets import cells
from linli.core.sheets.spec import Column, ImportSpec
from linli.people.models import Relation, Resident
from linli.people.services import PLAIN_FIELDS

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
        Column(
            "tag_disabled",
            "是否残疾",
            ("残疾", "残疾人", "是否残疾人", "Disabled"),
            help="是或否（也可填 √、1、有）。填“是”加上“残疾”标签，填“否”去掉它。",
            example="否",
        ),
        Column(
            "tag_dibao",
            "是否低保",
            ("低保", "低保户", "是否低保户", "是否低保对象"),
            help="是或否。填“是”加上“低保”标签，填“否”去掉它。",
            example="否",
        ),
        Column(
            "tag_alone",
            "是否独居",
            ("独居", "独居老人", "是否独居老人"),
            help="是或否。填“是”加上“独居老人”标签，填“否”去掉它。",
            example="否",
        ),
    ),
)
# A yes/no column -> the names under which communities keep its key-group tag (the first is the usual).
TAG_COLUMNS = {
    "tag_disabled": ("残疾", "残疾人", "残疾人员"),
    "tag_dibao": ("低保", "低保户", "低保对象"),
    "tag_alone": ("独居老人", "独居"),
}

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
ADDRESS = re.compile(
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


def name_key(name: str) -> str:
    """A compound's name as compared: without spaces, half-width, case-folded."""
    return re.sub(r"\s+", "", to_halfwidth(name or "")).casefold()
