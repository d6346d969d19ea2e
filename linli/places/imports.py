"""Buildings and dwellings (楼栋房屋清册) on the import engine: each row a compound, building,
optional unit and room, with its use (自住/出租/空置) and floor area if the sheet has them. What is
missing is created — buildings and units under a compound of the community (new compounds only
when the user ticks it); a dwelling already there is updated where the sheet says otherwise; a row
naming the building alone adds the building. Buildings, units and rooms are compared as the
register's import compares them: 3栋 = 3号楼 = 3, 2单元 = 2, 301室 = 301."""

from __future__ import annotations

import decimal
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.audit import set_history_user
from linli.core.imports import Importer, SourceRow, register_importer
from linli.core.models import ImportJob, ImportRow
from linli.core.normalize import normalize_identifier, to_halfwidth
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem
from linli.core.sheets.spec import Column, ImportSpec
from linli.places.models import Building, Compound, Dwelling, Unit
from linli.places.permissions import EDIT_PLACES

Outcome = ImportRow.Outcome
BUILDING_SUFFIX, UNIT_SUFFIX, ROOM_SUFFIX = "号楼|栋|幢|座|号|楼", "单元|单|门", "室|号|房"
USES = {
    **dict.fromkeys(["自住", "业主自住", "住宅", "居住"], Dwelling.Use.OWNER),
    **dict.fromkeys(["出租", "租赁", "出租屋", "租住"], Dwelling.Use.RENTED),
    **dict.fromkeys(["空置", "空房", "闲置", "未入住"], Dwelling.Use.VACANT),
    **dict.fromkeys(["其他", "商铺", "商用", "办公", "车库", "仓库"], Dwelling.Use.OTHER),
}
SPEC = ImportSpec(
    kind="places",
    title="楼栋房屋清册",
    columns=(
        Column("compound", "小区", ("小区名称", "所在小区", "Compound"), True, "须与系统中的名称一致。", "仙湖花园"),
        Column("building", "楼栋", ("楼号", "栋号", "楼栋号", "幢", "Building"), True, "如 3栋、3号楼、3。", "3栋"),
        Column("unit", "单元", ("单元号", "Unit"), help="没有单元的楼可不填。", example="2单元"),
        Column("room", "房号", ("门牌号", "室号", "房间号", "Room"), help="不填时只登记楼栋。", example="301"),
        Column("use", "用途", ("使用情况", "房屋用途", "居住情况", "Use"), help="自住、出租、空置或其他。",
               example="自住"),
        Column("area", "面积", ("建筑面积", "面积㎡", "面积（㎡）", "面积(平方米)", "Area"), help="平方米，如 89.5。",
               example="89.5"),
    ),
)  # fmt: skip


def place_key(text: str | None, suffixes: str) -> str:
    if not text:
        return ""
    key = normalize_identifier(text)
    return re.sub(f"({suffixes})$", "", key) or key


def name_key(name: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(name or "")).casefold()


@dataclass
class Row:
    compound: str  # its name key
    compound_name: str
    building: str
    unit: str
    room: str
    use: str | None = None
    area: decimal.Decimal | None = None

    @property
    def building_key(self) -> tuple:
        return (self.compound, place_key(self.building, BUILDING_SUFFIX))

    @property
    def unit_key(self) -> tuple:
        return (*self.building_key, place_key(self.unit, UNIT_SUFFIX))

    @property
    def key(self) -> tuple:
        return (*self.unit_key, place_key(self.room, ROOM_SUFFIX))


@dataclass
class Context:
    job: ImportJob
    actor: object
    create_compounds: bool
    compounds: dict[str, Compound | None] = field(default_factory=dict)  # None: to be created
    other_compounds: dict[str, str] = field(default_factory=dict)
    buildings: dict[tuple, Building | None] = field(default_factory=dict)
    units: dict[tuple, Unit | None] = field(default_factory=dict)
    dwellings: dict[tuple, Dwelling | None] = field(default_factory=dict)
    seen: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))


def _text(raw: dict, key: str, length: int) -> str:
    return cells.text(raw.get(key), max_length=length) or ""


