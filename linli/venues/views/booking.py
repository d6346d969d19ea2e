"""Booking pages, the same on a desk and a phone: the venues and things, a week of a venue or a
thing, a thing's free slots of a day (book with one tap), one's bookings, and the booking's buttons
(cancel; for staff approve, refuse, check in, no-show)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import date_param, datetime_param, id_param, run_action
from linli.tenancy.community import community_with
from linli.venues import selectors, services
from linli.venues.models import Booking
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES
from linli.volunteering import selectors as volunteering
from linli.volunteering.scope import volunteer_scope

MINUTES = (30, 60, 90, 120, 180, 240)


def _thing(request, pk):
    thing = selectors.get_thing_for(request.user, pk)
    if thing is None:
        raise Http404
    return thing


def _monday(request) -> dt.date:
    return selectors.monday_of(date_param(request.GET.get("week")) or timezone.localdate())


def _week_nav(monday: dt.date) -> dict:
    return {"monday": monday, "prev": monday - dt.timedelta(days=7), "next": monday + dt.timedelta(days=7),
            "sunday": monday + dt.timedelta(days=6), "today": timezone.localdate()}  # fmt: skip


@login_required
def home(request):
    community, scope = community_with(request, BOOK_VENUES, MANAGE_VENUES)
    things = list(selectors.visible_things(request.user, community.pk).order_by("venue__name", "name"))
    by_venue: dict = {}
    for thing in things:
        by_venue.setdefault(thing.venue, []).append(thing)
    staff = scope.has(MANAGE_VENUES, community.pk)
    return render(request, "venues/home.html", {
        "by_venue": by_venue, "staff": staff, "venues": selectors.visible_venues(request.user, community.pk),
        "pending": list(selectors.pending_bookings(request.user, community.pk)[:50]),
        "door": list(selectors.today_at_the_door(request.user, community.pk)) if staff else [],
        "mine": list(selectors.my_bookings(request.user, community.pk)[:5]),
    })  # fmt: skip


@login_required
def venue_week(request, pk):
    venue = selectors.get_venue_for(request.user, pk)
    if venue is None:
        raise Http404
    things = list(selectors.visible_things(request.user, venue.community_id).filter(venue=venue))
    monday = _monday(request)
    days = selectors.week(actor=request.user, community_id=venue.community_id, things=things, monday=monday)
    rows = [(t, [d.by_thing.get(t.pk, []) for d in days]) for t in things]
    return render(request, "venues/venue_week.html", {"venue": venue, "days": days, "rows": rows, **_week_nav(monday)})


@login_required
def thing_week(request, pk):
    thing = _thing(request, pk)
    monday = _monday(request)
    days = selectors.week(actor=request.user, community_id=thing.community_id, things=[thing], monday=monday)
    first, last = selectors.grid_hours(days)
    selectors.place_in_grid(days, first)
    hours = [(h, (h - first) * 2 + 2) for h in range(first, last)]
    scope = scope_for(request.user)
    return render(request, "venues/thing_week.html", {
        "thing": thing, "days": days, "hours": hours, "grid_rows": (last - first) * 2 + 1, **_week_nav(monday),
        "can_book": scope.has(BOOK_VENUES, thing.community_id) or scope.has(MANAGE_VENUES, thing.community_id),
        "can_manage": scope.has(MANAGE_VENUES, thing.community_id),
        "teams_led": bool(volunteer_scope(scope).led_team_ids) and scope.has(BOOK_VENUES, thing.community_id),
    })  # fmt: skip


def _teams_for(request, community_id: int) -> list:
    scope = scope_for(request.user)
    if scope.has(MANAGE_VENUES, community_id):
        return list(volunteering.teams_of(community_id))
    led = volunteer_scope(scope).led_team_ids
    return [t for t in volunteering.teams_of(community_id) if t.pk in led] if led else []


def _minutes(request, thing) -> int:
    wanted = id_param(request.POST.get("minutes") or request.GET.get("minutes")) or min(60, thing.max_minutes)
    return wanted if wanted in MINUTES else 60


@login_required
def thing_book(request, pk):
    """Pick a day and a length, see the free slots, tap one to book it (or type a time)."""
    thing = _thing(request, pk)
    scope = scope_for(request.user)
    if not (scope.has(BOOK_VENUES, thing.community_id) or scope.has(MANAGE_VENUES, thing.community_id)):
        raise Http404
    minutes = _minutes(request, thing)
    today = timezone.localdate()
    day = date_param(request.POST.get("day") or request.GET.get("day")) or today
    error = None
    if request.method == "POST":
        start = datetime_param(request.POST.get("starts_at"))
        end = datetime_param(request.POST.get("ends_at")) or (start + dt.timedelta(minutes=minutes) if start else None)
        data = services.BookingInput(
            starts_at=start, ends_at=end, purpose=request.POST.get("purpose", ""),
            people=id_param(request.POST.get("people")) or 1, team_id=id_param(request.POST.get("team")),
        )  # fmt: skip
        try:
            booking = services.booking_create(actor=request.user, thing=thing, data=data)
        except DomainError as exc:
            error = exc
        else:
            if booking.status == Booking.Status.PENDING:
                messages.success(request, _("已提交预约申请，工作人员审批后生效。"))
            else:
                messages.success(request, _("预约成功：%(t)s %(at)s") % {"t": thing.name,
                                 "at": timezone.localtime(booking.starts_at).strftime("%m-%d %H:%M")})  # fmt: skip
            return redirect("venues:my_bookings")
    days = [today + dt.timedelta(days=i) for i in range(min(thing.horizon_days, 14) + 1)]
    return render(request, "venues/thing_book.html", {
        "thing": thing, "day": day, "days": days, "minutes": minutes,
        "lengths": [m for m in MINUTES if m <= thing.max_minutes] or [thing.max_minutes],
        "slots": selectors.free_slots(thing, day, minutes), "error": error, "values": request.POST or None,
        "teams": _teams_for(request, thing.community_id),
    }, status=409 if error else 200)  # fmt: skip


@login_required
def my_bookings(request):
    community, _scope = community_with(request, BOOK_VENUES, MANAGE_VENUES)
    return render(request, "venues/my_bookings.html", {
        "upcoming": list(selectors.my_bookings(request.user, community.pk)[:100]),
        "past": list(selectors.my_bookings(request.user, community.pk, upcoming=False)[:30]),
    })  # fmt: skip


def _cancel(user, booking, post):
    return services.booking_cancel(actor=user, booking=booking, reason=post.get("reason", ""))


def _approve(user, booking, post):
    return services.booking_decide(actor=user, booking=booking, approve=True)


def _refuse(user, booking, post):
    return services.booking_decide(actor=user, booking=booking, approve=False, note=post.get("note", ""))


def _check_in(user, booking, post):
    return services.booking_check_in(actor=user, booking=booking)


def _no_show(user, booking, post):
    return services.booking_no_show(actor=user, booking=booking)


ACTIONS = {
    "cancel": (_cancel, gettext_lazy("已取消预约。")),
    "approve": (_approve, gettext_lazy("已批准预约。")),
    "refuse": (_refuse, gettext_lazy("已退回预约申请。")),
    "check_in": (_check_in, gettext_lazy("已签到。")),
    "no_show": (_no_show, gettext_lazy("已登记为未到。")),
}


@login_required
@require_POST
def booking_action(request, pk, what):
    booking = selectors.get_booking_for(request.user, pk)
    if booking is None or what not in ACTIONS:
        raise Http404
    call, done = ACTIONS[what]
    run_action(request, lambda: call(request.user, booking, request.POST), done)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/venues/") else "venues:my_bookings")


@login_required
def photo(request, pk):
    thing = _thing(request, pk)
    if not thing.photo:
        raise Http404
    response = FileResponse(thing.photo.open("rb"), content_type=thing.photo_type or "image/jpeg")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
