import datetime as dt

from django.http import Http404, HttpRequest
from django.utils import timezone

from linli.activities.permissions import MANAGE_EVENTS
from linli.activities.services import EventInput
from linli.core.ui import datetime_param, id_param
from linli.tenancy.community import active_community, community_with


def managing(request: HttpRequest):
    community, _scope = community_with(request, MANAGE_EVENTS)
    return community


def member_community(request: HttpRequest):
    community = active_community(request)
    if community is None:
        raise Http404
    return community


def _int(value) -> int | None:
    try:
        return int(value) if str(value).strip() else None
    except (TypeError, ValueError):
        return None


def event_input(request: HttpRequest) -> EventInput:
    p = request.POST
    audience: dict = {}
    if (low := _int(p.get("min_age"))) is not None:
        audience["min_age"] = low
    if (high := _int(p.get("max_age"))) is not None:
        audience["max_age"] = high
    if p.get("with_children"):
        audience["with_children"] = True
    if compounds := [c for c in (id_param(v) for v in p.getlist("compounds")) if c]:
        audience["compounds"] = compounds
    if tags := [t for t in (id_param(v) for v in p.getlist("tags")) if t]:
        audience["tags"] = tags
    if sources := [s for s in p.getlist("sources") if s]:
        audience["sources"] = sources
    return EventInput(
        title=p.get("title", ""), category_id=id_param(p.get("category")), organiser=p.get("organiser", ""),
        compound_id=id_param(p.get("compound")), place=p.get("place", ""),
        room_id=id_param(p.get("room")),
        starts_at=datetime_param(p.get("starts_at")), ends_at=datetime_param(p.get("ends_at")),
        description=p.get("description", ""), public=bool(p.get("public")), capacity=_int(p.get("capacity")),
        audience=audience, cancel_until=datetime_param(p.get("cancel_until")), draft=bool(p.get("draft")),
    )  # fmt: skip


def local_input(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""


def this_week(request: HttpRequest) -> dt.date:
    """The Monday of the week asked for (?day=2026-12-03), or of this week."""
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


def this_month(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month