def _area(value) -> decimal.Decimal | None:
    text = cells.text(value)
    if not text:
        return None
    try:
        area = decimal.Decimal(text.replace("㎡", "").replace("平方米", "").replace("平米", "").strip())
    except decimal.InvalidOperation:
        raise CellProblem(_("面积“%(v)s”不是数字：请填平方米数，如 89.5。") % {"v": text[:20]}) from None
    if not 0 < area < 100000:
        raise CellProblem(_("面积“%(v)s”不对：应大于 0、小于 100000 平方米。") % {"v": text[:20]})
    return area.quantize(decimal.Decimal("0.01"))


class PlacesImporter(Importer):
    kind = "places"
    title = gettext_lazy("楼栋和房屋")
    blurb = gettext_lazy("把小区的楼栋、单元、房号清册导入系统：没有的新建，已有的按表更新用途和面积。")
    spec = SPEC
    order = 20
    subject = gettext_lazy("楼栋、房屋")
    counts_people = False
    options = {"create_compounds": gettext_lazy("表中的小区在系统里没有时，自动新建")}
    intro = [
        "楼栋房屋清册 · 导入模板（linli 邻里）",
        "1. 每行一套房屋：小区、楼栋、单元、房号；只填小区和楼栋时登记这栋楼。",
        "2. 小区名称要与系统一致；系统里没有的小区，勾选“自动新建”后才会新建。",
        "3. 用途填自住、出租、空置或其他；面积填平方米数。空着的格子不改系统里已有的信息。",
        "4. 同一套房屋只能有一行；重复导入同一个文件不会重复登记。",
    ]

    def allowed(self, scope, community_id: int) -> bool:
        return scope.has(EDIT_PLACES, community_id)

    def begin(self, job: ImportJob, *, commit: bool) -> Context:
        community_id = job.community_id
        context = Context(job=job, actor=job.committed_by if commit else job.created_by,
                          create_compounds=bool(job.options.get("create_compounds")))  # fmt: skip
        compounds = {c.pk: c for c in Compound.objects.in_community(community_id)}
        for compound in compounds.values():
            context.compounds[name_key(compound.name)] = compound
        for name, other in (
            Compound.objects.unscoped().exclude(community_id=community_id).values_list("name", "community__name")
        ):
            context.other_compounds.setdefault(name_key(name), other)
        buildings = {}
        for building in Building.objects.in_community(community_id):
            buildings[building.pk] = building
            key = (name_key(compounds[building.compound_id].name), place_key(building.name, BUILDING_SUFFIX))
            context.buildings.setdefault(key, building)
        building_keys = {b.pk: k for k, b in context.buildings.items() if b is not None}
        for unit in Unit.objects.in_community(community_id):
            if unit.building_id in building_keys:
                context.units.setdefault((*building_keys[unit.building_id], place_key(unit.name, UNIT_SUFFIX)), unit)
        unit_names = {u.pk: k[-1] for k, u in context.units.items() if u is not None}
        for dwelling in Dwelling.objects.in_community(community_id):
            if dwelling.building_id in building_keys:
                unit = unit_names.get(dwelling.unit_id, "") if dwelling.unit_id else ""
                key = (*building_keys[dwelling.building_id], unit, place_key(dwelling.room, ROOM_SUFFIX))
                context.dwellings.setdefault(key, dwelling)
        return context

    def survey(self, context: Context, row: SourceRow) -> None:
        try:
            parsed = _parse_place(row.raw)
        except CellProblem:
            return
        if parsed is not None:
            context.seen[parsed.key if parsed.room else parsed.building_key].append(row.number)

    def check(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            row.data = _parse(context, row)
            if row.ok:
                _plan(context, row)
            row.label = _label(row)

    def write(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            _write(context, row)


def _parse_place(raw: dict) -> Row | None:
    compound, building = _text(raw, "compound", 100), _text(raw, "building", 50)
    unit, room = _text(raw, "unit", 30), _text(raw, "room", 20)
    if not (compound or building or unit or room):
        return None
    return Row(name_key(compound), compound, building, unit, room)


def _parse(context: Context, row: SourceRow) -> Row | None:
    try:
        data = _parse_place(row.raw)
    except CellProblem as exc:
        row.reject("building", exc)
        return None
    if data is None:
        row.reject("compound", _("这一行没有小区和楼栋。"))
        return None
    for key, parse in (("use", functools.partial(cells.choice, table=USES, what=_("用途"))), ("area", _area)):
        try:
            setattr(data, key, parse(row.raw.get(key)))
        except CellProblem as exc:
            row.reject(key, exc)
    if not data.compound_name:
        row.reject("compound", _("请填写小区。"))
    elif data.compound not in context.compounds:
        if other := context.other_compounds.get(data.compound):
            row.reject(
                "compound", _("小区“%(c)s”属于%(other)s，不在本社区。") % {"c": data.compound_name, "other": other}
            )
        elif not context.create_compounds:
            row.reject("compound", _("本社区没有叫“%(c)s”的小区：请核对名称，或勾选“自动新建表中的小区”。")
                       % {"c": data.compound_name})  # fmt: skip
    if not data.building:
        row.reject("building", _("请填写楼栋。"))
    if data.unit and not data.room:
        row.reject("room", _("填了单元，也要填房号。"))
    others = [n for n in context.seen.get(data.key if data.room else data.building_key, []) if n != row.number]
    if others:
        row.reject(
            "room",
            _("与第 %(rows)s 行重复：同一套房屋（或楼栋）只能有一行。") % {"rows": "、".join(map(str, others[:5]))},
        )
    return data


def _plan(context: Context, row: SourceRow) -> None:
    """The row's outcome; what it will create is marked in the context, so later rows see it."""
    data: Row = row.data
    new = []
    if data.compound not in context.compounds:
        new.append(_("小区"))
        context.compounds[data.compound] = None
    if data.building_key not in context.buildings:
        new.append(_("楼栋"))
        context.buildings[data.building_key] = None
    if data.unit and data.unit_key not in context.units:
        new.append(_("单元"))
        context.units[data.unit_key] = None
    if not data.room:
        row.outcome = Outcome.CREATE if new else Outcome.UNCHANGED
        row.changes = _("新建：%(what)s") % {"what": "、".join(new)} if new else ""
        return
    dwelling = context.dwellings.get(data.key)
    if dwelling is None:
        if data.key in context.dwellings:  # planned by an earlier row: the survey's duplicate check missed it
            row.reject("room", _("这套房屋在表中已有一行。"))
            return
        context.dwellings[data.key] = None
        row.outcome = Outcome.CREATE
        row.changes = _("新建：%(what)s") % {"what": "、".join([*new, _("房屋")])}
        return
    changes = []
    if data.use and data.use != dwelling.use:
        changes.append(_("用途"))
    if data.area is not None and data.area != dwelling.area_m2:
        changes.append(_("面积"))
    row.outcome = Outcome.UPDATE if changes else Outcome.UNCHANGED
    row.changes = "、".join(changes)


def _write(context: Context, row: SourceRow) -> None:
    data: Row = row.data
    community_id, actor = context.job.community_id, context.actor
    compound = context.compounds.get(data.compound)
    if compound is None:
        compound = Compound(community_id=community_id, name=data.compound_name)
        set_history_user(compound, actor)
        compound.save()
        context.compounds[data.compound] = compound
    building = context.buildings.get(data.building_key)
    if building is None:
        building = Building(community_id=community_id, compound=compound, name=data.building)
        set_history_user(building, actor)
        building.save()
        context.buildings[data.building_key] = building
    row.subject_id = building.pk
    if not data.room:
        return
    unit = context.units.get(data.unit_key) if data.unit else None
    if data.unit and unit is None:
        unit = Unit.objects.create(community_id=community_id, building=building, name=data.unit)
        context.units[data.unit_key] = unit
    dwelling = context.dwellings.get(data.key)
    if dwelling is None:
        dwelling = Dwelling(community_id=community_id, building=building, unit=unit, room=data.room)
    elif row.outcome != Outcome.UPDATE:
        row.subject_id = dwelling.pk
        return
    if data.use:
        dwelling.use = data.use
    if data.area is not None:
        dwelling.area_m2 = data.area
    set_history_user(dwelling, actor)
    dwelling.save()
    context.dwellings[data.key] = dwelling
    row.subject_id = dwelling.pk


def _label(row: SourceRow) -> str:
    data: Row | None = row.data
    if data is None:
        return ""
    return " ".join(p for p in (data.compound_name, data.building, data.unit, data.room) if p)[:200]


register_importer(PlacesImporter())
