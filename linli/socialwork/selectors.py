"""Reads of socialwork: the case file (every read is in the access log), the social worker's and
the supervisor's lists, the roster, and a client's own plan. Programme reports are in
`programme_report.py`."""

from __future__ import annotations

from django.db import models as db
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404

from linli.core.audit import access_log_write
from linli.core.events import timeline
from linli.core.models import AccessLog
from linli.core.scoping import scope_for, tenant_join
from linli.core.ui import id_param
from linli.socialwork.events import SUBJECT
from linli.socialwork.models import (
    Assessment,
    Case,
    CaseShare,
    Goal,
    NoteAddendum,
    NoteComment,
    Practitioner,
    ReferralOut,
    Risk,
    SessionNote,
    Task,
)
from linli.socialwork.scope import practitioner_scope
from linli.socialwork.services.common import SHARE_ROLES, today

OPEN_STATES = (Case.Status.OPEN, Case.Status.CLOSING)


def is_practitioner(actor, community_id: int) -> bool:
    return community_id in practitioner_scope(scope_for(actor)).community_ids


def get_case_for(actor, pk) -> Case:
    case = Case.objects.visible_to(actor).filter(pk=pk_).first() if (pk_ := id_param(pk)) is not None else None
    if case is None:
        raise Http404
    return case


def _role(actor, case: Case) -> str:
    worker = case.social_worker
    if worker is not None and worker.user_id == actor.pk:
        return "worker"
    if worker is not None and worker.supervisor is not None and worker.supervisor.user_id == actor.pk:
        return "supervisor"
    if case.status == Case.Status.REFERRED:
        return "intake"
    return "shared"


def case_file(*, actor, pk, request=None) -> dict:
    """The whole file, for its social worker, their supervisor and those it is shared with; the read
    is written to the access log (who, whose file, when) before anything is shown."""
    case = get_case_for(actor, pk)
    case = (
        Case.objects.visible_to(actor)
        .select_related("client", "social_worker__user", "social_worker__supervisor__user", "referred_by", "closed_by")
        .get(pk=case.pk)
    )
    access_log_write(
        actor=actor, action=AccessLog.Action.READ, community_id=case.community_id, subject_type="sw_case",
        subject_id=case.pk, fields=["case_file"], reason="个案档案", request=request,
    )  # fmt: skip
    cid = case.community_id
    notes = (
        SessionNote.objects.in_community(cid).filter(case=case).select_related("author")
        .prefetch_related(  # type: ignore[type-var]  # django-stubs cannot type two Prefetch objects
            Prefetch("addenda", queryset=NoteAddendum.objects.in_community(cid).select_related("author")),
            Prefetch("comments", queryset=NoteComment.objects.in_community(cid).select_related("author")),
        )
    )  # fmt: skip
    goals = list(
        Goal.objects.in_community(cid).filter(case=case)
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.in_community(cid).order_by("pk")))
    )  # fmt: skip
    goal_names = {str(g.pk): g.text for g in goals}
    note_rows = [(n, [(goal_names.get(k, ""), v) for k, v in n.progress.items()]) for n in notes]
    return {
        "case": case,
        "role": _role(actor, case),
        "assessment": (
            Assessment.objects.in_community(cid).filter(case=case).order_by("-assessed_date", "-pk").first()
            if case.intake_date
            else None
        ),
        "goals": goals,
        "loose_tasks": list(Task.objects.in_community(cid).filter(case=case, goal__isnull=True)),
        "notes": note_rows,
        "referrals": list(ReferralOut.objects.in_community(cid).filter(case=case)),
        "shares": list(CaseShare.objects.in_community(cid).filter(case=case, active=True).select_related("user")),
        "timeline": timeline(SUBJECT, case.pk, limit=30),
        "overdue_goal_ids": {g.pk for g in goals if not g.rating and g.review_date < today()},
    }


def _overdue_reviews():
    goals = Goal.objects.unscoped().filter(
        community_id=OuterRef("community_id"), case_id=OuterRef("pk"), rating="", review_date__lt=today()
    )
    return Coalesce(Subquery(goals.values("case_id").annotate(n=Count("pk")).values("n")[:1]), Value(0))


def _risk_order():
    return db.Case(When(risk=Risk.HIGH, then=0), When(risk=Risk.MEDIUM, then=1), default=2, output_field=IntegerField())


