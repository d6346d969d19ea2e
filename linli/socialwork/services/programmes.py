"""Programmes (项目化运作): the programme, its indicators, and the records linked to it by reference
(events, volunteer projects, care plans from their modules; cases by their social worker)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.socialwork.events import case_event
from linli.socialwork.models import Case, Programme, ProgrammeGoal, ProgrammeLink
from linli.socialwork.permissions import MANAGE_SOCIALWORK
from linli.socialwork.services.common import SocialWorkError, a_date, case_for_update, require_worker, text


def _require_manager(actor, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_SOCIALWORK, community_id):
        raise PermissionDeniedError(_("只有社区书记可以设立和维护服务项目。"))


def _fen(value, field: str) -> int:
    raw = str(value or "0").strip()
    try:
        yuan = float(raw)
    except ValueError:
        raise SocialWorkError(_("预算须是金额（元）。"), field=field) from None
    if yuan < 0 or yuan > 100_000_000:
        raise SocialWorkError(_("预算须在0到一亿元之间。"), field=field)
    return round(yuan * 100)


@transaction.atomic
def programme_save(*, actor, community_id: int, name: str, target_group: str, start_date, end_date, aim: str = "",
                   funder: str = "", budget_yuan="0") -> Programme:  # fmt: skip
    _require_manager(actor, community_id)
    clean = {
        "name": text(name, field="name", label=_("项目名称"), max_length=100),
        "target_group": text(target_group, field="target_group", label=_("服务对象"), max_length=200),
        "aim": text(aim, field="aim", label=_("项目目标"), max_length=2000, required=False),
        "funder": text(funder, field="funder", label=_("资助方"), max_length=100, required=False),
        "budget_fen": _fen(budget_yuan, "budget"),
        "start_date": a_date(start_date, field="start_date", label=_("开始日期")),
        "end_date": a_date(end_date, field="end_date", label=_("结束日期")),
    }
    start, end = clean["start_date"], clean["end_date"]
    assert isinstance(start, dt.date) and isinstance(end, dt.date)
    if end < start:
        raise SocialWorkError(_("结束日期不能早于开始日期。"), field="end_date")
    if Programme.objects.in_community(community_id).filter(name=clean["name"]).exists():
        raise SocialWorkError(_("已有同名的服务项目。"), field="name", code="duplicate")
    return Programme.objects.create(community_id=community_id, created_by=actor, **clean)


@transaction.atomic
def programme_goal_add(*, actor, programme: Programme, text_: str, kind: str, metric: str, target) -> ProgrammeGoal:
    _require_manager(actor, programme.community_id)
    if kind not in ProgrammeGoal.Kind.values:
        raise SocialWorkError(_("请选择产出指标或成效指标。"), field="kind")
    if metric not in ProgrammeGoal.Metric.values:
        raise SocialWorkError(_("请选择指标的计算方式。"), field="metric")
    if not str(target or "").isdigit() or not 0 < int(target) <= 1_000_000:
        raise SocialWorkError(_("目标值须是正整数。"), field="target")
    return ProgrammeGoal.objects.create(
        community_id=programme.community_id, programme=programme, kind=kind, metric=metric, target=int(target),
        text=text(text_, field="text", label=_("指标"), max_length=200),
    )  # fmt: skip


def _linked_record(actor, community_id: int, kind: str, ref_id):
    """The record in its own module, loaded for the actor (404 there is a refusal here)."""
    from linli.care.selectors import get_plan_for
    from linli.participation.selectors import offering_of
    from linli.volunteering.selectors import visible_projects

    try:
        if kind == ProgrammeLink.Kind.EVENT:  # an event of activities, reached through the participation engine
            offering = offering_of("activities.event", community_id, int(ref_id))
            if offering is not None:
                return offering.community_id, offering.title
        if kind == ProgrammeLink.Kind.CARE_PLAN:
            plan = get_plan_for(actor, ref_id)
            return plan.community_id, f"{plan.resident.name}（{plan.reason}）"
        if kind == ProgrammeLink.Kind.VOLUNTEER_PROJECT:
            project = visible_projects(actor).filter(pk=int(ref_id)).first()
            if project is not None:
                return project.community_id, project.title
    except (Http404, ValueError, TypeError):
        pass
    raise SocialWorkError(_("找不到要关联的记录。"), field="ref_id")


@transaction.atomic
def programme_link(*, actor, programme: Programme, kind: str, ref_id) -> ProgrammeLink:
    _require_manager(actor, programme.community_id)
    if kind not in ProgrammeLink.Kind.values:
        raise SocialWorkError(_("请选择关联的记录类别。"), field="kind")
    community_id, label = _linked_record(actor, programme.community_id, kind, ref_id)
    if community_id != programme.community_id:
        raise SocialWorkError(_("找不到要关联的记录。"), field="ref_id")
    link, _made = ProgrammeLink.objects.in_community(community_id).get_or_create(
        community_id=community_id, programme=programme, kind=kind, ref_id=int(ref_id), defaults={"label": label[:200]}
    )
    return link


@transaction.atomic
def case_link_programme(*, actor, case: Case, programme_id) -> Case:
    """The case's social worker puts the case in a programme (or takes it out: programme_id None)."""
    case = case_for_update(actor, case)
    require_worker(actor, case)
    programme = None
    if programme_id not in (None, ""):  # "abc" is refused, never read as "no programme"
        pk = id_param(programme_id)
        programme = Programme.objects.in_community(case.community_id).filter(pk=pk).first() if pk else None
        if programme is None:
            raise SocialWorkError(_("找不到这个服务项目。"), field="programme")
    if case.programme_id != (programme.pk if programme else None):
        case.programme = programme
        case.save(update_fields=["programme"])
        case_event("case_programme", case=case, actor=actor, note=programme.name if programme else "")
    return case


@transaction.atomic
def group_link_programme(*, actor, group, programme_id):
    """The group's social worker puts the group in a programme (or takes it out: programme_id None);
    its members, sessions and attendance then count in the programme's report."""
    from linli.socialwork.models import Group

    row = Group.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=group.pk).first()
    if row is None:
        raise SocialWorkError(_("找不到这个小组，或您无权查看。"), code="not_found")
    if row.worker.user_id != actor.pk:
        raise PermissionDeniedError(_("只有带领本小组的社工可以这样做。"))
    programme = None
    if programme_id not in (None, ""):
        pk = id_param(programme_id)
        programme = Programme.objects.in_community(row.community_id).filter(pk=pk).first() if pk else None
        if programme is None:
            raise SocialWorkError(_("找不到这个服务项目。"), field="programme")
    row.programme = programme
    row.save(update_fields=["programme"])
    return row
