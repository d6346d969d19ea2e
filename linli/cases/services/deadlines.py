"""Deadlines: the time a case is given (by category and urgency), the sweep that marks cases due
soon and overdue, a deadline set by hand, and a change of urgency."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import LIVE_STATUSES, OPEN_STATUSES, URGENCY_RANK, Case, CaseEvent, Category, Notice, Urgency
from linli.cases.services.common import Actor, CaseError, _event, _reason, _require, can_handle
from linli.cases.services.notices import _notice, _secretaries, handlers_of
from linli.core.scoping import scope_for
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role


def deadline_for(category: Category, urgency: str, start: dt.datetime) -> dt.datetime:
    """When a case of this category and urgency filed at `start` is due (特急 and 紧急 get the
    category's shorter times, see Category.hours_for)."""
    return start + dt.timedelta(hours=category.hours_for(urgency))


def notify_urgent(case: Case, actor: Actor | None) -> None:
    """An urgent case is told at once to whoever handles it and to the community's secretaries
    (not to the one who filed or raised it: they know)."""
    if case.urgency == Urgency.NORMAL:
        return
    users = {u.pk: u for u in [*handlers_of(case), *_secretaries(case.community_id)]}
    users.pop(getattr(actor, "pk", None), None)
    text = _("%(u)s诉求：%(t)s，请在%(h)d小时内办理") % {
        "u": case.get_urgency_display(),
        "t": case.title,
        "h": case.category.hours_for(case.urgency),
    }
    _notice(users.values(), case, CaseEvent.Kind.URGENCY, text)


def sweep_deadlines(*, now: dt.datetime | None = None, batch: int = 5000) -> dict:
    """Mark live cases due soon and overdue, tell their handlers, and escalate the overdue ones to
    the community secretaries. Set-based: a run touches only cases whose state changes, so running
    it every few minutes over a million open cases is cheap. Idempotent (each case once per state)."""
    now = now or timezone.now()
    counts = {"due_soon": 0, "overdue": 0}
    live = Case.objects.unscoped().filter(status__in=LIVE_STATUSES, due_at__isnull=False)
    overdue = list(
        live.filter(due_at__lt=now, overdue_at__isnull=True)
        .select_related("category")
        .only("pk", "community_id", "title", "number", "assignee_id", "handler_org_id", "category__sla_hours")[:batch]
    )
    due_soon = list(
        live.filter(warn_at__lte=now, due_at__gte=now, due_soon_at__isnull=True, overdue_at__isnull=True).only(
            "pk", "community_id", "title", "number", "assignee_id", "handler_org_id"
        )[:batch]
    )
    handlers = _handler_map([*overdue, *due_soon])
    secretaries: dict[int, list] = {}
    with transaction.atomic():
        events, notices = [], []
        for case in due_soon:
            events.append(
                CaseEvent(
                    community_id=case.community_id,
                    case=case,
                    kind=CaseEvent.Kind.DUE_SOON,
                    note=_("即将到期"),
                    internal=True,
                    at=now,
                )
            )
            text = _("即将到期：%(n)s %(t)s") % {"n": case.number, "t": case.title}
            notices += [
                Notice(community_id=case.community_id, user_id=u, case=case, kind="due_soon", text=text[:200])
                for u in handlers(case)
            ]
        for case in overdue:
            events.append(
                CaseEvent(
                    community_id=case.community_id,
                    case=case,
                    kind=CaseEvent.Kind.OVERDUE,
                    note=_("已超过办理期限，已上报社区书记"),
                    internal=True,
                    at=now,
                )
            )
            if case.community_id not in secretaries:
                secretaries[case.community_id] = [u.pk for u in _secretaries(case.community_id)]
            text = _("已超期：%(n)s %(t)s") % {"n": case.number, "t": case.title}
            users = set(handlers(case)) | set(secretaries[case.community_id])
            notices += [
                Notice(community_id=case.community_id, user_id=u, case=case, kind="overdue", text=text[:200])
                for u in users
            ]
        CaseEvent.objects.bulk_create(events, batch_size=2000)
        Notice.objects.bulk_create(notices, batch_size=2000)
        if due_soon:
            counts["due_soon"] = Case.objects.unscoped().filter(pk__in=[c.pk for c in due_soon]).update(due_soon_at=now)
        if overdue:
            counts["overdue"] = (
                Case.objects.unscoped()
                .filter(pk__in=[c.pk for c in overdue])
                .update(overdue_at=now, escalation=F("escalation") + 1)
            )
    if len(overdue) == batch or len(due_soon) == batch:
        more = sweep_deadlines(now=now, batch=batch)
        counts = {k: counts[k] + more[k] for k in counts}
    return counts


def _handler_map(cases: list[Case]):
    """user ids to notify per case, with one query per kind of handler rather than per case."""
    org_ids = {c.handler_org_id for c in cases if c.handler_org_id and not c.assignee_id}
    team_ids = {c.community_id for c in cases if not c.handler_org_id and not c.assignee_id}
    by_org: dict[int, list[int]] = {}
    for org_id, user_id in Membership.objects.filter(partner_org_id__in=org_ids, is_active=True).values_list(
        "partner_org_id", "user_id"
    ):
        by_org.setdefault(org_id, []).append(user_id)
    by_team: dict[int, list[int]] = {}
    for community_id, user_id in Membership.objects.filter(
        community_id__in=team_ids, role__in=[Role.SECRETARY, Role.WORKER], is_active=True
    ).values_list("community_id", "user_id"):
        by_team.setdefault(community_id, []).append(user_id)

    def handlers(case: Case) -> list[int]:
        if case.assignee_id:
            return [case.assignee_id]
        if case.handler_org_id:
            return by_org.get(case.handler_org_id, [])
        return by_team.get(case.community_id, [])

    return handlers


@transaction.atomic
def case_set_due(*, actor: Actor, case: Case, due_at: dt.datetime) -> Case:
    """A deadline other than the category's (a follow-up task of a meeting, an agreed date)."""
    _require(can_handle(scope_for(actor), case))
    if due_at <= case.created_at:
        raise CaseError(_("办理期限要晚于登记时间。"), field="due")
    case.set_deadline(due_at)
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(
        due_at=case.due_at, warn_at=case.warn_at, due_soon_at=None, overdue_at=None
    )
    case.refresh_from_db()
    return case


@transaction.atomic
def case_set_urgency(*, actor: Actor, case: Case, urgency: str, reason: str = "") -> Case:
    """Change the urgency of an open case and its deadline with it. Raised, the case gets the shorter
    time counted from now (it became urgent when it was known to be), never later than it was due;
    lowered, the time counts from filing again. Raised, the handlers and secretaries are told."""
    _require(can_handle(scope_for(actor), case))
    if urgency not in Urgency.values:
        raise CaseError(_("紧急程度只能是一般、紧急或特急。"), field="urgency")
    if urgency == case.urgency:
        raise CaseError(_("紧急程度没有变化。"), field="urgency")
    if case.status not in OPEN_STATUSES:
        raise CaseError(_("这件诉求已办理完成，不能再改紧急程度。"), field="urgency")
    reason = _reason(reason, _("调整紧急程度的原因"))
    now = timezone.now()
    raised = _rank(urgency) < _rank(case.urgency)
    if raised:
        due = deadline_for(case.category, urgency, now)
        if case.due_at is not None:
            due = min(due, case.due_at)
        start = now
    else:
        due, start = deadline_for(case.category, urgency, case.created_at), case.created_at
        if due is not None and case.due_at is not None and case.due_at > due:
            due = case.due_at  # lowering never takes back time given (an approved extension, say)
    before = case.get_urgency_display()
    case.urgency = urgency
    case.set_deadline(due, start=start)
    fields = {"urgency": urgency, "due_at": case.due_at, "warn_at": case.warn_at, "updated_at": now}
    if due > now:
        fields["overdue_at"] = None
    if case.warn_at is not None and case.warn_at > now:
        fields["due_soon_at"] = None
    Case.objects.in_community(case.community_id).filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    note = _("%(a)s → %(b)s，办理期限 %(d)s：%(r)s") % {
        "a": before,
        "b": case.get_urgency_display(),
        "d": timezone.localtime(case.due_at).strftime("%Y-%m-%d %H:%M"),
        "r": reason,
    }
    _event(case, CaseEvent.Kind.URGENCY, actor, note, urgency=urgency)
    if raised:
        notify_urgent(case, actor)
    return case


def _rank(urgency: str) -> int:
    """0 is the most urgent (the inbox sorts by it the same way)."""
    return URGENCY_RANK.get(urgency, len(URGENCY_RANK))  # type: ignore[call-overload]