def _waits_for_signature():
    return db.Case(When(status=Case.Status.CLOSING, then=0), default=1, output_field=IntegerField())


def my_cases(*, actor, community_id: int):
    """The social worker's open cases, those waiting for the supervisor, then the referrals to take."""
    mine = (
        Case.objects.visible_to(actor)
        .filter(community_id=community_id, social_worker__user_id=actor.pk, status__in=OPEN_STATES)
        .select_related("client").annotate(overdue=_overdue_reviews(), risk_rank=_risk_order())
        .order_by("risk_rank", "-overdue", "intake_date", "pk")
    )  # fmt: skip
    waiting = (
        Case.objects.visible_to(actor).filter(community_id=community_id, status=Case.Status.REFERRED)
        .select_related("client", "referred_by").order_by("referred_at", "pk")
    )  # fmt: skip
    return mine, waiting


def closed_cases(*, actor, community_id: int):
    """The cases the social worker carried that are closed, the latest first (to reopen, or to look back)."""
    return (
        Case.objects.visible_to(actor)
        .filter(community_id=community_id, social_worker__user_id=actor.pk, status=Case.Status.CLOSED)
        .select_related("client").order_by("-closed_at", "-pk")
    )  # fmt: skip


def supervision_list(*, actor, community_id: int):
    """Open cases of the social workers the actor supervises: high risk first, then the most overdue
    reviews, then the oldest; closure requests waiting for her signature above all. One query (the
    overdue count is a subquery), paginated by the caller."""
    return (
        Case.objects.visible_to(actor)
        .filter(community_id=community_id, social_worker__supervisor__user_id=actor.pk, status__in=OPEN_STATES)
        .select_related("client", "social_worker__user")
        .annotate(overdue=_overdue_reviews(), risk_rank=_risk_order(), waits=_waits_for_signature())
        .order_by("waits", "risk_rank", "-overdue", "intake_date", "pk")
    )


def supervision_card(*, actor, community_id: int) -> dict | None:
    scope = scope_for(actor)
    if not is_practitioner(scope, community_id):
        return None
    rows = supervision_list(actor=actor, community_id=community_id)
    figures = rows.aggregate(
        open=Count("pk"), high=Count("pk", filter=Q(risk=Risk.HIGH)), closing=Count("pk", filter=Q(status="closing"))
    )
    return figures if figures["open"] else None


def roster(*, actor, community_id: int):
    if not scope_for(actor).has("manage_socialwork", community_id):
        raise Http404
    rows, open_cases = tenant_join(
        Practitioner.objects.in_community(community_id), "cases", community_id, status__in=OPEN_STATES
    )
    return (
        rows.select_related("user", "supervisor__user").annotate(open_cases=Count(open_cases)).order_by("-level", "pk")
    )


def staff_choices(community_id: int) -> list[tuple[int, str]]:
    from linli.tenancy.models import Membership

    rows = (
        Membership.objects.filter(community_id=community_id, is_active=True, role__in=("secretary", "worker"))
        .select_related("user").order_by("user__username")
    )  # fmt: skip
    return [(m.user_id, m.user.get_full_name() or m.user.get_username()) for m in rows]


def colleague_choices(case: Case) -> list[tuple[int, str]]:
    from linli.tenancy.models import Membership

    rows = (
        Membership.objects.filter(community_id=case.community_id, is_active=True, role__in=SHARE_ROLES)
        .select_related("user").order_by("user__username")
    )  # fmt: skip
    seen, out = set(), []
    for m in rows:
        if m.user_id not in seen:
            seen.add(m.user_id)
            out.append((m.user_id, m.user.get_full_name() or m.user.get_username()))
    return out


def client_plans(*, actor, community_id: int) -> list[dict]:
    """The resident's own plan (goals, tasks, who does them, review dates) — not the notes."""
    from linli.people.scope import people_scope

    mine = people_scope(scope_for(actor)).resident_ids
    if not mine:
        return []
    cases = (
        Case.objects.in_community(community_id).filter(client_id__in=mine)
        .exclude(status=Case.Status.REFERRED).select_related("social_worker__user").order_by("-intake_date")
    )  # fmt: skip
    out = []
    for case in cases:
        tasks = Prefetch("tasks", queryset=Task.objects.in_community(community_id).order_by("pk"))
        goals = Goal.objects.in_community(community_id).filter(case=case).prefetch_related(tasks)
        out.append({"case": case, "goals": list(goals)})
    return out
