"""The party roll (党员名册) on the import engine: each row a member, found among the community's
residents by ID number, else by name + phone (a roll names no one who is not registered here: a
member living elsewhere is added on the branch's page); his branch by name; 入党时间, 党员类别,
在职/离退休. A member already on the roll is updated; a candidate waiting for him is settled."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import crypto
from linli.core.identity import mask_id_number
from linli.core.imports import Importer, SourceRow
from linli.core.models import ImportJob, ImportRow
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem, YearMonth
from linli.core.sheets.spec import Column, ImportSpec
from linli.party import services
from linli.party.models import PartyMember, PartyOrg
from linli.party.permissions import MANAGE_PARTY
from linli.people import selectors as people
from linli.people.models import Resident

Outcome = ImportRow.Outcome
KINDS = {
    **dict.fromkeys(["正式党员", "正式", "党员", "中共党员"], PartyMember.Kind.FULL),
    **dict.fromkeys(["预备党员", "预备", "中共预备党员"], PartyMember.Kind.PROBATIONARY),
}
WORK = {
    **dict.fromkeys(["在职", "在岗", "在职党员", "在职人员"], PartyMember.WorkStatus.IN_SERVICE),
    **dict.fromkeys(["离退休", "退休", "离休", "离退休党员", "退休人员"], PartyMember.WorkStatus.RETIRED),
    **dict.fromkeys(["其他", "无业", "失业", "学生", "灵活就业", "待业"], PartyMember.WorkStatus.OTHER),
}
SPEC = ImportSpec(
    kind="party_roll",
    title="党员名册",
    columns=(
        Column("name", "姓名", ("党员姓名", "名字"), True, "党员的姓名，须与居民登记一致。", "王芳"),
        Column("id_number", "身份证号", ("公民身份号码", "身份证号码", "证件号码", "身份证"),
               help="用来认出是哪位居民；没有时填联系电话。整列请设为“文本”格式。", example="11010519491231002X"),
        Column("phone", "联系电话", ("手机号", "手机号码", "电话", "手机", "联系方式"), example="13800138000"),
        Column("org", "所在党组织", ("党支部", "所在党支部", "党组织", "支部", "所属支部", "所在支部"), True,
               "须与系统中党组织的名称一致，如“第一网格党支部”。", "第一网格党支部"),
        Column("joined_on", "入党时间", ("入党日期", "入党年月"),
               help="如 1998-07-01；只有年月时（1998.07）记为当月1日。", example="1998-07-01"),
        Column("kind", "党员类别", ("类别", "党籍状态", "党员类型"), help="正式党员或预备党员，不填为正式党员。",
               example="正式党员"),
        Column("work_status", "在职/离退休", ("在职情况", "是否退休", "工作状态", "人员状态", "在职离退休"),
               help="在职、离退休或其他。", example="离退休"),
        Column("note", "备注", ("说明",), example=""),
    ),
)  # fmt: skip


@dataclass
class Row:
    name: str
    org: PartyOrg
    id_number: str | None = None
    phone: str | None = None
    joined_on: object = None
    kind: str | None = None  # None: not given (a new member is then 正式党员)
    work_status: str | None = None
    note: str = ""
    resident: Resident | None = None
    member: PartyMember | None = None


@dataclass
class Context:
    job: ImportJob
    actor: object
    orgs: dict[str, PartyOrg] = field(default_factory=dict)
    seen: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def _key(text: str) -> str:
    return "".join((text or "").split()).casefold()


def _person_key(raw: dict) -> str | None:
    number = cells.id_key(raw.get("id_number"))
    if number:
        return f"id:{number}"
    try:
        name, phone = cells.text(raw.get("name")), cells.phone(raw.get("phone"))
    except CellProblem:
        return None
    return f"np:{name}|{phone}" if name and phone else None


class PartyRollImporter(Importer):
    kind = "party_roll"
    title = gettext_lazy("党员名册")
    blurb = gettext_lazy("把党员名册导入各党支部：按身份证号或姓名加电话认出居民，已在册的更新，待确认的一并确认。")
    spec = SPEC
    order = 30
    subject = gettext_lazy("党员")
    intro = [
        "党员名册 · 导入模板（linli 邻里）",
        "1. 每行一名党员，须是本社区登记的居民：填身份证号，或姓名加联系电话，系统据此认出是哪位居民。",
        "2. “所在党组织”要与系统里党组织的名称一致（先在“党组织”页面建好党委、支部）。",
        "3. 已在册的党员按表更新所在组织、类别、入党时间和在职/离退休；空着的格子不改。",
        "4. 住在外面、组织关系在本社区的党员请在党组织页面逐个添加。",
    ]

    def allowed(self, scope, community_id: int) -> bool:
        return scope.has(MANAGE_PARTY, community_id)

    def begin(self, job: ImportJob, *, commit: bool) -> Context:
        context = Context(job=job, actor=job.committed_by if commit else job.created_by)
        for org in PartyOrg.objects.in_community(job.community_id):
            context.orgs.setdefault(_key(org.name), org)
        return context

    def survey(self, context: Context, row: SourceRow) -> None:
        key = _person_key(row.raw)
        if key:
            context.seen[key].append(row.number)

    def check(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            row.data = _parse(context, row)
        _find_residents(context, [r for r in rows if r.ok])
        members = _current_members(context, [r.data.resident.pk for r in rows if r.ok])
        for row in rows:
            if row.ok:
                _outcome(row, members.get(row.data.resident.pk))
            row.label = _label(row)

    def write(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            data: Row = row.data
            if data.member is None:
                data.member = services.member_add(
                    actor=context.actor, org=data.org, resident_id=data.resident.pk,
                    kind=data.kind or PartyMember.Kind.FULL, joined_on=data.joined_on, note=data.note,
                    work_status=data.work_status or "",
                )  # fmt: skip
            elif row.outcome == Outcome.UPDATE:
                services.member_change(
                    actor=context.actor, member=data.member, org=data.org, kind=data.kind or data.member.kind,
                    joined_on=data.joined_on or data.member.joined_on,
                    work_status=data.work_status if data.work_status is not None else data.member.work_status,
                )  # fmt: skip
            row.subject_id = data.member.pk


def _joined_on(value) -> dt.date | None:
    """Rolls often keep only the month one joined (1985.07): the first of that month."""
    day = cells.date(value, allow_year_month=True)
    if isinstance(day, YearMonth):
        return dt.date(day[0], day[1], 1)
    return day


def _parse(context: Context, row: SourceRow) -> Row | None:
    raw, values = row.raw, {}
    parsers = {
        "name": functools.partial(cells.text, max_length=50), "id_number": cells.id_number, "phone": cells.phone,
        "org": functools.partial(cells.text, max_length=100), "joined_on": _joined_on,
        "kind": functools.partial(cells.choice, table=KINDS, what=_("党员类别")),
        "work_status": functools.partial(cells.choice, table=WORK, what=_("在职/离退休")),
        "note": functools.partial(cells.text, max_length=200),
    }  # fmt: skip
    for key, parse in parsers.items():
        try:
            values[key] = parse(raw.get(key))
        except CellProblem as exc:
            row.reject(key, exc)
            values[key] = None
    if not values["name"] and not any(k == "name" for k, _r in row.problems):
        row.reject("name", _("姓名是空的。"))
    org = context.orgs.get(_key(values["org"] or ""))
    if values["org"] and org is None:
        names = "、".join(o.name for o in list(context.orgs.values())[:6])
        row.reject(
            "org", _("本社区没有叫“%(org)s”的党组织，现有：%(names)s。") % {"org": values["org"], "names": names}
        )
    elif not values["org"] and not any(k == "org" for k, _r in row.problems):
        row.reject("org", _("请填写所在党组织。"))
    if values["joined_on"] and values["joined_on"] > timezone.localdate():
        row.reject("joined_on", _("入党时间不能晚于今天。"))
    if (
        not values["id_number"]
        and not values["phone"]
        and not any(k in ("id_number", "phone") for k, _r in row.problems)
    ):
        row.reject("id_number", _("要填身份证号或联系电话，系统才能认出是哪位居民。"))
    key = _person_key(raw)
    others = [n for n in context.seen.get(key or "", []) if n != row.number]
    if others:
        row.reject(
            "name", _("与第 %(rows)s 行是同一人：同一名党员只能有一行。") % {"rows": "、".join(map(str, others[:5]))}
        )
    if not row.ok or org is None:
        return None
    return Row(
        name=values["name"], org=org, id_number=values["id_number"], phone=values["phone"],
        joined_on=values["joined_on"], kind=values["kind"],
        work_status=values["work_status"], note=values["note"] or "",
    )  # fmt: skip


def _find_residents(context: Context, rows: list[SourceRow]) -> None:
    by_id = {crypto.blind_index(r.data.id_number, purpose="id_number"): r for r in rows if r.data.id_number}
    by_phone = {crypto.blind_index(r.data.phone, purpose="phone"): r for r in rows if not r.data.id_number}
    found, phones = people.residents_by_keys(
        context.job.community_id,
        id_numbers=[r.data.id_number for r in rows if r.data.id_number],
        phones=[r.data.phone for r in rows if not r.data.id_number],
    )
    for bidx, row in by_id.items():
        person = found.get(bidx)
        if person is None:
            row.reject(
                "id_number",
                _("本社区没有身份证号为 %(id)s 的居民：请先导入居民登记表，或核对号码。")
                % {"id": mask_id_number(row.data.id_number)},
            )
        elif person.name != row.data.name:
            row.reject("name", _("身份证号对应的居民叫“%(who)s”，与表中的姓名不符：请核对。") % {"who": person.name})
        else:
            row.data.resident = person
    for bidx, row in by_phone.items():
        matches = [p for p in phones.get(bidx, []) if p.name == row.data.name]
        if len(matches) == 1:
            row.data.resident = matches[0]
        elif matches:
            row.reject(
                "name", _("有 %(n)d 位同名、同电话的居民，无法确定是哪一位：请补上身份证号。") % {"n": len(matches)}
            )
        else:
            row.reject("phone", _("本社区没有叫“%(name)s”、用这个电话的居民：请补上身份证号，或先登记这位居民。")
                       % {"name": row.data.name})  # fmt: skip


def _current_members(context: Context, resident_ids: list[int]) -> dict[int, PartyMember]:
    if not resident_ids:
        return {}
    members = PartyMember.objects.in_community(context.job.community_id).filter(
        resident_id__in=resident_ids, left_on__isnull=True
    )
    return {m.resident_id: m for m in members}


def _outcome(row: SourceRow, member: PartyMember | None) -> None:
    data: Row = row.data
    if member is None:
        row.outcome = Outcome.CREATE
        return
    data.member = member
    changes = []
    if member.org_id != data.org.pk:
        changes.append(_("所在党组织"))
    if data.kind and member.kind != data.kind:
        changes.append(_("党员类别"))
    if data.joined_on and member.joined_on != data.joined_on:
        changes.append(_("入党时间"))
    if data.work_status is not None and member.work_status != data.work_status:
        changes.append(_("在职/离退休"))
    row.outcome = Outcome.UPDATE if changes else Outcome.UNCHANGED
    row.changes = "、".join(changes)


def _label(row: SourceRow) -> str:
    data: Row | None = row.data
    if data is None:
        raw = row.raw.get("name")
        return str(raw).strip()[:20] if isinstance(raw, str) and not raw.startswith("=") else ""
    parts = [data.name, mask_id_number(data.id_number) if data.id_number else "", data.org.name]
    return " ".join(p for p in parts if p)[:200]
