"""The register's 政治面貌 column: 中共党员 (党员, 预备党员 …) puts the resident on the list of
待确认党员 — not on the roll: staff confirm him onto his branch or dismiss the entry. Other known
answers (群众, 共青团员, the democratic parties …) change nothing; an answer not understood rejects
the row, saying so."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.imports import ImportExtension, SourceRow
from linli.core.models import ImportJob
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem
from linli.core.sheets.spec import Column
from linli.party import candidates
from linli.party.models import PartyCandidate, PartyMember

KEY = "political_status"
NOT_A_MEMBER = "none"
POLITICAL = {
    **dict.fromkeys(["中共党员", "党员", "中国共产党党员", "共产党员", "正式党员", "CPC"], PartyMember.Kind.FULL),
    **dict.fromkeys(["中共预备党员", "预备党员"], PartyMember.Kind.PROBATIONARY),
    **dict.fromkeys(
        [
            "群众", "共青团员", "团员", "中国共产主义青年团团员", "无", "无党派", "无党派人士", "民主党派",
            "民革党员", "民盟盟员", "民建会员", "民进会员", "农工党党员", "致公党党员", "九三学社社员",
            "台盟盟员", "入党积极分子", "积极分子", "发展对象",
        ],
        NOT_A_MEMBER,
    ),
}  # fmt: skip
WORD = gettext_lazy("政治面貌")
COLUMN = Column(
    KEY,
    "政治面貌",
    ("政治身份", "党派", "Political status"),
    help="中共党员、预备党员导入后列入“待确认党员”，由书记确认；群众、共青团员等不作处理。",
    example="群众",
)


@dataclass
class RegisterContext:
    job: ImportJob
    commit: bool
    members: set[int] = field(default_factory=set)  # residents on the roll now
    pending: set[int] = field(default_factory=set)  # residents already waiting


def begin(job: ImportJob, commit: bool) -> RegisterContext | None:
    if KEY not in job.mapping:
        return None
    context = RegisterContext(job=job, commit=commit)
    members = PartyMember.objects.in_community(job.community_id).filter(resident__isnull=False, left_on__isnull=True)
    context.members = set(members.values_list("resident_id", flat=True))
    pending = PartyCandidate.objects.in_community(job.community_id).filter(status=PartyCandidate.Status.PENDING)
    context.pending = set(pending.values_list("resident_id", flat=True))
    return context


def check(context: RegisterContext | None, rows: list[SourceRow]) -> None:
    if context is None:
        return
    for row in rows:
        try:
            kind = cells.choice(row.raw.get(KEY), POLITICAL, str(WORD))
        except CellProblem as exc:
            row.reject(KEY, exc)
            continue
        if kind in (None, NOT_A_MEMBER) or not row.ok:
            continue
        if row.subject_id in context.members or row.subject_id in context.pending:
            continue  # on the roll, or waiting already
        row.extra["party"] = kind
        row.add_change(_("列入待确认党员"))


def write(context: RegisterContext | None, rows: list[SourceRow]) -> None:
    if context is None:
        return
    proposals = [
        candidates.CandidateProposal(
            resident_id=row.subject_id,
            kind=row.extra["party"],
            source=_("导入“%(file)s”第 %(n)s 行") % {"file": context.job.file_name[:80], "n": row.number},
        )
        for row in rows
        if row.extra.get("party") and row.subject_id
    ]
    if proposals:
        actor = context.job.committed_by or context.job.created_by
        candidates.candidates_propose(actor=actor, community_id=context.job.community_id, proposals=proposals)


EXTENSION = ImportExtension(
    kind="people",
    name="party",
    columns=(COLUMN,),
    begin=begin,
    check=check,
    write=write,
    intro=("政治面貌填“中共党员”或“预备党员”的人，导入后列入“待确认党员”，由书记在“党组织”页面确认后才算本社区党员。",),
)
