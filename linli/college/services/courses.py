"""Courses and their sessions: a weekly rule expanded on China's calendar (college/schedule.py),
sessions moved or cancelled with the enrolled told, never onto a holiday or onto another session of
the same lecturer or room."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.college import engine, events, schedule
from linli.college.models import Course, Lecturer, Session, Term
from linli.college.services.common import CollegeError, require_manage
from linli.venues import selectors as venue_selectors
from linli.venues import services as venues

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass
class CourseInput:
    term_id: int | None
    title: str
    subject: str
    lecturer_id: int | None
    venue: str
    capacity: int | None
    weekday: int | None
    starts_at: dt.time | None
    ends_at: dt.time | None
    sessions_planned: int | None
    first_date: dt.date | None
    completion_percent: int = 80
    age_min: int | None = None
    age_max: int | None = None
    description: str = ""
    public: bool = True
    room_id: int | None = None


def _check(community_id: int, data: CourseInput) -> tuple[Term, Lecturer]:
    term = Term.objects.in_community(community_id).filter(pk=data.term_id).first() if data.term_id else None
    if term is None:
        raise CollegeError(_("请选择学期。"), field="term", code="term")
    lecturer = (
        Lecturer.objects.in_community(community_id).filter(pk=data.lecturer_id, active=True).first()
        if data.lecturer_id
        else None
    )
    if lecturer is None:
        raise CollegeError(_("请从师资库中选择讲师。"), field="lecturer", code="lecturer")
    if not (data.title or "").strip():
        raise CollegeError(_("请填写课程名称。"), field="title", code="title")
    if not (data.subject or "").strip():
        raise CollegeError(_("请选择科目。"), field="subject", code="subject")
    if data.room_id:
        label = venue_selectors.thing_label(community_id, data.room_id)
        if label is None:
            raise CollegeError(_("所选教室不是本社区的场地。"), field="room", code="room")
        data.venue = (data.venue or "").strip() or label
    if not (data.venue or "").strip():
        raise CollegeError(_("请填写上课地点，或选择预约系统里的教室。"), field="venue", code="venue")
    if not data.capacity or data.capacity < 1 or data.capacity > 500:
        raise CollegeError(_("名额应在1到500人之间。"), field="capacity", code="capacity")
    if data.weekday is None or not 0 <= data.weekday <= 6:
        raise CollegeError(_("请选择每周哪一天上课。"), field="weekday", code="weekday")
    if data.starts_at is None or data.ends_at is None or data.ends_at <= data.starts_at:
        raise CollegeError(_("下课时间应晚于上课时间。"), field="ends_at", code="hours")
    if not data.sessions_planned or data.sessions_planned < 1:
        raise CollegeError(_("课次至少为1次：0周的课程排不出课。"), field="sessions_planned", code="count")
    if data.sessions_planned > schedule.MAX_WEEKS:
        raise CollegeError(
            _("一门课最多%(n)d次课；更长的课程请分学期开设。") % {"n": schedule.MAX_WEEKS},
            field="sessions_planned", code="count",
        )  # fmt: skip
    if data.first_date is None:
        raise CollegeError(_("请填写首次上课日期。"), field="first_date", code="first_date")
    if not term.starts_on <= data.first_date <= term.ends_on:
        raise CollegeError(
            _("首次上课日期不在%(term)s（%(start)s至%(end)s）之内。")
            % {"term": term.name, "start": term.starts_on, "end": term.ends_on},
            field="first_date", code="first_date",
        )  # fmt: skip
    if not 0 < data.completion_percent <= 100:
        raise CollegeError(_("结业出勤率应在1%到100%之间。"), field="completion_percent", code="completion")
    if data.age_min is not None and data.age_max is not None and data.age_min > data.age_max:
        raise CollegeError(_("最小年龄大于最大年龄。"), field="age_max", code="ages")
    return term, lecturer


def plan(data: CourseInput) -> tuple[list[schedule.Day], list[schedule.Day]]:
    """The sessions the rule gives and the holidays it skips (the form's preview and the save)."""
    assert data.first_date is not None and data.weekday is not None and data.sessions_planned
    try:
        return schedule.expand(data.first_date, data.weekday, data.sessions_planned)
    except schedule.RuleError as error:
        raise CollegeError(_("这个每周规则排不出课次，请检查星期和课次。"), field="weekday", code=str(error)) from error


def within_term(term: Term, days) -> None:
    """Refuse a rule whose last session falls after the term (the holidays it skips push it later)."""
    if days and days[-1].date > term.ends_on:
        raise CollegeError(
            _("按这个规则，最后一次课在%(last)s，超出了%(term)s（到%(end)s为止）：请减少课次，或把后面的课排到下学期。")
            % {"last": days[-1].date.isoformat(), "term": term.name, "end": term.ends_on.isoformat()},
            field="sessions_planned", code="past_term",
        )  # fmt: skip


@transaction.atomic
def create_course(*, actor: User, community_id: int, data: CourseInput) -> Course:
    require_manage(actor, community_id)
    term, lecturer = _check(community_id, data)
    days, skipped = plan(data)
    within_term(term, days)
    assert data.weekday is not None and data.starts_at and data.ends_at and data.first_date and data.capacity
    if data.room_id:
        _hold_room(community_id, data.room_id, spans(days, data.starts_at, data.ends_at))
    course = Course.objects.create(
        community_id=community_id, term=term, title=data.title.strip()[:60], subject=data.subject.strip()[:20],
        lecturer=lecturer, venue=data.venue.strip()[:100], room_id=data.room_id or None, capacity=data.capacity,
        weekday=data.weekday,
        starts_at=data.starts_at, ends_at=data.ends_at, sessions_planned=len(days), first_date=data.first_date,
        completion_percent=data.completion_percent, age_min=data.age_min, age_max=data.age_max,
        description=data.description.strip()[:2000], public=data.public, created_by=actor,
    )  # fmt: skip
    sessions = Session.objects.bulk_create(
        [
            Session(
                community_id=community_id,
                course=course,
                number=i,
                date=day.date,
                starts_at=data.starts_at,
                ends_at=data.ends_at,
                workday_swap=day.workday_swap,
                holiday_unknown=day.unknown,
            )  # fmt: skip
            for i, day in enumerate(days, start=1)
        ]
    )
    engine.make_offerings(actor=actor, course=course, sessions=sessions)
    events.course_event(
        "course_created", course=course, actor=actor,
        data={"note": course.title, "skipped": [d.date.isoformat() for d in skipped]},
    )  # fmt: skip
    return course


def spans(days, starts_at: dt.time, ends_at: dt.time) -> list[tuple[dt.datetime, dt.datetime]]:
    """The sessions' (start, end) as aware datetimes: what they take of a room in venues."""
    return [
        (
            timezone.make_aware(dt.datetime.combine(d.date, starts_at)),
            timezone.make_aware(dt.datetime.combine(d.date, ends_at)),
        )
        for d in days
    ]


def room_clashes(community_id: int, data: CourseInput, days) -> list:
    """The bookings and other uses the planned sessions would collide with (the form's preview)."""
    if not data.room_id or data.starts_at is None or data.ends_at is None:
        return []
    return venues.room_conflicts(community_id=community_id, thing_id=data.room_id,
                                 spans=spans(days, data.starts_at, data.ends_at))  # fmt: skip


def _hold_room(community_id: int, room_id: int, taken, exclude=None) -> None:
    """Lock the room and refuse if a booking or another use overlaps (venues' rule, one calendar)."""
    try:
        venues.slots_check(community_id=community_id, thing_id=room_id, spans=taken, exclude=exclude)
    except venues.VenueError as exc:
        raise CollegeError(exc.message, field="room", code="room_taken") from exc


def _clash(session: Session, date: dt.date, starts_at: dt.time, ends_at: dt.time) -> Session | None:
    """Another live session of the same lecturer, or in the same room, overlapping that time."""
    course = session.course
    return (
        Session.objects.in_community(session.community_id)
        .filter(date=date, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(pk=session.pk)
        .exclude(status=Session.Status.CANCELLED)
        .filter(Q(course__lecturer_id=course.lecturer_id) | Q(course__venue=course.venue))
        .select_related("course")
        .first()
    )


def _locked(session: Session) -> Session:
    rows = Session.objects.in_community(session.community_id).select_for_update()
    return rows.select_related("course").get(pk=session.pk)


@transaction.atomic
def move_session(
    *, actor: User, session: Session, date: dt.date | None, starts_at: dt.time | None, ends_at: dt.time | None,
    note: str = "",
) -> Session:  # fmt: skip
    require_manage(actor, session.community_id)
    session = _locked(session)
    if session.status != Session.Status.SCHEDULED:
        raise CollegeError(_("这次课已上过或已取消，不能调整。"), code="not_scheduled")
    if date is None or starts_at is None or ends_at is None:
        raise CollegeError(_("请填写新的日期和上下课时间。"), field="date", code="missing")
    if ends_at <= starts_at:
        raise CollegeError(_("下课时间应晚于上课时间。"), field="ends_at", code="hours")
    holiday = schedule.is_statutory_holiday(date)
    if holiday:
        raise CollegeError(
            _("%(date)s是法定节假日，不能调到这一天。") % {"date": date.isoformat()}, field="date", code="holiday"
        )
    other = _clash(session, date, starts_at, ends_at)
    if other is not None:
        raise CollegeError(
            _("与“%(course)s”第%(n)d次课（%(date)s %(time)s）冲突：同一讲师或同一教室。")
            % {"course": other.course.title, "n": other.number, "date": other.date.isoformat(),
               "time": other.starts_at.strftime("%H:%M")},
            field="date", code="clash",
        )  # fmt: skip
    if session.course.room_id:
        _hold_room(session.community_id, session.course.room_id,
                   spans([schedule.day_info(date)], starts_at, ends_at), exclude=("college", session.pk))  # fmt: skip
    old = session.date
    session.moved_from = session.moved_from or old
    session.date, session.starts_at, session.ends_at = date, starts_at, ends_at
    info = schedule.day_info(date)
    session.workday_swap, session.holiday_unknown = info.workday_swap, info.unknown
    session.note = note.strip()[:200]
    session.save()
    engine.session_changed(actor=actor, session=session)
    events.course_event(
        "session_moved", course=session.course, actor=actor,
        data={"note": f"#{session.number} {old.isoformat()} → {date.isoformat()}"},
    )  # fmt: skip
    _tell_enrolled(session, "session_moved")
    return session


@transaction.atomic
def cancel_session(*, actor: User, session: Session, reason: str) -> Session:
    require_manage(actor, session.community_id)
    session = _locked(session)
    if session.status != Session.Status.SCHEDULED:
        raise CollegeError(_("这次课已上过或已取消。"), code="not_scheduled")
    if not (reason or "").strip():
        raise CollegeError(_("请写明取消的原因，报名的居民会收到通知。"), field="reason", code="reason")
    session.status, session.note = Session.Status.CANCELLED, reason.strip()[:200]
    session.save(update_fields=["status", "note"])
    engine.session_cancelled(actor=actor, session=session)
    events.course_event(
        "session_cancelled", course=session.course, actor=actor, data={"note": f"#{session.number} {reason[:80]}"}
    )
    _tell_enrolled(session, "session_cancelled")
    return session


def _tell_enrolled(session: Session, kind: str) -> None:
    """Tell everyone enrolled in the course (the participation engine's registrations)."""
    from linli.college.services.enrolment import tell_enrolled

    tell_enrolled(session, kind)
