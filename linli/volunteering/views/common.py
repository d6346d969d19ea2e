"""What the volunteering pages share: the user's own registration, where the library is read, and
the parsers of what a form posts (free-time boxes, small numbers, a time on a day, a record)."""

import datetime as dt

from django.http import Http404, HttpRequest
from django.utils import timezone

from linli.core.scoping import scope_for
from linli.core.ui import date_param, datetime_param, id_param
from linli.people import free_time
from linli.tenancy.community import active_community
from linli.tenancy.models import Community
from linli.volunteering import selectors, services
from linli.volunteering.models import Volunteer
from linli.volunteering.permissions import VIEW_VOLUNTEERS


def my_volunteer(request: HttpRequest, community_id: int | None = None) -> Volunteer | None:
    """The user's own active registration (in the given community, else the active one, else any)."""
    rows = selectors.my_registrations(request.user)
    if community_id is not None:
        return next((r for r in rows if r.community_id == community_id), None)
    active = active_community(request)
    return next((r for r in rows if active and r.community_id == active.pk), rows[0] if rows else None)


def library_community(request: HttpRequest) -> tuple[Community, bool]:
    """Where the project library and duties are read: staff's active community, else the community the
    volunteer serves in, else the community of any role (residents may look). (community, is staff)."""
    scope = scope_for(request.user)
    active = active_community(request)
    if active and scope.has(VIEW_VOLUNTEERS, active.pk):
        return active, True
    mine = my_volunteer(request)
    if mine is not None:
        return mine.community, False
    if active is not None:
        return active, False
    raise Http404


def slot_rows(request: HttpRequest) -> int:
    return free_time.from_form(request.POST.getlist("slots"))


def posted(request: HttpRequest):
    """The form's values to show again after an error (None on a GET)."""
    return request.POST if request.method == "POST" else None


def small(value: str | None, digits: int) -> int | None:
    """A small whole number typed into a form (places, people needed), or None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < digits else None


def time_on(day: dt.date, value: str | None) -> dt.datetime | None:
    try:
        hour, minute = (int(x) for x in str(value or "").split(":")[:2])
        moment = dt.datetime.combine(day, dt.time(hour, minute))
    except ValueError:
        return None
    if moment.hour == 0 and moment.minute == 0 and str(value).startswith("24"):
        return None
    return timezone.make_aware(moment)


def record_input(request: HttpRequest) -> services.RecordInput:
    post = request.POST
    day = date_param(post.get("day"))
    if day:
        start, end = time_on(day, post.get("start")), time_on(day, post.get("end"))
    else:
        start, end = datetime_param(post.get("started_at")), datetime_param(post.get("ended_at"))
    return services.RecordInput(
        title=post.get("title", ""),
        place=post.get("place", ""),
        note=post.get("note", ""),
        started_at=start,
        ended_at=end,
        team_id=id_param(post.get("team")),
        project_id=id_param(post.get("project")),
        case_id=id_param(post.get("case")),
        duty_id=id_param(post.get("duty")),
    )
