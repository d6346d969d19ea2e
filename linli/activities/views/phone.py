"""The resident's phone pages: events open to me, an event's page (sign up, cancel), my code, my
history."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.activities import selectors
from linli.activities.views.common import member_community
from linli.core.errors import DomainError
from linli.core.ui import id_param
from linli.participation import selectors as engine
from linli.participation import services as engine_services


@login_required
def browse(request: HttpRequest) -> HttpResponse:
    community = member_community(request)
    context = {"community": community, "events": selectors.browse(request.user, community.pk)}
    return render(request, "activities/browse.html", context)


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_event_for(request.user, pk)
    context = selectors.event_page(request.user, item)
    people = selectors.my_people(request.user, item.community_id, timezone.localdate(item.starts_at))
    mine = {r.resident_id: r for r in engine.registrations_of(request.user, item.community_id,
            [p.pk for p in people], [item.offering_id]) if r.status != "cancelled"}  # fmt: skip
    context["people"] = [(p, mine.get(p.pk)) for p in people]
    for registration in mine.values():
        registration.position = engine.waitlist_position(registration)
    return render(request, "activities/event.html", context)


@login_required
@require_POST
def signup(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_event_for(request.user, pk)
    people = {p.pk: p for p in selectors.my_people(request.user, item.community_id, timezone.localdate())}
    resident = people.get(id_param(request.POST.get("resident")) or 0)
    if resident is None:
        messages.error(request, _("您的账号还没有关联居民登记，请到社区办理后再报名。"))
        return redirect("activities:event", item.pk)
    try:
        row = engine_services.register(actor=request.user, offering=item.offering, resident=resident)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if row.status == "waitlisted":
            messages.warning(
                request, _("名额已满，%(name)s已进入候补名单；有人取消时按顺序递补并通知您。") % {"name": resident.name}
            )
        else:
            messages.success(request, _("%(name)s报名成功！活动当天出示签到码即可。") % {"name": resident.name})
    return redirect("activities:event", item.pk)


def _registration_for(request: HttpRequest, pk: int):
    """His own, his child's (he signed them up), or, for staff, any of the community's."""
    found = engine.registrations_visible(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration_for(request, pk)
    event = selectors.event_of_offering(request.user, registration.offering)
    try:
        promoted = engine_services.cancel(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已取消报名。") + (_("名额已让给候补的居民。") if promoted else ""))
    return redirect("activities:event", event.pk) if event else redirect("activities:mine")


@login_required
def code(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration_for(request, pk)
    if registration.status not in ("confirmed", "attended"):
        messages.error(request, _("只有已获得名额的报名才有签到码。"))
        return redirect("activities:mine")
    text = engine.code_of(registration)
    qr = segno.make(text, error="m").svg_inline(scale=8, border=2)
    event = selectors.event_of_offering(request.user, registration.offering)
    return render(request, "activities/code.html", {"registration": registration, "event": event, "qr": qr,
                                                    "text": text})  # fmt: skip


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    community = member_community(request)
    rows = selectors.my_registrations(request.user, community.pk)
    now = timezone.now()
    return render(request, "activities/mine.html", {
        "community": community,
        "coming": [r for r in rows if r.offering.ends_at >= now],
        "past": [r for r in rows if r.offering.ends_at < now],
    })  # fmt: skip
