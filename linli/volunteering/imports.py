"""Volunteers (志愿者花名册) on the import engine: each row a person, found among the community's
residents by ID number, else by name + phone; his skills added to those he has, and the teams the
sheet names joined. Someone who is not a resident is refused unless the user ticks the option
(then he is registered by name, as staff do for volunteers from outside)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import crypto
from linli.core.identity import mask_id_number
from linli.core.imports import Importer, SourceRow, register_importer
from linli.core.models import ImportJob, ImportRow
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem
from linli.core.sheets.spec import Column, ImportSpec
from linli.people import selectors as people
from linli.people.models import Resident
from linli.tenancy.models import Community
from linli.volunteering import services
from linli.volunteering.models import Team, TeamMember, Volunteer
from linli.volunteering.permissions import MANAGE_VOLUNTEERS

Outcome = ImportRow.Outcome
SEPARATORS = "，、,;；/\n"
SPEC = ImportSpec(
    kind="volunteers",
    title="志愿者花名册",
    columns=(
        Column("name", "姓名", ("志愿者姓名", "名字"), True, "须与居民登记一致。", "王芳"),
        Column("id_number", "身份证号", ("公民身份号码", "身份证号码", "证件号码", "身份证"),
               help="用来认出是哪位居民；没有时填联系电话。", example="11010519491231002X"),
        Column("phone", "联系电话", ("手机号", "手机号码", "电话", "手机", "联系方式"), example="13800138000"),
        Column("skills", "技能特长", ("技能", "特长", "专长", "服务技能"), help="几项用顿号隔开，如 理发、家电维修。",
               example="理发、家电维修"),
        Column("teams", "服务队", ("所属队伍", "志愿服务队", "队伍", "所在队伍", "团队"),
               help="须与系统中服务队的名称一致；几支队用顿号隔开。", example="党员先锋队"),
        Column("note", "备注", ("说明",), example=""),
    ),
)  # fmt: skip


@dataclass
class Row:
    name: str
    id_number: str | None = None
    phone: str | None = None
    skills: list[str] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    note: str = ""
    resident: Resident | None = None
    volunteer: Volunteer | None = None
    new_skills: list[str] = field(default_factory=list)
    new_teams: list[Team] = field(default_factory=list)


@dataclass
class Context:
    job: ImportJob
    actor: object
    outsiders: bool
    teams: dict[str, Team] = field(default_factory=dict)
    seen: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def _key(text: str) -> str:
    return "".join((text or "").split()).casefold()


def _split(text: str | None) -> list[str]:
    for sep in SEPARATORS:
        text = (text or "").replace(sep, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _person_key(raw: dict) -> str | None:
    number = cells.id_key(raw.get("id_number"))
    if number:
        return f"id:{number}"
    try:
        name, phone = cells.text(raw.get("name")), cells.phone(raw.get("phone"))
    except CellProblem:
        return None
    return f"np:{name}|{phone or ''}" if name else None


class VolunteersImporter(Importer):
    kind = "volunteers"
    title = gettext_lazy("志愿者")
    blurb = gettext_lazy("把志愿者花名册导入系统：按身份证号或姓名加电话认出居民，补上技能，加入服务队。")
    spec = SPEC
    order = 40
    subject = gettext_lazy("志愿者")
    options = {"outsiders": gettext_lazy("表中不是本社区居民的，按姓名登记为社区外志愿者")}
    intro = [
        "志愿者花名册 · 导入模板（linli 邻里）",
        "1. 每行一名志愿者：填身份证号，或姓名加联系电话，系统据此认出是哪位居民。",
        "2. 技能特长几项用顿号隔开；已登记的志愿者只会补上新的技能，不会删去原有的。",
        "3. 服务队要与系统里的队伍名称一致（先在“志愿服务队”页面建好）。",
        "4. 不是本社区居民的志愿者，勾选“按姓名登记为社区外志愿者”后才会登记。",
    ]

    def allowed(self, scope, community_id: int) -> bool:
        return scope.has(MANAGE_VOLUNTEERS, community_id)

    def begin(self, job: ImportJob, *, commit: bool) -> Context:
        context = Context(job=job, actor=job.committed_by if commit else job.created_by,
                          outsiders=bool(job.options.get("outsiders")))  # fmt: skip
        for team in Team.objects.in_community(job.community_id):
            context.teams[_key(team.name)] = team
        return context

    def survey(self, context: Context, row: SourceRow) -> None:
        key = _person_key(row.raw)
        if key:
            context.seen[key].append(row.number)

    def check(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            row.data = _parse(context, row)
        _find(context, [r for r in rows if r.ok])
        _outcome(context, [r for r in rows if r.ok])
        for row in rows:
            row.label = _label(row)

    def write(self, context: Context, rows: list[SourceRow]) -> None:
        community = Community.objects.get(pk=context.job.community_id)
        for row in rows:
            data: Row = row.data
            volunteer = data.volunteer
            if volunteer is None:
                volunteer = services.volunteer_save(
                    actor=context.actor,
                    community=community,
                    data=services.VolunteerInput(
                        name=data.name,
                        resident_id=data.resident.pk if data.resident else None,
                        skills=data.skills,
                        note=data.note,
                    ),
                )
            elif data.new_skills:
                volunteer = services.volunteer_save(actor=context.actor, community=community, volunteer=volunteer,
                    data=services.VolunteerInput(
                        name=volunteer.name, compound_id=volunteer.compound_id, building_id=volunteer.building_id,
                        skills=[*volunteer.skills, *data.new_skills], free_slots=volunteer.free_slots,
                        kinds=volunteer.kinds, workplace=volunteer.workplace, note=volunteer.note,
                        in_service=volunteer.in_service))  # fmt: skip
            for team in data.new_teams:
                services.team_member_add(actor=context.actor, team=team, volunteer=volunteer)
            row.subject_id = volunteer.pk


def _parse(context: Context, row: SourceRow) -> Row | None:
    raw, values = row.raw, {}
    parsers = {
        "name": functools.partial(cells.text, max_length=50), "id_number": cells.id_number, "phone": cells.phone,
        "skills": functools.partial(cells.text, max_length=400), "teams": functools.partial(cells.text, max_length=300),
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
    teams = []
    for name in _split(values["teams"]):
        team = context.teams.get(_key(name))
        if team is None:
            known = "、".join(t.name for t in list(context.teams.values())[:6]) or _("（还没有服务队）")
            row.reject("teams", _("没有叫“%(team)s”的服务队，现有：%(known)s。") % {"team": name, "known": known})
        else:
            teams.append(team)
    others = [n for n in context.seen.get(_person_key(raw) or "", []) if n != row.number]
    if others:
        row.reject(
            "name", _("与第 %(rows)s 行是同一人：同一名志愿者只能有一行。") % {"rows": "、".join(map(str, others[:5]))}
        )
    if not row.ok:
        return None
    return Row(
        name=values["name"],
        id_number=values["id_number"],
        phone=values["phone"],
        skills=services.clean_skills(values["skills"] or ""),
        teams=teams,
        note=values["note"] or "",
    )


def _find(context: Context, rows: list[SourceRow]) -> None:
    """Each row's resident; one not found is refused unless outsiders may be registered by name."""
    found, phones = people.residents_by_keys(
        context.job.community_id,
        id_numbers=[r.data.id_number for r in rows if r.data.id_number],
        phones=[r.data.phone for r in rows if r.data.phone and not r.data.id_number],
        active_only=True,
    )
    for row in rows:
        data: Row = row.data
        if data.id_number:
            person = found.get(crypto.blind_index(data.id_number, purpose="id_number"))
            if person is not None and person.name != data.name:
                row.reject(
                    "name", _("身份证号对应的居民叫“%(who)s”，与表中的姓名不符：请核对。") % {"who": person.name}
                )
                continue
            candidates = [person] if person else []
        elif data.phone:
            candidates = [
                p for p in phones.get(crypto.blind_index(data.phone, purpose="phone"), []) if p.name == data.name
            ]
        else:
            candidates = []
        if len(candidates) > 1:
            row.reject(
                "name", _("有 %(n)d 位同名、同电话的居民，无法确定是哪一位：请补上身份证号。") % {"n": len(candidates)}
            )
        elif candidates:
            data.resident = candidates[0]
        elif not context.outsiders:
            who = mask_id_number(data.id_number) if data.id_number else data.name
            row.reject(
                "id_number" if data.id_number else "name",
                _("本社区没有这位居民（%(who)s）：请核对身份证号或电话，或勾选“按姓名登记为社区外志愿者”。")
                % {"who": who},
            )


