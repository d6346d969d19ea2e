"""The first steps of the check: the survey of the whole sheet (what spans rows: duplicate
people, heads per household) and the parse of each row — its cells, its place, its household."""

import datetime as dt

from django.utils.translation import gettext as _

from linli.core.imports import SourceRow
from linli.core.normalize import normalize_identifier, to_halfwidth
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem, YearMonth
from linli.people.imports import tagging
from linli.people.imports.context import Context, Parsed, Place
from linli.people.imports.spec import ADDRESS, CELL_PARSERS, RELATION_WORD, RELATIONS, name_key
from linli.people.models import Relation


def survey(context: Context, row: SourceRow) -> None:
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
    key, relation = household_of_raw(raw)
    if key and relation == Relation.HEAD:
        context.head_rows[key].append(row.number)


def household_of_raw(raw: dict) -> tuple[str | None, str | None]:
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


def parse(context: Context, row: SourceRow) -> Parsed | None:
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
    parsed.place = parse_place(context, row)
    household_of(context, row, parsed)
    parsed.tag_answers = tagging.parse_tags(context, row)
    return parsed


def parse_place(context: Context, row: SourceRow) -> Place | None:
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
        match = ADDRESS.match(to_halfwidth(address).replace(" ", ""))
        if not match:
            row.reject(
                "address",
                _("住址“%(a)s”认不出小区、楼栋和房号：请写成“仙湖花园3栋2单元301”，或分列填写。") % {"a": address[:40]},
            )
            return None
        compound_text, building, unit, room = match.group("compound", "building", "unit", "room")
        column = "address"
    if not (compound_text or building or room):
        return None
    if not (compound_text and building and room):
        row.reject(column, _("住址要有小区、楼栋和房号三项（单元可无）。"))
        return None
    compound = context.compounds.get(name_key(compound_text))
    if compound is None:
        other = context.other_compounds.get(name_key(compound_text))
        if other:
            row.reject(
                column,
                _("小区“%(c)s”属于%(other)s，不在本社区：不能登记到本社区。") % {"c": compound_text, "other": other},
            )
        else:
            row.reject(
                column,
                _("本社区没有叫“%(c)s”的小区：请核对名称，或先在“小区与楼栋”中添加。") % {"c": compound_text},
            )
        return None
    place = Place(compound, building, unit or "", room)
    place.dwelling_id = find_dwelling(context, place)
    if place.dwelling_id is None and not context.create_dwellings:
        row.reject(column, _("系统里没有房屋 %(p)s：请核对，或勾选“自动新建表中的房屋”。") % {"p": place_text(place)})
        return None
    return place


def find_dwelling(context: Context, place: Place) -> int | None:
    compound_id, building_key, unit_key, room_key = place.key
    building_id = context.buildings.get((compound_id, building_key))
    if building_id is None:
        return None
    unit_id = context.units.get((building_id, unit_key)) if unit_key else None
    if unit_key and unit_id is None:
        return None
    return context.dwellings.get((building_id, unit_id, room_key))


def place_text(place: Place) -> str:
    return f"{place.compound.name} {place.building_text} {place.unit_text} {place.room}".replace("  ", " ")


def household_of(context: Context, row: SourceRow, parsed: Parsed) -> None:
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
