"""activities' entries in the figure catalogue: events held, sign-ups and attendance (人次) in a month."""

from django.utils.translation import gettext_lazy as _

from linli.activities.models import Event
from linli.activities.services import OWNER
from linli.core import figures as f
from linli.participation import selectors as engine_reads


def _held(community_ids, month):
    start, end = f.month_bounds(month)
    return Event.objects.in_community_ids(community_ids).filter(
        status=Event.Status.PUBLISHED, starts_at__gte=start, starts_at__lt=end
    )


def events(community_ids, month):
    return f.per_community(_held(community_ids, month))


def _offerings_q(month):
    start, end = f.month_bounds(month)
    return {"offering__starts_at__gte": start, "offering__starts_at__lt": end, "offering__cancelled": False}


def signups(community_ids, month):
    """Registrations that took a place (confirmed, attended or no-show) for the month's events."""
    rows = engine_reads.registration_rows(community_ids, owner_type=OWNER).filter(
        status__in=("confirmed", "attended", "no_show"), **_offerings_q(month)
    )
    return f.per_community(rows)


def attendance(community_ids, month):
    """Check-ins at the month's events (the engine's rows, by their community index)."""
    rows = engine_reads.attendance_rows(community_ids, owner_type=OWNER, since=month, until=f.shift_month(month, 1))
    return f.per_community(rows.filter(offering__cancelled=False))


FIGURES = (
    f.Figure(
        "events_held",
        _("活动"),
        _("该月开始的已发布活动（不含草稿和取消的）。"),
        _("场"),
        "participation",
        events,
        order=300,
    ),
    f.Figure(
        "event_signups",
        _("活动报名"),
        _("该月活动中占到名额的报名（已报名、已参加、未到）。"),
        _("人次"),
        "participation",
        signups,
        order=301,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    f.Figure(
        "event_attendance",
        _("活动参与"),
        _("该月活动的签到人次。"),
        _("人次"),
        "participation",
        attendance,
        order=302,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
)
