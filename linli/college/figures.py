"""college's entries in the figure catalogue: sessions held, enrolments and attendance (人次)."""

from django.utils.translation import gettext_lazy as _

from linli.college.engine import COURSE, SESSION
from linli.college.models import Session
from linli.core import figures as f
from linli.participation import selectors as engine_reads


def sessions(community_ids, month):
    rows = Session.objects.in_community_ids(community_ids).filter(
        status=Session.Status.HELD, date__gte=month, date__lt=f.shift_month(month, 1)
    )
    return f.per_community(rows)


def enrolments(community_ids, month):
    """The engine's registrations on the courses, made in the month and still confirmed."""
    start, end = f.month_bounds(month)
    rows = engine_reads.registration_rows(community_ids, owner_type=COURSE).filter(
        status="confirmed", registered_at__gte=start, registered_at__lt=end
    )
    return f.per_community(rows)


def attendance(community_ids, month):
    """The engine's attendance at the sessions of the month (the month the session was held)."""
    rows = engine_reads.attendance_rows(community_ids, owner_type=SESSION, since=month, until=f.shift_month(month, 1))
    return f.per_community(rows)


FIGURES = (
    f.Figure(
        "college_sessions",
        _("社区学院课次"),
        _("该月已上的课（按上课日期）。"),
        _("次"),
        "participation",
        sessions,
        order=310,
    ),
    f.Figure(
        "college_enrolments",
        _("学院报名"),
        _("该月提交且现为“已报名”的报名（不含候补和已取消）。"),
        _("人"),
        "participation",
        enrolments,
        order=311,
    ),
    f.Figure(
        "college_attendance",
        _("学院上课人次"),
        _("该月各课次的出勤记录（含插班听课）。"),
        _("人次"),
        "participation",
        attendance,
        order=312,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
)
