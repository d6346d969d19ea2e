"""Staff pages: a venue with its weekly hours and closures, a thing with its booking rules and photo,
putting a thing out of service; and the weekly series of a team (its leader may make one too)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_time
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, run_action
from linli.places.models import Compound
from linli.tenancy.community import community_with
from linli.venues import selectors, services
from linli.venues.models import Thing, Venue, Who
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES
from linli.venues.services.rules import WEEKDAYS
from linli.venues.views.booking import _teams_for, _thing


def _time(value) -> dt.time | None:
    try:
        return parse_time(str(value or "").strip())
    except ValueError:
        return None


def _managed_venue(request, pk) -> Venue:
    venue = selectors.get_venue_for(request.user, pk)
    if venue is None or not scope_for(request.user).has(MANAGE_VENUES, venue.community_id):
        raise Http404
    return venue


@login_required
def venue_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_VENUES)
    venue = _managed_venue(request, pk) if pk else None
    error = None
    if request.method == "POST":
        post = request.POST
        try:
            venue = services.venue_save(
                actor=request.user, community=community, venue=venue, name=post.get("name", ""),
                kind=post.get("kind", ""), compound_id=id_param(post.get("compound")),
                address=post.get("address", ""), note=post.get("note", ""),
            )  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存场所。"))
            return redirect("venues:venue_edit", pk=venue.pk)
    hours = {}
    closures = []
    if venue is not None:
        rows, closures = selectors.venue_calendar(venue)
        for row in rows:
            hours.setdefault(row.weekday, []).append(row)
    return render(request, "venues/venue_form.html", {
        "venue": venue, "error": error, "values": request.POST or None, "kinds": Venue.Kind.choices,
        "compounds": Compound.objects.in_community(community).order_by("name"),
        "weekdays": [(i, WEEKDAYS[i], hours.get(i, [])) for i in range(7)], "closures": closures,
    })  # fmt: skip


@login_required
@require_POST
def venue_hours(request, pk):
    venue = _managed_venue(request, pk)
    weekly = {}
    for day in range(7):
        intervals = []
        for n in (1, 2):
            opens, closes = _time(request.POST.get(f"d{day}_open{n}")), _time(request.POST.get(f"d{day}_close{n}"))
            if opens and closes:
                intervals.append((opens, closes))
        if intervals:
            weekly[day] = intervals
    run_action(
        request, lambda: services.hours_set(actor=request.user, venue=venue, weekly=weekly), _("已保存开放时间。")
    )
    return redirect("venues:venue_edit", pk=venue.pk)


@login_required
@require_POST
def closure_add(request, pk):
    venue = _managed_venue(request, pk)
    post = request.POST
    run_action(request, lambda: services.closure_add(
        actor=request.user, venue=venue, date=date_param(post.get("date")), reason=post.get("reason", ""),
        opens_at=_time(post.get("opens_at")), closes_at=_time(post.get("closes_at")),
    ), _("已登记例外安排。"))  # fmt: skip
    return redirect("venues:venue_edit", pk=venue.pk)


def _int(post, name: str, default: int) -> int:
    value = post.get(name, "")
    return id_param(value) if id_param(value) is not None else (default if value == "" else -1)  # type: ignore[return-value]


def _thing_input(post, files) -> services.ThingInput:
    return services.ThingInput(
        venue_id=id_param(post.get("venue")), name=post.get("name", ""), kind=post.get("kind", ""),
        capacity=_int(post, "capacity", 1), note=post.get("note", ""), who_may_book=post.get("who_may_book", ""),
        lead_hours=_int(post, "lead_hours", 0), horizon_days=_int(post, "horizon_days", 30),
        max_minutes=_int(post, "max_minutes", 120), weekly_limit=_int(post, "weekly_limit", 3),
        needs_approval=bool(post.get("needs_approval")), buffer_minutes=_int(post, "buffer_minutes", 0),
        photo=files.get("photo"),
    )  # fmt: skip


@login_required
def thing_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_VENUES)
    thing = _thing(request, pk) if pk else None
    error = None
    if request.method == "POST":
        try:
            thing = services.thing_save(actor=request.user, community=community, thing=thing,
                                        data=_thing_input(request.POST, request.FILES))  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存场地信息。"))
            return redirect("venues:thing_week", pk=thing.pk)
    return render(request, "venues/thing_form.html", {
        "thing": thing, "error": error, "values": request.POST or None, "kinds": Thing.Kind.choices,
        "whos": Who.choices, "venues": selectors.visible_venues(request.user, community.pk),
        "venue_id": id_param(request.GET.get("venue")),
    }, status=400 if error else 200)  # fmt: skip


@login_required
@require_POST
def thing_service(request, pk):
    thing = _thing(request, pk)
    if not scope_for(request.user).has(MANAGE_VENUES, thing.community_id):
        raise Http404
    out = request.POST.get("out") == "1"
    run_action(request, lambda: services.thing_set_service(
        actor=request.user, thing=thing, out_of_service=out, note=request.POST.get("note", "")),
        _("已暂停使用。") if out else _("已恢复使用。"))  # fmt: skip
    return redirect("venues:thing_week", pk=thing.pk)


def _series_input(post) -> services.SeriesInput:
    return services.SeriesInput(
        first_date=date_param(post.get("first_date")), weeks=id_param(post.get("weeks")) or 0,
        starts_time=_time(post.get("starts_time")), ends_time=_time(post.get("ends_time")),
        purpose=post.get("purpose", ""), team_id=id_param(post.get("team")),
    )  # fmt: skip


@login_required
def series_form(request, pk):
    """A weekly booking: first the dates and their clashes (nothing saved), then save."""
    thing = _thing(request, pk)
    scope = scope_for(request.user)
    teams = _teams_for(request, thing.community_id)
    if not (scope.has(MANAGE_VENUES, thing.community_id) or (teams and scope.has(BOOK_VENUES, thing.community_id))):
        raise Http404
    error, preview = None, None
    if request.method == "POST":
        data = _series_input(request.POST)
        try:
            if request.POST.get("save"):
                series = services.series_create(actor=request.user, thing=thing, data=data,
                                                skip_clashes=bool(request.POST.get("skip")))  # fmt: skip
                messages.success(request, _("已建立每周固定预约，共%(n)d次。") % {"n": series.bookings.count()})
                return redirect("venues:thing_week", pk=thing.pk)
            preview = services.series_preview(actor=request.user, thing=thing, data=data)
        except DomainError as exc:
            error = exc
    return render(request, "venues/series_form.html", {
        "thing": thing, "teams": teams, "error": error, "preview": preview, "values": request.POST or None,
        "clashes": sum(1 for o in preview or [] if o.problem),
    })  # fmt: skip
