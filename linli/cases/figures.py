"""cases' entries in the figure catalogue: the needs raised in a month by category and by channel,
the time to accept and to close, overdue, satisfaction, reopened, joint handling and mediations.
Counts per community only (a mediation's parties are never named here)."""

from django.db.models import Count, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.models import LIVE_STATUSES, Case, CaseEvent, Channel, MediationAgreement, Status
from linli.core import figures as f

NOT_COUNTED = (Status.MERGED,)  # a merged case lives on in the one it was merged into


def _raised(community_ids, month):
    start, end = f.month_bounds(month)
    return (
        Case.objects.in_community_ids(community_ids)
        .filter(created_at__gte=start, created_at__lt=end)
        .exclude(status__in=NOT_COUNTED)
    )


def by_category(community_ids, month):
    return f.per_community_part(_raised(community_ids, month), "category__name")


def by_channel(community_ids, month):
    return f.per_community_part(_raised(community_ids, month), "channel")


def by_compound(community_id, month):
    rows = _raised({community_id}, month).values_list("compound_id").annotate(n=Count("pk"))
    return dict(rows)


def accept_hours(community_ids, month):
    """Cases raised in the month and accepted: hours from raising to the first 受理 event."""
    accepted = CaseEvent.objects.in_community_ids(community_ids).filter(
        kind=CaseEvent.Kind.ACCEPTED, case__in=_raised(community_ids, month).values("pk")
    )  # the events by their community index, each to its case by primary key
    rows = (
        accepted.values("case_id")
        .annotate(accepted=Min("at"))
        .values_list("case__community_id", "case__created_at", "accepted")
    )
    return _mean_hours(rows, community_ids)


def close_hours(community_ids, month):
    """Cases closed (办结) in the month: hours from raising to closing."""
    rows = _closed(community_ids, month).values_list("community_id", "created_at", "closed_at")
    return _mean_hours(rows, community_ids)


def _closed(community_ids, month):
    start, end = f.month_bounds(month)
    return Case.objects.in_community_ids(community_ids).filter(
        status=Status.CLOSED, closed_at__gte=start, closed_at__lt=end
    )


def _mean_hours(rows, community_ids):
    pairs: dict[int, list] = {cid: [] for cid in community_ids}
    for cid, start, end in rows:
        pairs[cid].append((start, end))
    return {cid: f.hours_between(p) for cid, p in pairs.items()}


def overdue(community_ids, month):
    """Now: cases still being handled whose deadline has passed."""
    rows = Case.objects.in_community_ids(community_ids).filter(status__in=LIVE_STATUSES, due_at__lt=timezone.now())
    return f.per_community(rows)


def satisfaction(community_ids, month):
    rated = _closed(community_ids, month).filter(satisfaction__isnull=False)
    totals = f.per_community(rated, Sum("satisfaction"))
    counts = f.per_community(rated)
    return {cid: (totals.get(cid, 0), counts.get(cid, 0)) for cid in community_ids}


def reopened(community_ids, month):
    start, end = f.month_bounds(month)
    events = CaseEvent.objects.in_community_ids(community_ids).filter(
        kind=CaseEvent.Kind.REOPENED, at__gte=start, at__lt=end
    )
    return f.per_community(events)


def joint(community_ids, month):
    return f.per_community(_raised(community_ids, month).filter(joint=True))


def agreements(community_ids, month):
    rows = MediationAgreement.objects.in_community_ids(community_ids).filter(
        reached_on__gte=month, reached_on__lt=f.shift_month(month, 1)
    )
    return f.per_community(rows)


def _channel_label(code: str) -> str:
    return str(dict(Channel.choices).get(code, code))


def _fig(key, name, definition, unit, compute, order, **kw):
    return f.Figure(key, name, definition, unit, "needs", compute, order=order, **kw)


ITEMS, HOURS = _("件"), _("小时")
FIGURES = (
    _fig(
        "cases_by_category",
        _("诉求（按类别）"),
        _("该月提交的诉求（按提交时间，不含已合并的），按类别分列。"),
        ITEMS,
        by_category,
        200,
        kept=f.KEPT,
        max_age_minutes=10,
        by_compound=by_compound,
    ),
    _fig(
        "cases_by_channel",
        _("诉求（按渠道）"),
        _("同上，按来源渠道分列。"),
        ITEMS,
        by_channel,
        201,
        kept=f.KEPT,
        max_age_minutes=10,
        part_label=_channel_label,
    ),
    _fig(
        "cases_accept_hours",
        _("平均受理用时"),
        _("该月提交且已受理的诉求，从提交到第一次“受理”的小时数的平均。"),
        HOURS,
        accept_hours,
        202,
        kind=f.MEAN,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig(
        "cases_close_hours",
        _("平均办结用时"),
        _("该月办结的诉求，从提交到办结的小时数的平均。"),
        HOURS,
        close_hours,
        203,
        kind=f.MEAN,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig(
        "cases_overdue",
        _("超期未办结"),
        _("现在仍在办理（含待居民确认）且已过办理期限的诉求（只有当前数）。"),
        ITEMS,
        overdue,
        204,
        monthly=False,
    ),
    _fig(
        "cases_satisfaction",
        _("满意度"),
        _("该月办结并有评价的诉求的满意度平均分（1–5分）；评价不足5件不显示。"),
        _("分"),
        satisfaction,
        205,
        kind=f.MEAN,
        kept=f.KEPT,
        max_age_minutes=10,
        min_group=5,
    ),
    _fig(
        "cases_reopened",
        _("重新办理"),
        _("该月发生的“重新办理”（居民不满意退回）次数。"),
        _("次"),
        reopened,
        206,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig(
        "cases_joint",
        _("三方联动"),
        _("该月提交、启动三方联动的诉求。"),
        ITEMS,
        joint,
        207,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    _fig("mediation_agreements", _("调解协议"), _("该月达成的调解协议（按达成日期）。"), _("份"), agreements, 208),
)
