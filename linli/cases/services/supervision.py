"""Supervision: the community's secretary urges a case (催办), the street's supervisor supervises it
(督办). The case counts each, its handler is told and sees it marked, the timeline keeps it."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from linli.cases.models import OPEN_STATUSES, Case, CaseEvent
from linli.cases.services.common import Actor, _event, _move, _require, can_supervise, can_urge
from linli.cases.services.notices import _notice, _secretaries, handlers_of
from linli.core.scoping import scope_for


@transaction.atomic
def case_urge(*, actor: Actor, case: Case, note: str = "") -> Case:
    """催办 by the community's secretary, with an optional note."""
    _require(can_urge(scope_for(actor), case), _("只有社区书记可以催办。"))
    _move(case, frm=OPEN_STATUSES, to=case.status, urge_count=F("urge_count") + 1)
    note = (note or "").strip()[:500]
    _event(case, CaseEvent.Kind.URGED, actor, note, count=case.urge_count)
    text = _("催办（第%(n)d次）：%(t)s") % {"n": case.urge_count, "t": case.title}
    _notice(handlers_of(case), case, CaseEvent.Kind.URGED, f"{text} {note}".strip())
    return case


@transaction.atomic
def case_supervise(*, actor: Actor, case: Case, note: str = "") -> Case:
    """督办 by the street: the handler and the community's secretaries are told."""
    _require(can_supervise(scope_for(actor), case), _("只有街道督导可以督办。"))
    _move(case, frm=OPEN_STATUSES, to=case.status, supervision_count=F("supervision_count") + 1)
    note = (note or "").strip()[:500]
    _event(case, CaseEvent.Kind.SUPERVISED, actor, note, count=case.supervision_count)
    text = _("街道督办（第%(n)d次）：%(t)s") % {"n": case.supervision_count, "t": case.title}
    text = f"{text} {note}".strip()
    told = {u.pk: u for u in [*handlers_of(case), *_secretaries(case.community_id)]}
    _notice(list(told.values()), case, CaseEvent.Kind.SUPERVISED, text)
    return case
