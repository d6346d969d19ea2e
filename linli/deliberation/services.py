"""Changing meetings: the agenda, who is invited and came, minutes, votes, follow-ups, publishing.
Each change leaves an event row on the meeting (deliberation/events.py); cases are read and filed
through cases' selectors and services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import selectors as case_selectors
from linli.cases import services as cases
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.deliberation import events
from linli.deliberation.models import AgendaItem, Attendee, FollowUp, Meeting, Resolution
from linli.deliberation.permissions import MANAGE_MEETINGS
from linli.places.models import Compound

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community

# The channel a follow-up case is filed through: cases' Channel.DELIBERATION (its models are cases' own).
CASE_CHANNEL = "deliberation"
MEETING_FIELDS = ("compound_id", "topic", "held_at", "place", "quorum", "pass_percent")


class MeetingError(DomainError):
    pass


def _require_manage(actor: User, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_MEETINGS, community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以管理议事会议。"))


def _not_published(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.PUBLISHED:
        raise MeetingError(_("决议已公示，会议记录不能再改。"), code="published")


def _day_reached(meeting: Meeting, message: str) -> None:
    """Attendance, minutes and votes belong to a meeting that has taken place: none before its day."""
    if not meeting.day_reached:
        day = timezone.localtime(meeting.held_at).strftime("%Y-%m-%d")
        raise MeetingError(message % {"date": day}, code="not_yet")


@dataclass
class MeetingInput:
    compound_id: int | None
    topic: str
    held_at: dt.datetime | None
    place: str
    quorum: int = 5
    pass_percent: int = 50


@transaction.atomic
def meeting_save(*, actor: User, community: Community, meeting: Meeting | None, data: MeetingInput) -> Meeting:
    _require_manage(actor, community.pk)
    if meeting is not None:
        _not_published(meeting)
    compound = (
        Compound.objects.in_community(community).filter(pk=data.compound_id).first() if data.compound_id else None
    )
    if compound is None:
        raise MeetingError(_("请选择本社区的小区。"), field="compound")
    topic = (data.topic or "").strip()
    if len(topic) < 2:
        raise MeetingError(_("请写明议题。"), field="topic")
    if data.held_at is None:
        raise MeetingError(_("请填写会议时间。"), field="held_at")
    if not 1 <= data.quorum <= 500:
        raise MeetingError(_("法定到会人数应在1到500之间。"), field="quorum")
    if not 1 <= data.pass_percent <= 100:
        raise MeetingError(_("通过比例应在1%到100%之间。"), field="pass_percent")
    if meeting is not None and data.held_at > timezone.now() and _has_record(meeting):
        raise MeetingError(
            _("这次会议已登记到会、纪要或表决，不能把时间改到以后。"), field="held_at", code="has_record"
        )
    meeting = meeting or Meeting(community=community, created_by=actor)
    created, before = meeting.pk is None, {f: getattr(meeting, f, None) for f in MEETING_FIELDS}
    meeting.compound, meeting.topic, meeting.held_at = compound, topic[:100], data.held_at
    meeting.place, meeting.quorum, meeting.pass_percent = (
        (data.place or "").strip()[:100],
        data.quorum,
        data.pass_percent,
    )
    meeting.save()
    if created:
        events.meeting_created_event(meeting=meeting, actor=actor)
    elif changed := [f for f in MEETING_FIELDS if before[f] != getattr(meeting, f)]:
        events.meeting_edited_event(meeting=meeting, actor=actor, changed=changed)
    return meeting


@transaction.atomic
def agenda_add(*, actor: User, meeting: Meeting, title: str, case_number: str = "") -> AgendaItem:
    _require_manage(actor, meeting.community_id)
    _not_published(meeting)
    case = None
    if case_number.strip():
        case = case_selectors.case_by_number(actor=actor, community_id=meeting.community_id, number=case_number)
        if case is None:
            raise MeetingError(_("找不到编号为“%(n)s”的诉求。") % {"n": case_number.strip()[:20]}, field="case")
    title = (title or "").strip() or (case.title if case else "")
    if not title:
        raise MeetingError(_("请写明议程内容。"), field="title")
    order = AgendaItem.objects.in_community(meeting.community_id).filter(meeting=meeting).count() + 1
    item = AgendaItem.objects.create(
        community_id=meeting.community_id, meeting=meeting, order=order, title=title[:200], case=case
    )
    events.agenda_added_event(item=item, meeting=meeting, actor=actor)
    return item


@transaction.atomic
def attendee_add(*, actor: User, meeting: Meeting, party: str, names: str, voting: bool = True) -> list[Attendee]:
    """Invite one or more people of a party (names separated by 、 , or spaces)."""
    _require_manage(actor, meeting.community_id)
    _not_published(meeting)
    if party not in Attendee.Party.values:
        raise MeetingError(_("请选择代表方。"), field="party")
    parts = [n.strip() for n in (names or "").replace("、", ",").replace("，", ",").replace(" ", ",").split(",")]
    parts = [n[:50] for n in parts if n]
    if not parts:
        raise MeetingError(_("请填写参会人姓名。"), field="names")
    attendees = Attendee.objects.bulk_create(
        [
            Attendee(community_id=meeting.community_id, meeting=meeting, party=party, name=n, voting=voting)
            for n in parts
        ]
    )
    events.attendees_added_event(attendees=attendees, meeting=meeting, actor=actor)
    return attendees


def _has_record(meeting: Meeting) -> bool:
    cid = meeting.community_id
    return bool(
        meeting.minutes
        or Attendee.objects.in_community(cid).filter(meeting=meeting, present=True).exists()
        or Resolution.objects.in_community(cid).filter(meeting=meeting).exists()
    )


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, present_ids: list[int]) -> int:
    """Who came; it does not make the meeting held (its minutes do)."""
    _require_manage(actor, meeting.community_id)
    _not_published(meeting)
    _day_reached(meeting, _("会议定于%(date)s召开，到会情况要在会议当天或之后登记。"))
    attendees = Attendee.objects.in_community(meeting.community_id).filter(meeting=meeting)
    attendees.update(present=False)
    count = attendees.filter(pk__in=present_ids).update(present=True)
    events.attendance_recorded_event(meeting=meeting, actor=actor, present=count)
    return count


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """The minutes make the meeting held; clearing them makes it planned again."""
    _require_manage(actor, meeting.community_id)
    _not_published(meeting)
    _day_reached(meeting, _("会议定于%(date)s召开，会议纪要要在会议当天或之后填写。"))
    text = (minutes or "").strip()[:20000]
    Meeting.objects.in_community(meeting.community_id).filter(pk=meeting.pk).update(
        minutes=text, status=Meeting.Status.HELD if text else Meeting.Status.PLANNED
    )
    meeting.refresh_from_db()
    events.minutes_saved_event(meeting=meeting, actor=actor)
    return meeting


def passes(votes_for: int, present_voters: int, pass_percent: int) -> bool:
    """More than half for 50%; at least the share for any other rule (e.g. 67 = two thirds)."""
    if pass_percent == 50:
        return votes_for * 2 > present_voters
    return votes_for * 100 >= pass_percent * present_voters


@transaction.atomic
def resolution_record(
    *, actor: User, meeting: Meeting, text: str, votes_for, votes_against, votes_abstain, item_id=None
) -> Resolution:
    _require_manage(actor, meeting.community_id)
    _not_published(meeting)
    _day_reached(meeting, _("会议定于%(date)s召开，表决结果要在会议当天或之后录入。"))
    try:
        counts = [int(votes_for), int(votes_against), int(votes_abstain)]
    except (TypeError, ValueError):
        raise MeetingError(_("票数请填整数。"), field="votes_for") from None
    if any(n < 0 for n in counts):
        raise MeetingError(_("票数不能为负数。"), field="votes_for")
    present = (
        Attendee.objects.in_community(meeting.community_id).filter(meeting=meeting, voting=True, present=True).count()
    )
    if present < meeting.quorum:
        raise MeetingError(
            _("到会的表决人%(p)d人，不足法定人数%(q)d人，不能表决。请先登记到会情况。")
            % {"p": present, "q": meeting.quorum},
            code="no_quorum",
        )
    if sum(counts) > present:
        raise MeetingError(
            _("赞成、反对、弃权合计%(s)d票，多于到会表决人数%(p)d人。") % {"s": sum(counts), "p": present},
            field="votes_for",
        )
    text = (text or "").strip()
    if len(text) < 4:
        raise MeetingError(_("请写明决议内容。"), field="text")
    item = (
        AgendaItem.objects.in_community(meeting.community_id).filter(meeting=meeting, pk=item_id).first()
        if item_id
        else None
    )
    resolution = Resolution.objects.create(
        community_id=meeting.community_id,
        meeting=meeting,
        item=item,
        text=text[:2000],
        votes_for=counts[0],
        votes_against=counts[1],
        votes_abstain=counts[2],
        passed=passes(counts[0], present, meeting.pass_percent),
        recorded_by=actor,
    )
    events.resolution_recorded_event(resolution=resolution, meeting=meeting, actor=actor)
    return resolution


@transaction.atomic
def followup_add(
    *,
    actor: User,
    resolution: Resolution,
    category_id,
    description: str,
    handler_org_id=None,
    due: dt.date | None = None,
) -> FollowUp:
    """A task the resolution gives someone, filed as a case of the meeting's compound."""
    meeting = resolution.meeting
    _require_manage(actor, meeting.community_id)
    if not resolution.passed:
        raise MeetingError(_("未通过的决议不能分派落实任务。"))
    if due is not None and due < timezone.localdate():
        raise MeetingError(_("完成期限不能早于今天。"), field="due")
    case, _created = cases.case_file(
        actor=actor,
        community=meeting.community,
        data=cases.CaseInput(
            category_id=category_id,
            description=description,
            compound_id=meeting.compound_id,
            title=(description or "").strip()[:30],
        ),
        channel=CASE_CHANNEL,
    )
    if handler_org_id:
        reason = _("议事会议“%(t)s”决议落实") % {"t": meeting.topic}
        cases.case_assign(actor=actor, case=case, handler_org_id=handler_org_id, reason=reason)
    if due is not None:
        end = timezone.make_aware(dt.datetime.combine(due, dt.time(18, 0)))
        cases.case_set_due(actor=actor, case=case, due_at=end)
    follow_up = FollowUp.objects.create(community_id=meeting.community_id, resolution=resolution, case=case)
    events.followup_added_event(
        resolution=resolution, meeting=meeting, actor=actor, case_id=case.pk, number=case.number
    )
    return follow_up


@transaction.atomic
def publish(*, actor: User, meeting: Meeting, notice: str) -> Meeting:
    _require_manage(actor, meeting.community_id)
    if not Resolution.objects.in_community(meeting.community_id).filter(meeting=meeting).exists():
        raise MeetingError(_("还没有决议，不能公示。"))
    notice = (notice or "").strip()
    if len(notice) < 4:
        raise MeetingError(_("请写公示说明。"), field="notice")
    updated = (
        Meeting.objects.in_community(meeting.community_id)
        .filter(pk=meeting.pk)
        .exclude(status=Meeting.Status.PUBLISHED)
        .update(status=Meeting.Status.PUBLISHED, notice=notice[:4000], published_at=timezone.now())
    )
    if not updated:
        raise MeetingError(_("这次会议的决议已经公示过了。"), code="published")
    meeting.refresh_from_db()
    events.published_event(meeting=meeting, actor=actor)
    return meeting