def _outcome(context: Context, rows: list[SourceRow]) -> None:
    """Each good row's volunteer (if registered) and what the row adds to him; one query per chunk."""
    volunteers = Volunteer.objects.in_community(context.job.community_id).filter(status=Volunteer.Status.ACTIVE)
    residents = [r.data.resident.pk for r in rows if r.data.resident]
    names = [r.data.name for r in rows if r.data.resident is None]
    by_resident = {v.resident_id: v for v in volunteers.filter(resident_id__in=residents)} if residents else {}
    by_name = {v.name: v for v in volunteers.filter(resident__isnull=True, name__in=names)} if names else {}
    teams = defaultdict(set)
    ids = [v.pk for v in (*by_resident.values(), *by_name.values())]
    for volunteer_id, team_id in (
        TeamMember.objects.in_community(context.job.community_id)
        .filter(volunteer_id__in=ids)
        .values_list("volunteer_id", "team_id")
    ):
        teams[volunteer_id].add(team_id)
    for row in rows:
        data: Row = row.data
        volunteer = by_resident.get(data.resident.pk) if data.resident else by_name.get(data.name)
        data.volunteer = volunteer
        if volunteer is None:
            data.new_skills, data.new_teams = data.skills, data.teams
            row.outcome = Outcome.CREATE
        else:
            data.new_skills = [s for s in data.skills if s not in volunteer.skills]
            data.new_teams = [t for t in data.teams if t.pk not in teams[volunteer.pk]]
        changes = ([_("技能：+%(s)s") % {"s": "、".join(data.new_skills)}] if data.new_skills else []) + (
            [_("加入：%(t)s") % {"t": "、".join(t.name for t in data.new_teams)}] if data.new_teams else []
        )
        if volunteer is not None:
            row.outcome = Outcome.UPDATE if changes else Outcome.UNCHANGED
        row.changes = "；".join(changes)


def _label(row: SourceRow) -> str:
    data: Row | None = row.data
    if data is None:
        raw = row.raw.get("name")
        return str(raw).strip()[:20] if isinstance(raw, str) and not raw.startswith("=") else ""
    return " ".join(p for p in (data.name, mask_id_number(data.id_number) if data.id_number else "") if p)[:200]


register_importer(VolunteersImporter())
